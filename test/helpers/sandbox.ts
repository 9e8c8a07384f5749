// A sandbox per test: BambooHR and one ERP simulator (NetSuite unless `erp` says otherwise),
// a temporary folder with mlc.yaml, the lookup files and the state file, and the environment
// holding the secrets. `run` calls the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/app/sandbox.js';
import { runMlc, type CliResult } from './cli.js';

export interface TestSandbox {
  sb: Sandbox;
  dir: string;
  config: string;
  env: Record<string, string>;
  run(args: string[], env?: Record<string, string>, prefix?: string[]): Promise<CliResult>;
  json<T>(args: string[], env?: Record<string, string>): Promise<{ res: CliResult; out: T }>;
  /** Writes the sandbox's configuration again (after a test broke it). */
  rewriteConfig(): void;
  close(): Promise<void>;
}

export async function testSandbox(dir: string, opts: Partial<SandboxOptions> & { extraConfig?: string } = {}): Promise<TestSandbox> {
  // The simulated BambooHR starts at midday (company time) of today's date, so a test that
  // moves its clock a few minutes never crosses midnight and disagrees with mlc about "today".
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date());
  const sb = await startSandbox({ seed: 17, size: 40, start: `${today}T19:00:00Z`, ...opts });
  for (const [name, text] of Object.entries(sb.erp.files())) writeFileSync(join(dir, name), text);
  const config = join(dir, 'mlc.yaml');
  const rewriteConfig = () => writeFileSync(config, sb.configYaml({ statePath: './mlc.db', lookupFiles: true }) + (opts.extraConfig ?? ''));
  rewriteConfig();
  const env = { ...sb.env(), HOME: dir };
  const run = (args: string[], extra: Record<string, string> = {}, prefix?: string[]) => runMlc([...args, '--config', config], { env: { ...env, ...extra }, ...(prefix ? { prefix } : {}) });
  return {
    sb, dir, config, env, run, rewriteConfig,
    async json<T>(args: string[], extra: Record<string, string> = {}) {
      const res = await run([...args, '--json'], extra);
      try {
        return { res, out: JSON.parse(res.stdout) as T };
      } catch {
        throw new Error(`not JSON (exit ${res.code}): ${res.stdout}\n${res.stderr}`);
      }
    },
    close: () => sb.close(),
  };
}

/** A sandbox factory for a test file: each one in its own temp folder, closed after its test. */
export function useSandboxes(tmp: () => string, defaults: Parameters<typeof testSandbox>[1] = {}): (opts?: Parameters<typeof testSandbox>[1]) => Promise<TestSandbox> {
  const open: TestSandbox[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  return async (opts = {}) => {
    const t = await testSandbox(tmp(), { ...defaults, ...opts });
    open.push(t);
    return t;
  };
}
