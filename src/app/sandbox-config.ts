// A configuration pointing at the simulators: printed by `mlc sandbox`, written by `mlc demo`
// and the tests. The ERP's part (target, flow, lookups) comes from its simulator's sandbox.
import type { ErpSandbox } from '../sim/erp-sandbox.js';

export interface SandboxEndpoints {
  bamboohrUrl: string;
  companyDomain: string;
  erp?: ErpSandbox | undefined;
}

export function sandboxConfigYaml(e: SandboxEndpoints, opts: { statePath?: string; lookupFiles?: boolean } = {}): string {
  const secrets = e.erp ? Object.keys(e.erp.env()).join(', ') : '';
  const lines = [
    '# yaml-language-server: $schema=./mlc.schema.json',
    '# mlc configuration for the local simulators (`mlc sandbox`). Secrets come from the',
    `# environment (MLC_BAMBOOHR_API_KEY${secrets ? `, ${secrets}` : ''}) or \`mlc auth set\`.`,
    'timezone: America/Denver',
    'state:',
    `  path: ${opts.statePath ?? './mlc-sandbox.db'}`,
    'bamboohr:',
    `  companyDomain: ${e.companyDomain}`,
    `  baseUrl: ${e.bamboohrUrl}`,
    '  auth: apiKey',
  ];
  return [...lines, ...(e.erp ? [e.erp.configYaml({ lookupFiles: opts.lookupFiles ?? false }).trimEnd()] : []), ''].join('\n');
}
