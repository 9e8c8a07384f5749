// `mlc demo`: the README's first command. Starts the simulators, writes a temporary
// configuration, and runs mlc against them end to end, printing what happens at each step.
// Everything it creates lives in a temporary folder that is removed at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppContext } from './context.js';
import { ping } from './ping.js';
import { preview } from './preview.js';
import { SIM_API_KEY, startSandbox } from './sandbox.js';
import { sandboxConfigYaml } from './sandbox-config.js';
import { summaryLine } from '../cli/format/preview.js';

export async function runDemo(print: (line: string) => void, opts: { size?: number; keep?: boolean } = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-demo-'));
  const sandbox = await startSandbox({ seed: 7, size: opts.size ?? 300 });
  const contexts: AppContext[] = [];
  try {
    const configFile = join(dir, 'mlc.yaml');
    writeFileSync(configFile, sandboxConfigYaml({ bamboohrUrl: sandbox.bamboo.url, companyDomain: 'acme' }, join(dir, 'mlc.db')));
    const env = { ...process.env, MLC_BAMBOOHR_API_KEY: SIM_API_KEY, MLC_LOG_LEVEL: 'silent' };
    const context = () => {
      const c = AppContext.create({ config: configFile, env });
      contexts.push(c);
      return c;
    };
    print(`1. Started the BambooHR simulator at ${sandbox.bamboo.url} (${opts.size ?? 300} employees) and wrote ${configFile}`);

    const [bamboo] = await ping(context());
    print(`2. mlc ping: ${bamboo?.ok ? 'ok' : 'FAILED'} in ${bamboo?.latencyMs} ms, API key from ${bamboo?.credentials.api_key ?? '?'}; ${bamboo?.detail ?? bamboo?.error?.message ?? ''}`);

    const full = await preview(context(), { full: true });
    print(`3. mlc sync --dry-run --full: ${summaryLine(full)}`);
    const phases = new Map<string, number>();
    for (const e of full.entries) phases.set(e.state?.phase ?? 'deleted', (phases.get(e.state?.phase ?? 'deleted') ?? 0) + 1);
    print(`   as of ${full.asOf}: ${[...phases].map(([k, v]) => `${v} ${k}`).join(', ')}`);
    for (const e of full.entries.filter((x) => x.scheduled.length > 0).slice(0, 3)) {
      const r = e.scheduled[0]!;
      print(`   scheduled: employee ${e.id} ${r.table} on ${r.date} (${Object.values(r.data).filter(Boolean).slice(0, 3).join(', ')})`);
    }
    print('Done: the simulator is stopped and the temporary files are removed.');
  } finally {
    for (const c of contexts) await c.close();
    await sandbox.close();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}
