// Bad configuration and bad command lines: exit 2, every problem named, nothing written.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { departmentsCsv } from '../../src/sim/netsuite/sandbox.js';
import type { Case } from './bad-input-types.js';

const cfg = (name: string, edit: (y: string) => string, says: string | RegExp, args = ['sync']): Case => ({
  name, prepare: 'fresh', arrange: (c) => c.edit(edit), args, code: 2, says, noState: true,
  repair: (c) => c.edit(() => c.t.sb.configYaml({ statePath: './mlc.db', lookupFiles: true })),
});

export const CASES_CONFIG: Case[] = [
  cfg('broken YAML: an unclosed quote', (y) => y.replace('timezone: America/Denver', 'timezone: "America/Denver'), /mlc\.yaml:\d+:\d+ YAML: Missing closing "quote/),
  cfg('broken YAML: a tab in the indentation', (y) => y.replace('  companyDomain: acme', '\tcompanyDomain: acme'), /mlc\.yaml:\d+:\d+ YAML: /),
  cfg('mistyped YAML: a word where a number goes', (y) => y.replace('    concurrency: 4', '    concurrency: four'), /mlc\.yaml:\d+:\d+ targets\.netsuite\.concurrency: expected number, got "four"/),
  cfg('unknown key (a typo)', (y) => y.replace('  companyDomain: acme', '  companyDomian: acme'), 'bamboohr.companyDomian: unknown key (did you mean "companyDomain"?)'),
  cfg('duplicate key', (y) => y.replace('timezone: America/Denver', 'timezone: America/Denver\ntimezone: UTC'), /YAML: Map keys must be unique/),
  cfg('empty file', () => '', 'expected a YAML mapping (key: value lines); the file is empty or not a mapping'),
  cfg('a list where a mapping goes', () => '- timezone: UTC\n', 'expected a YAML mapping'),
  cfg('required key missing', (y) => y.replace('timezone: America/Denver\n', ''), 'timezone: is required (string)'),
  cfg('unknown time zone', (y) => y.replace('America/Denver', 'America/Springfield'), 'timezone: unknown time zone; use an IANA name'),
  cfg('bad duration', (y) => y.replace('  auth: apiKey', '  auth: apiKey\n  timeout: 30 seconds'), 'bamboohr.timeout: expected a duration such as 500ms, 30s, 10m, 26h or 7d'),
  cfg('plain http to a remote host', (y) => y.replace(/baseUrl: http:\/\/127\.0\.0\.1:(\d+)\n  auth/, 'baseUrl: http://bamboo.example.com:$1\n  auth'), 'bamboohr.baseUrl: use https (plain http is only allowed for loopback addresses)'),
  cfg('flow pointing at a target that does not exist', (y) => y.replace('    target: netsuite\n', '    target: netsuit\n'), 'flows.employees.target: no target named "netsuit" (targets: netsuite)'),
  cfg('lookup file missing', (y) => y.replace('./departments.csv', './missing.csv'), /flows\.employees\.references\.department\.lookup\.file: cannot read .*missing\.csv: ENOENT/),
  {
    ...cfg('lookup file with a broken row', (y) => y, /departments\.csv:3:1 flows\.employees\.references\.department\.lookup\.file: expected two columns/),
    arrange: (c) => writeFileSync(join(c.dir, 'departments.csv'), 'bamboohr,netsuite\nEngineering,101\nSales\n'),
    repair: (c) => writeFileSync(join(c.dir, 'departments.csv'), departmentsCsv()),
  },
  cfg('unknown ERP type', (y) => y.replace('    type: netsuite', '    type: quickbooks'), 'targets.netsuite.type: expected one of "netsuite"'),
  cfg('reference slot the ERP does not have', (y) => y.replace('      class:\n', '      costCentre:\n'), 'Oracle NetSuite has no reference "costCentre"'),
  {
    ...cfg('configuration file not found', (y) => y, 'configuration file not found'),
    arrange: (c) => renameSync(c.t.config, `${c.t.config}.away`),
    repair: (c) => renameSync(`${c.t.config}.away`, c.t.config),
  },
  { ...cfg('MLC_NOW that is not a timestamp', (y) => y, 'MLC_NOW must be an ISO timestamp such as 2026-12-01T09:00:00Z, got "next tuesday"'), env: { MLC_NOW: 'next tuesday' } },
  { ...cfg('--as-of without --dry-run', (y) => y, '--as-of plans another day and needs --dry-run'), args: ['sync', '--as-of', '2026-12-01'] },
  { ...cfg('--as-of an impossible date', (y) => y, '--as-of must be a date such as 2026-12-01, got "2026-02-30"'), args: ['sync', '--dry-run', '--as-of', '2026-02-30'] },
  { ...cfg('unknown command option', (y) => y, "unknown option '--fll'"), args: ['sync', '--fll'] },
];
