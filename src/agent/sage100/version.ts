// The agent's version is the package's: src/agent/sage100 and dist/agent/sage100 both sit
// three folders below package.json.
import { readFileSync } from 'node:fs';

export function agentVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
