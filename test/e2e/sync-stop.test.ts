// Stopping `mlc sync` with a signal (systemd, Docker, a scheduler's time limit, Ctrl-C): the
// first signal starts no new write, lets the ones in flight finish and records every one of
// them, leaves the cursor, releases the lock and exits 128 + the signal's number; a second
// signal ends the process at once. Either way the next run completes the job, no duplicate.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { useTempDir } from '../helpers/tmp.js';
import { until } from '../helpers/until.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp);

const STOP_TERM = 'mlc: SIGTERM received: stopping after the writes in flight (send it again to stop at once)';

function startSync(t: TestSandbox, args: string[] = []) {
  const child = spawn(process.execPath, [MLC_BIN, 'sync', '--config', t.config, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...t.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  let exited = false;
  void done.then(() => (exited = true));
  return { child, done, stderr: () => stderr, stdout: () => stdout, exited: () => exited };
}


/** Resolves with the exit, or with 'still running' after `ms` (a stop that did not happen). */
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

const db = (t: TestSandbox) => State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
const employees = (t: TestSandbox) => t.sb.netsuite.records.employees();

/** After a stop: every NetSuite record has its applied audit row and link, nothing is left 'planned'. */
function expectEveryWriteRecorded(t: TestSandbox): { applied: number; notSent: number } {
  const s = db(t);
  try {
    const links = s.links.byEmployee('employees');
    for (const r of employees(t)) {
      const id = (r.externalId ?? '').replace('bhr-', '');
      expect(links.get(id)?.erpKey, `link of ${id}`).toBe(r.id);
      expect(s.audit.list({ employeeId: id, status: 'applied' }), `applied row of ${id}`).toHaveLength(1);
    }
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    const codes = s.db.prepare("SELECT error_code AS code, COUNT(*) AS n FROM audit WHERE status = 'failed' GROUP BY error_code").all() as Array<{ code: string; n: number }>;
    for (const c of codes) expect(['not_attempted', 'interrupted']).toContain(c.code);
    expect(s.lock.holder()).toBeUndefined();
    expect(s.cursors.get('employees')).toBeUndefined(); // the first run's cursor never moved
    expect(s.runs.recent(1)[0]).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    return { applied: employees(t).length, notSent: codes.reduce((n, c) => n + c.n, 0) };
  } finally {
    s.close();
  }
}

async function expectNextRunCompletes(t: TestSandbox): Promise<void> {
  const next = await t.run(['sync']);
  expect(next.code, next.stderr).toBe(0);
  expectErpMatchesBamboo(t);
  const s = db(t);
  expect(s.audit.list({ status: 'open' })).toHaveLength(0); // the unsent operations were resolved
  s.close();
}

describe('stopping a sync with a signal', () => {
  it('SIGTERM mid-run: writes in flight finish and are recorded, the rest waits, exit 143', async () => {
    const t = await sandbox({ latencyMs: 60, erpConcurrency: 2 });
    const run = startSync(t);
    await until(() => employees(t).length >= 3);
    run.child.kill('SIGTERM');
    const end = await within(run.done, 10_000);
    expect(end).toEqual({ code: 143, signal: null });
    expect(run.stderr()).toContain(STOP_TERM);
    expect(run.stderr()).toContain('mlc: error: stopped by SIGTERM: the writes in flight were finished and recorded; the next run picks up the rest');
    const { applied, notSent } = expectEveryWriteRecorded(t);
    const active = t.sb.bamboo.company.list().filter((e) => t.sb.bamboo.company.view(e).d.status === 'Active').length;
    expect(applied).toBeLessThan(active); // it did stop early
    expect(notSent).toBeGreaterThan(0);
    await expectNextRunCompletes(t);
  });

  it('SIGINT while waiting out a long Retry-After ends the wait at once, exit 130', async () => {
    const t = await sandbox();
    // The first employee write is refused with "come back in 30 s"; the client waits.
    t.sb.netsuite.setFaults({ failNext: [{ status: 429, retryAfterSec: 30, pathPrefix: '/services/rest/record/v1/employee' }] });
    const run = startSync(t);
    await until(() => t.sb.netsuite.requests.some((r) => r.status === 429));
    await until(() => run.stderr() !== '' || employees(t).length > 0); // the other lanes keep going
    run.child.kill('SIGINT');
    const end = await within(run.done, 10_000);
    expect(end).toEqual({ code: 130, signal: null });
    expect(run.stderr()).toContain('mlc: SIGINT received: stopping after the writes in flight');
    const s = db(t);
    const waited = s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'failed' AND error_code = 'interrupted'").pluck().get();
    s.close();
    expect(waited).toBe(1); // the write that was waiting, recorded as not done
    expectEveryWriteRecorded(t);
    await expectNextRunCompletes(t);
  });

  it('a write on the wire is never cut by the first signal; a second signal stops at once', async () => {
    const t = await sandbox();
    const victim = t.sb.bamboo.company.list().find((e) => t.sb.bamboo.company.view(e).d.status === 'Active')!;
    // NetSuite applies this write, then holds its answer for 20 s.
    t.sb.netsuite.setFaults({ failNext: [{ status: 'reset', afterWrite: true, delayMs: 20_000, pathPrefix: `/services/rest/record/v1/employee/eid:bhr-${victim.id}` }] });
    const run = startSync(t);
    await until(() => t.sb.netsuite.records.employeeByExternalId(`bhr-${victim.id}`) !== undefined);
    run.child.kill('SIGTERM');
    await until(() => run.stderr().includes(STOP_TERM));
    expect(await within(run.done, 500)).toBe('still running'); // waiting for the answer
    run.child.kill('SIGTERM');
    const end = await within(run.done, 5_000);
    expect(end).toEqual({ code: 143, signal: null });
    expect(run.stderr()).toContain('mlc: SIGTERM received again: stopping now; the next run picks up from the last recorded write');
    // As after kill -9: the outcome of the held write was never recorded; the next run
    // marks it interrupted, upserts the same record and converges.
    await expectNextRunCompletes(t);
    expect(employees(t).filter((e) => e.externalId === `bhr-${victim.id}`)).toHaveLength(1);
  });

  it('SIGTERM during the BambooHR read ends the run before anything is written', async () => {
    const t = await sandbox();
    t.sb.bamboo.setLatency(5_000);
    const run = startSync(t, ['--json']);
    await until(() => t.sb.bamboo.requests.length > 0);
    run.child.kill('SIGTERM');
    expect(await within(run.done, 3_000)).toEqual({ code: 143, signal: null });
    expect(run.stdout()).toBe('');
    // A first run connects to NetSuite while it reads BambooHR; nothing was written there.
    expect(t.sb.netsuite.requests.filter((r) => r.path.startsWith('/services/rest/record'))).toHaveLength(0);
    expect(employees(t)).toHaveLength(0);
    const s = db(t);
    expect(s.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(0);
    expect(s.lock.holder()).toBeUndefined();
    expect(s.runs.recent(1)[0]).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    s.close();
    t.sb.bamboo.setLatency(0);
    await expectNextRunCompletes(t);
  });

  it('replay stops the same way: nothing left planned, and replaying again finishes the job', async () => {
    const t = await sandbox({ latencyMs: 60, erpConcurrency: 1 });
    const first = startSync(t);
    await until(() => employees(t).length >= 2);
    first.child.kill('SIGTERM');
    expect((await first.done).code).toBe(143);
    let s = db(t);
    const runId = s.runs.recent(1)[0]!.id;
    const open = s.audit.list({ status: 'open', runId, limit: 1000 }).length;
    s.close();
    expect(open).toBeGreaterThan(5);
    const before = employees(t).length;
    const child = spawn(process.execPath, [MLC_BIN, 'replay', runId, '--config', t.config], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...t.env }, stdio: 'ignore' });
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await until(() => employees(t).length >= before + 2);
    child.kill('SIGTERM');
    expect(await within(done, 10_000)).toBe(143);
    s = db(t);
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    expect(s.runs.recent(1)[0]).toMatchObject({ command: `replay ${runId}`, status: 'failed', errorCode: 'interrupted' });
    expect(s.lock.holder()).toBeUndefined();
    s.close();
    expect(employees(t).length).toBeLessThan(before + open); // it did stop early
    t.sb.netsuite.setLatency(0);
    const again = await t.run(['replay', runId]);
    expect(again.code, again.stderr).toBe(0);
    await expectNextRunCompletes(t);
  });
});
