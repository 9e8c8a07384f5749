import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes an mlc.yaml for the simulators into `dir` and returns its path. */
export function writeSimConfig(dir: string, bambooUrl: string, extra = ''): string {
  const file = join(dir, 'mlc.yaml');
  writeFileSync(file, `timezone: America/Denver\nstate:\n  path: ./state.db\nbamboohr:\n  companyDomain: acme\n  baseUrl: ${bambooUrl}\n${extra}`);
  return file;
}
