// The crash suite: `mlc sync` is killed with SIGKILL at seeded points spread over the run —
// random instants, and failpoints inside the ERP write (the ERP accepted, the outcome not yet
// recorded), after the dated rows are stored, and just before the cursor commit — then run to
// completion. Every time: the cursor is never ahead of what was recorded, the lock is
// recovered, and the end state equals BambooHR's with no duplicate and no lost record.
// MLC_CRASH_POINTS sets the number of points (npm run test:crash -- --points 200).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/sim/common/prng.js';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { erpsUnderTest } from '../helpers/erps.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
// npm test: 30 points for NetSuite, 10 for each other ERP; MLC_CRASH_POINTS sets them all.
const POINTS = (erp: string) => Number(process.env.MLC_CRASH_POINTS ?? (erp === 'netsuite' ? '30' : '10'));
const SEED = Number(process.env.MLC_CRASH_SEED ?? '7');
const FAILPOINTS = ['after-persist', 'erp-written@1', 'erp-written@3', 'erp-written@6', 'before-cursor-commit'];

/** mlc's business clock follows the simulated BambooHR's (its clock runs ahead of ours). */
const clock = (t: TestSandbox) => ({ MLC_NOW: t.sb.bamboo.clock.now().toISOString() });

function killedSync(t: TestSandbox, mode: { delayMs: number } | { failpoint: string }): Promise<number | null> {
  const env = { PATH: process.env.PATH ?? '', ...t.env, ...clock(t), ...('failpoint' in mode ? { MLC_FAILPOINT: mode.failpoint } : {}) };
  const child = spawn(process.execPath, [MLC_BIN, 'sync', '--config', t.config], { env, stdio: 'ignore' });
  if ('delayMs' in mode) setTimeout(() => child.kill('SIGKILL'), mode.delayMs);
  return new Promise((r) => child.on('close', (_code, signal) => r(signal ? 137 : _code)));
}

/** A handful of BambooHR changes so every run has work to do (and to lose). */
function changes(t: TestSandbox, rnd: () => number): void {
  const c = t.sb.bamboo.company;
  const today = t.sb.bamboo.clock.today();
  t.sb.bamboo.clock.advance(60_000);
  const depts = ['Engineering', 'Sales', 'Finance', 'Legal', 'IT', 'Marketing'];
  const active = c.list().filter((e) => c.view(e).d.status === 'Active');
  for (let k = 0; k < 8; k++) {
    const e = active[Math.floor(rnd() * active.length)]!;
    c.addJobInfo(e.id, { date: today, department: depts[Math.floor(rnd() * depts.length)]! });
  }
  if (rnd() < 0.5) c.hire({ firstName: 'Crash', lastName: `Test${Math.floor(rnd() * 1e6)}`, department: 'IT', division: 'APAC', location: 'Singapore', jobTitle: 'Engineer' });
  if (rnd() < 0.3) c.terminate(active[Math.floor(rnd() * active.length)]!.id, today);
}

describe('crash suite', () => {
  for (const erp of erpsUnderTest()) it(`${erp}: survives SIGKILL at ${POINTS(erp)} seeded points`, { timeout: 60_000 + POINTS(erp) * 8_000 }, async () => {
    const points = POINTS(erp);
    const rnd = mulberry32(SEED);
    const t = await testSandbox(tmp(), { erp, size: 50, seed: SEED, latencyMs: 3 });
    try {
      expect((await t.run(['sync'], clock(t))).code).toBe(0);
      const modes: string[] = [];
      for (let i = 0; i < points; i++) {
        changes(t, rnd);
        const mode: { failpoint: string } | { delayMs: number } = i % 2 === 0 ? { failpoint: FAILPOINTS[(i / 2) % FAILPOINTS.length]! } : { delayMs: Math.floor(rnd() * 900) };
        modes.push('failpoint' in mode ? mode.failpoint : `${mode.delayMs}ms`);
        const code = await killedSync(t, mode);
        // The cursor never runs ahead of what the audit recorded for its run.
        const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
        const ahead = s.db.prepare("SELECT COUNT(*) FROM audit a JOIN cursors c ON a.run_id = c.run_id WHERE a.status = 'planned'").pluck().get();
        s.close();
        expect(ahead, `point ${i} (${modes.at(-1)}, exit ${code})`).toBe(0);
        const done = await t.run(['sync'], clock(t));
        expect(done.code, `completion after point ${i} (${modes.at(-1)}): ${done.stderr}`).toBe(0);
        try {
          expectErpMatchesBamboo(t);
        } catch (err) {
          throw new Error(`after point ${i} (${modes.at(-1)}, killed run exit ${code}): ${(err as Error).message}\n${explain(t, err)}`);
        }
      }
      const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
      expect(s.lock.holder()).toBeUndefined();
      const interrupted = s.db.prepare("SELECT COUNT(*) FROM runs WHERE error_code = 'interrupted'").pluck().get() as number;
      s.close();
      expect(interrupted).toBeGreaterThan(points / 3); // the kills did land mid-run
    } finally {
      await t.close();
    }
  });
});

/** For a failure: what BambooHR, the state and the audit hold for the first employee named. */
function explain(t: TestSandbox, err: unknown): string {
  const m = /"(\d+): /.exec(String((err as Error).message));
  if (!m) return '';
  const id = Number(m[1]);
  const e = t.sb.bamboo.company.get(id)!;
  const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
  const rows = s.rows.rows(String(id)).filter((r) => r.table === 'jobInfo').map((r) => `${r.date}#${r.seq}:${r.data.department}`);
  const audit = s.audit.list({ employeeId: String(id), limit: 8 }).map((r) => `${r.id} ${r.runId} ${r.kind} ${r.status} ${r.payloadJson?.match(/"department":\{"id":"(\d+)"/)?.[1] ?? ''}`);
  const runs = s.runs.recent(4).map((r) => `${r.id} ${r.status} ${r.errorCode ?? ''}`);
  const cursor = s.cursors.get(t.sb.erp.flow);
  s.close();
  return [`sim jobInfo: ${e.jobInfo.map((r) => `${r.date}#${r.id}:${r.department}`).join(' ')}`, `stored: ${rows.join(' ')}`, `lastChanged ${e.lastChanged}, cursor ${cursor?.value}`, ...audit, ...runs].join('\n');
}
