// Stopping a fleet: Ctrl-C (SIGINT to the terminal's whole process group) or SIGTERM reaches
// each running company exactly once, through the fleet; each stops tidily (writes in flight
// finished and recorded, lock released, exit 128 + n), no other company starts, the fleet
// waits for them, reports, and exits 128 + n. The next fleet run finishes every company.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { useTempDir } from '../helpers/tmp.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { until } from '../helpers/until.js';
import { parseJson, useFleet, type FleetCompany } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);

interface Report { exitCode: number; stoppedBy: string | null; companies: Array<{ name: string; status: string; exitCode: number | null; error: string | null }> }

const written = (c: FleetCompany) => c.sb.netsuite.records.employees().length;

function lastRun(c: FleetCompany) {
  const s = State.open(join(c.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
  try {
    return { run: s.runs.recent(1)[0], lock: s.lock.holder() };
  } finally {
    s.close();
  }
}

describe('stopping mlc fleet sync', () => {
  for (const [signal, code, toGroup] of [['SIGINT', 130, true], ['SIGTERM', 143, false]] as const) {
    it(`${signal}${toGroup ? ' to the process group (Ctrl-C)' : ''}: each running company stops tidily once, the queued ones never start, exit ${code}`, async () => {
      const f = fleet();
      // NetSuite answers in 40 ms, two at a time: both running companies are mid-run when stopped.
      for (const [i, file] of ['alpha', 'bravo', 'charlie'].entries()) await f.add(file, { size: 40, seed: 10 + i, latencyMs: 40, erpConcurrency: 2 });
      const [a, b, c] = f.companies as [FleetCompany, FleetCompany, FleetCompany];
      const run = f.start(['sync', f.dir, '--concurrency', '2', '--json'], {}, { detached: toGroup });
      await until(() => written(a) >= 2 && written(b) >= 2, 60_000);
      process.kill(toGroup ? -run.pid : run.pid, signal);
      const res = await run.done;
      expect(res.code, res.stderr).toBe(code);
      const report = parseJson<Report>(res);
      expect(report).toMatchObject({ exitCode: code, stoppedBy: signal });
      expect(report.companies.map((r) => [r.name, r.status, r.exitCode])).toEqual([['ALPHA', 'stopped', code], ['BRAVO', 'stopped', code], ['CHARLIE', 'not started', null]]);
      expect(report.companies[2]!.error).toBe(`not started: the fleet was stopped by ${signal}`);
      expect(res.stderr).toContain(`mlc fleet: ${signal} received: each running company stops after its writes in flight, no other starts`);
      for (const x of [a, b]) {
        expect(res.stderr).toContain(`${x.name}: mlc: ${signal} received: stopping after the writes in flight`);
        // Exactly once: a second signal would have meant "stop now" to the company's sync.
        expect(res.stderr).not.toContain(`${x.name}: mlc: ${signal} received again`);
        expect(lastRun(x).run).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
        expect(lastRun(x).lock).toBeUndefined();
      }
      expect(c.sb.bamboo.requests).toHaveLength(0);
      const active = (x: FleetCompany) => x.sb.bamboo.company.list().filter((e) => x.sb.bamboo.company.view(e).d.status === 'Active').length;
      expect(written(a) + written(b)).toBeLessThan(active(a) + active(b)); // they did stop early

      for (const x of f.companies) x.sb.netsuite.setLatency(0);
      const next = await f.run(['sync', f.dir]);
      expect(next.code, next.stdout + next.stderr).toBe(0);
      for (const x of f.companies) expectErpMatchesBamboo(x);
    }, 90_000);
  }
});
