// What a new user trips on, below the CLI: indentation pointed at the culprit line, did-you-mean
// in nested target and flow keys, durations written as numbers, lookup CSVs without a header,
// the summary line's reasons and next step, and reasons wrapped whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_REDACT } from '../../src/config/schema.js';
import { ConfigError, formatProblem } from '../../src/domain/errors.js';
import { redactor } from '../../src/domain/redact-payload.js';
import { problems as reasons, problemsText } from '../../src/cli/format/summary.js';
import { textTable, wrap } from '../../src/cli/format/table.js';

const BASE = [
  'timezone: UTC', // 1
  'bamboohr:', // 2
  '  companyDomain: acme', // 3
  '  auth: apiKey', // 4
  'targets:', // 5
  '  netsuite:', // 6
  '    type: netsuite', // 7
  '    accountId: 1234567_SB1', // 8
  '    clientId: c', // 9
  '    certificateId: k', // 10
  '    concurrency: 4', // 11
];

function problems(lines: string[], dir = '/etc/mlc'): string[] {
  try {
    parseConfig(lines.join('\n') + '\n', join(dir, 'mlc.yaml'));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

const edit = (n: number, line: string) => BASE.map((l, i) => (i === n - 1 ? line : l));

describe('indentation mistakes are reported on the culprit line', () => {
  it('a de-indented line', () => {
    expect(problems(edit(9, '   clientId: c'))).toEqual(['/etc/mlc/mlc.yaml:9:4 YAML: "clientId" is indented 3 spaces, between the 4 of the keys above it (line 7) and the 2 of the level around them: indent it 4 spaces to stay in that block, or 2 to end it']);
  });

  it('an over-indented line (the parser complains about the line above it)', () => {
    expect(problems(edit(9, '      clientId: c'))).toEqual(['/etc/mlc/mlc.yaml:9:7 YAML: "clientId" is indented 6 spaces, more than line 8 above it (4), which already has a value: indent it 4 spaces like the other keys of its block']);
  });

  it('an over-indented first key (the parser complains about the keys after it)', () => {
    expect(problems(edit(3, '    companyDomain: acme'))).toEqual(['/etc/mlc/mlc.yaml:3:5 YAML: "companyDomain" is indented 4 spaces, but the other keys under "bamboohr" (line 2) use 2: indent it 2 spaces']);
  });

  it('a line de-indented to the level above, which is valid YAML, says it may be indented too little', () => {
    expect(problems(edit(11, '  concurrency: 4'))).toEqual(['/etc/mlc/mlc.yaml:11:16 targets.concurrency: expected object, got 4 (is the line indented too little? "concurrency" is a setting of targets.netsuite, the entry above it)']);
  });

  it('leaves other YAML errors as the parser words them', () => {
    expect(problems(edit(3, '  companyDomain: "acme'))[0]).toMatch(/mlc\.yaml:\d+:\d+ YAML: Missing closing "quote/);
  });
});

describe('did you mean, everywhere', () => {
  it('in a target (a record of a discriminated union), its retry block, a flow and state', () => {
    const found = problems([
      ...edit(11, '    concurency: 4'),
      '    retry: { maxAtempts: 3 }',
      'state:',
      '  busyTimeot: 10s',
      'flows:',
      '  employees:',
      '    target: netsuite',
      '    unmaped: park',
    ]);
    expect(found).toEqual([
      '/etc/mlc/mlc.yaml:11:5 targets.netsuite.concurency: unknown key (did you mean "concurrency"?)',
      '/etc/mlc/mlc.yaml:12:14 targets.netsuite.retry.maxAtempts: unknown key (did you mean "maxAttempts"?)',
      '/etc/mlc/mlc.yaml:14:3 state.busyTimeot: unknown key (did you mean "busyTimeout"?)',
      '/etc/mlc/mlc.yaml:18:5 flows.employees.unmaped: unknown key (did you mean "unmapped"?)',
    ]);
  });

  it('a duration written as a bare number', () => {
    expect(problems([...BASE, 'state:', '  busyTimeout: 10000'])).toEqual(['/etc/mlc/mlc.yaml:13:16 state.busyTimeout: expected a duration such as 10s, got the number 10000: a duration needs its unit (10000ms is 10s)']);
  });
});

describe('lookup CSV files', () => {
  const flow = ['flows:', '  employees:', '    target: netsuite', '    references:', '      subsidiary: { value: 1 }', '      department: { from: department, lookup: { file: dept.csv } }'];
  const withCsv = (csv: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-unit-'));
    writeFileSync(join(dir, 'dept.csv'), csv);
    return problems([...BASE, ...flow], dir).map((p) => p.replace(dir, '<dir>'));
  };

  it('refuses a file whose first row is data, not a header that names the columns', () => {
    expect(withCsv('Engineering,101\nSales,104\n')).toEqual([
      '<dir>/dept.csv:1:1 flows.employees.references.department.lookup.file: the first row must be a header naming the columns, BambooHR\'s then the ERP\'s (e.g. bamboohr_department,netsuite_department_id); got "Engineering,101", which would be skipped as the header: add a header row',
    ]);
  });

  it('accepts headers that name the BambooHR side and the ERP side', () => {
    for (const head of ['bamboohr,netsuite', 'bamboohr_department,netsuite_department_id', 'Department,Internal ID', 'BambooHR Department,ERP']) expect(withCsv(`${head}\nSales,104\n`), head).toEqual([]);
  });
});

describe('the summary line of a partial run', () => {
  const r = redactor(DEFAULT_REDACT);
  const parked = (dept: string) => ({ status: 'parked' as const, errorCode: 'unmapped', key: 'bhr-1', erpKey: null, reason: `department: no lookup for department "${dept}" in /srv/mlc/departments.csv` });

  it('groups by reason, most frequent first, and ends with the next step', () => {
    const items = [...Array.from({ length: 13 }, () => parked('Legal')), parked('Quantum Research'), { status: 'failed' as const, errorCode: 'record_failed', key: 'bhr-133', erpKey: '7', reason: 'NetSuite PUT employee eid:bhr-133: HTTP 500 UNEXPECTED_ERROR: An unexpected error occurred.' }];
    const text = problemsText(reasons(items, r), 'RUN1');
    expect(text).toBe('13 parked: no lookup for department "Legal" → add it to departments.csv; 1 failed: NetSuite PUT employee: HTTP 500 UNEXPECTED_ERROR: An unexpected error occurred. → the next run retries it; 1 parked: no lookup for department "Quantum Research" → add it to departments.csv, then mlc replay RUN1');
    expect(text).not.toContain('\n');
  });

  it('redacts reasons and says "or now" when the next run retries everything', () => {
    const text = problemsText(reasons([{ status: 'failed', errorCode: 'record_failed', key: 'bhr-9', erpKey: null, reason: 'NetSuite PUT employee eid:bhr-9: INVALID: payRate: 12345.67; refused' }], r), 'R');
    expect(text).toBe('1 failed: NetSuite PUT employee: INVALID: payRate: [redacted]; refused → the next run retries it (or now: mlc replay R)');
  });
});

describe('whole reasons in tables', () => {
  it('wraps the last column under itself on a terminal, never cuts it', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    expect(textTable(['ID', 'REASON'], [['1', text]], { wrapAt: 50 })).toEqual(['ID  REASON', '1   one two three four five six seven eight nine', '    ten eleven twelve']);
    // Too narrow beside the columns: below the row, over the whole width.
    expect(textTable(['ID', 'NAME', 'REASON'], [['1', 'x'.repeat(30), text]], { wrapAt: 60 })).toEqual([`ID  NAME${' '.repeat(26)}  REASON`, `1   ${'x'.repeat(30)}`, '    one two three four five six seven eight nine ten eleven', '    twelve']);
    expect(textTable(['ID', 'REASON'], [['1', text]], { wrapAt: 16, wide: true })).toEqual(['ID  REASON', `1   ${text}`]);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
