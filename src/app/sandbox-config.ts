// A configuration pointing at the simulators: printed by `mlc sandbox`, written by `mlc demo`.
export interface SandboxEndpoints {
  bamboohrUrl: string;
  companyDomain: string;
}

export function sandboxConfigYaml(e: SandboxEndpoints, statePath = './mlc-sandbox.db'): string {
  return [
    '# yaml-language-server: $schema=./mlc.schema.json',
    '# mlc configuration for the local simulators (`mlc sandbox`). The API key comes from',
    '# MLC_BAMBOOHR_API_KEY or `mlc auth set bamboohr api_key`.',
    'timezone: America/Denver',
    'state:',
    `  path: ${statePath}`,
    'bamboohr:',
    `  companyDomain: ${e.companyDomain}`,
    `  baseUrl: ${e.bamboohrUrl}`,
    '  auth: apiKey',
    '',
  ].join('\n');
}
