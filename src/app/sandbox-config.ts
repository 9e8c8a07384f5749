// A configuration pointing at the simulators: printed by `mlc sandbox`, written by `mlc demo`.
// The lookups map the simulated BambooHR company onto the simulated NetSuite account's ids.
import { defaultReferenceData } from '../sim/netsuite/index.js';

export interface SandboxEndpoints {
  bamboohrUrl: string;
  companyDomain: string;
  netsuite?: { url: string; accountId: string; clientId: string; certificateId: string; algorithm: string };
}

const q = (s: string) => JSON.stringify(s);

/** BambooHR location → NetSuite subsidiary of the simulated account. */
export const SUBSIDIARY_BY_LOCATION: Record<string, string> = {
  'Denver, Colorado': '2', 'New York, New York': '2', 'Toronto, Ontario': '3', 'Vancouver, British Columbia': '3',
  'London, UK': '4', 'Berlin, Germany': '5', 'Dublin, Ireland': '5', Singapore: '6',
};

export function departmentsCsv(): string {
  const rows = defaultReferenceData().department.filter((d) => !d.isInactive).map((d) => `${q(d.name)},${d.id}`);
  return ['bamboohr_department,netsuite_department_id', ...rows, ''].join('\n');
}

function inline(names: Array<{ name: string; id: string; isInactive: boolean }>, indent: string): string[] {
  return names.filter((n) => !n.isInactive).map((n) => `${indent}${q(n.name)}: "${n.id}"`);
}

export function sandboxConfigYaml(e: SandboxEndpoints, opts: { statePath?: string; departmentsFile?: string } = {}): string {
  const ref = defaultReferenceData();
  const lines = [
    '# yaml-language-server: $schema=./mlc.schema.json',
    '# mlc configuration for the local simulators (`mlc sandbox`). Secrets come from the',
    '# environment (MLC_BAMBOOHR_API_KEY, MLC_NETSUITE_PRIVATE_KEY) or `mlc auth set`.',
    'timezone: America/Denver',
    'state:',
    `  path: ${opts.statePath ?? './mlc-sandbox.db'}`,
    'bamboohr:',
    `  companyDomain: ${e.companyDomain}`,
    `  baseUrl: ${e.bamboohrUrl}`,
    '  auth: apiKey',
  ];
  if (!e.netsuite) return [...lines, ''].join('\n');
  const n = e.netsuite;
  lines.push(
    'targets:',
    '  netsuite:',
    '    type: netsuite',
    `    accountId: ${n.accountId}`,
    `    baseUrl: ${n.url}`,
    `    clientId: ${n.clientId}`,
    `    certificateId: ${n.certificateId}`,
    `    algorithm: ${n.algorithm}`,
    '    concurrency: 4',
    'flows:',
    '  employees:',
    '    target: netsuite',
    '    references:',
    '      subsidiary:',
    '        from: location',
    '        lookup:',
    ...Object.entries(SUBSIDIARY_BY_LOCATION).map(([loc, id]) => `          ${q(loc)}: "${id}"`),
    '      department:',
    '        from: department',
    ...(opts.departmentsFile ? [`        lookup: { file: ${opts.departmentsFile} }`] : ['        lookup:', ...inline(ref.department, '          ')]),
    '      class:',
    '        from: division',
    '        lookup:',
    ...inline(ref.classification, '          '),
    '      location:',
    '        from: location',
    '        lookup:',
    ...inline(ref.location, '          '),
    '    fields:',
    '      title: jobTitle',
    '',
  );
  return lines.join('\n');
}
