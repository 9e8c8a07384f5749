// Flows in the configuration: lookups inline and in CSV files, and the rules that keep a flow
// consistent with its target, each problem with its file and line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { parseCsv } from '../../src/config/csv.js';
import { ConfigError, formatProblem } from '../../src/domain/errors.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const head = (flows: string, dir: string, targets = '') =>
  `timezone: UTC\nbamboohr:\n  companyDomain: acme\ntargets:\n  ns:\n    type: netsuite\n    accountId: 123_SB1\n    clientId: c\n    certificateId: k\n${targets}flows:\n${flows}`;
function problems(text: string, dir: string): string[] {
  try {
    parseConfig(text, join(dir, 'mlc.yaml'));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

describe('flows', () => {
  it('reads CSV lookups with quoted values, a BOM and CRLF line ends', () => {
    expect(parseCsv('\uFEFFbamboohr,netsuite\r\n"Denver, Colorado",11\r\nSales,"104"\r\n').rows.map((r) => r.cells)).toEqual([
      ['bamboohr', 'netsuite'], ['Denver, Colorado', '11'], ['Sales', '104'],
    ]);
    expect(parseCsv('a,b\n"open,1\n').error).toEqual({ line: 2, message: 'a quoted value is not closed' });
  });

  it('loads a flow with inline and file lookups', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dept.csv'), 'bamboohr,netsuite\nSales,104\n"Research & Development",112\n');
    const { config } = parseConfig(head('  employees:\n    target: ns\n    references:\n      subsidiary: { value: 2 }\n      department: { from: department, lookup: { file: dept.csv } }\n      class:\n        from: division\n        lookup: { EMEA: 2 }\n    fields: { title: jobTitle }\n', dir), join(dir, 'mlc.yaml'));
    const f = config.flows[0]!;
    expect(f.unmapped).toBe('park');
    expect(f.references.subsidiary).toEqual({ kind: 'value', value: '2' });
    const dept = f.references.department;
    expect(dept?.kind === 'lookup' && [...dept.table.map]).toEqual([['Sales', '104'], ['Research & Development', '112']]);
    expect(config.targets.ns).toMatchObject({ baseUrl: 'https://123-sb1.suitetalk.api.netsuite.com', concurrency: 4, externalIdPrefix: 'bhr-' });
  });

  it('reports CSV problems at their own file and line, and flow mistakes at theirs', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dept.csv'), 'bamboohr,netsuite\nSales,104\nFinance\nSales,105\n');
    const out = problems(
      head(
        [
          '  employees:',
          '    target: nope',
          '  other:',
          '    target: ns',
          '    unmapped: default',
          '    references:',
          '      department: { from: department, lookup: { file: dept.csv } }',
          '      costCenter: { value: 7 }',
          '      location: { from: office, lookup: { A: 1 }, default: 3 }',
          '    fields: { salary: payRate }',
          '',
        ].join('\n'),
        dir,
      ),
      dir,
    );
    const csv = join(dir, 'dept.csv');
    const yml = join(dir, 'mlc.yaml');
    expect(out).toEqual([
      `${csv}:3:1 flows.other.references.department.lookup.file: expected two columns (BambooHR value, ERP id), got "Finance"`,
      `${csv}:4:1 flows.other.references.department.lookup.file: "Sales" is mapped twice (to 104 and 105)`,
      `${yml}:12:13 flows.employees.target: no target named "nope" (targets: ns)`,
      `${yml}:17:7 flows.other.references: Oracle NetSuite needs "subsidiary": the subsidiary (required by NetSuite on create)`,
      `${yml}:17:19 flows.other.references.department: the flow says unmapped: default, so this lookup needs a default`,
      `${yml}:18:19 flows.other.references.costCenter: Oracle NetSuite has no reference "costCenter" (use subsidiary, department, class, location)`,
      `${yml}:19:25 flows.other.references.location.from: "office" is not a BambooHR field mlc reads; add it to bamboohr.fields or use department, division, location, jobTitle, employmentStatus, …`,
      `${yml}:20:23 flows.other.fields.salary: not a field mlc can write to Oracle NetSuite; use one of title, email, phone, mobilePhone, middleName, comments, initials, homePhone, officePhone, or a custom field custentity_…`,
      `${yml}:20:23 flows.other.fields.salary: "payRate" is not a BambooHR field mlc reads; add it to bamboohr.fields or use department, division, location, jobTitle, employmentStatus, …`,
    ]);
  });

  it('reports an unknown target type with the accepted ones', () => {
    const dir = tmp();
    const out = problems('timezone: UTC\nbamboohr:\n  companyDomain: acme\ntargets:\n  x:\n    type: quickbooks\n', dir);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/mlc\.yaml:6:11 targets\.x\.type: expected one of "netsuite"(, "[a-z0-9-]+")*, got "quickbooks"$/);
  });
});
