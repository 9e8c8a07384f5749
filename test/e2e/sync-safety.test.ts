// What makes mlc safe to run unattended: duplicate deliveries create no duplicates, a run
// killed between the ERP write and the audit commit is redone without a duplicate, a second
// run waits its turn (exit 5), and a dry run changes nothing anywhere.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';
import { until } from '../helpers/until.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp);

const db = (t: TestSandbox) => State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000 });
const externalIds = (t: TestSandbox) => t.sb.netsuite.records.employees().map((e) => e.externalId);

function spawnSync(t: TestSandbox) {
  const child = spawn(process.execPath, [MLC_BIN, 'sync', '--config', t.config], { env: { PATH: process.env.PATH ?? '', ...t.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { child, done };
}


describe('sync safety', () => {
  it('a change delivered twice, even with the memory of it lost, creates no duplicate', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const ids = externalIds(t).sort();
    const internal = new Map(t.sb.netsuite.records.employees().map((e) => [e.externalId, e.id]));
    // The same feed again (cursor rewound): every payload hash matches, nothing is written.
    let s = db(t);
    s.db.prepare("UPDATE cursors SET value = '1970-01-01T00:00:00+00:00'").run();
    s.close();
    const writes = t.sb.netsuite.stats.writes;
    const again = await t.json<{ counts: Record<string, number> }>(['sync']);
    expect(again.out.counts.unchanged).toBe(ids.length);
    expect(t.sb.netsuite.stats.writes).toBe(writes);
    // Links lost too (a state file restored from an old backup): every record is sent again,
    // and the upsert by external id lands on the same NetSuite records.
    s = db(t);
    s.db.prepare('DELETE FROM links').run();
    s.db.prepare("UPDATE cursors SET value = '1970-01-01T00:00:00+00:00'").run();
    s.close();
    const redo = await t.json<{ counts: Record<string, number> }>(['sync']);
    expect(redo.res.code).toBe(0);
    expect(redo.out.counts.created).toBe(ids.length);
    expect(externalIds(t).sort()).toEqual(ids);
    for (const e of t.sb.netsuite.records.employees()) expect(e.id).toBe(internal.get(e.externalId));
  });

  it('a run killed between the ERP write and the audit commit is redone without a duplicate', async () => {
    const t = await sandbox();
    const victim = t.sb.bamboo.company.list().find((e) => t.sb.bamboo.company.view(e).d.status === 'Active')!;
    // NetSuite applies the write, then holds the answer: the client is killed while waiting.
    t.sb.netsuite.setFaults({ failNext: [{ status: 'reset', afterWrite: true, delayMs: 20_000, pathPrefix: `/services/rest/record/v1/employee/eid:bhr-${victim.id}` }] });
    const run = spawnSync(t);
    await until(() => t.sb.netsuite.records.employeeByExternalId(`bhr-${victim.id}`) !== undefined);
    run.child.kill('SIGKILL');
    await run.done;
    let s = db(t);
    const planned = s.audit.list({ employeeId: String(victim.id), status: 'planned' });
    expect(planned).toHaveLength(1); // written in NetSuite, outcome never recorded
    expect(s.links.get('employees', String(victim.id))).toBeUndefined();
    expect(s.lock.holder()).toBeDefined(); // the dead run's lock is still there
    expect(s.cursors.get('employees')).toBeUndefined(); // and the cursor never moved
    s.close();
    const count = t.sb.netsuite.records.employees().length;
    const second = await t.run(['sync']);
    expect(second.code).toBe(0);
    expect(externalIds(t).filter((x) => x === `bhr-${victim.id}`)).toHaveLength(1);
    expect(t.sb.netsuite.records.employees().length).toBeGreaterThanOrEqual(count);
    expect(new Set(externalIds(t)).size).toBe(externalIds(t).length);
    s = db(t);
    const old = s.audit.get(planned[0]!.id)!;
    expect(old).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    expect(old.resolvedBy).not.toBeNull();
    expect(s.audit.get(old.resolvedBy!)).toMatchObject({ status: 'applied', employeeId: String(victim.id) });
    expect(s.runs.recent(5).find((r) => r.status === 'failed')?.errorCode).toBe('interrupted');
    expect(s.lock.holder()).toBeUndefined();
    expect(s.audit.list({ status: 'open' })).toHaveLength(0);
    s.close();
  });

  it('a second run while one is going exits 5 and touches nothing', async () => {
    const t = await sandbox({ latencyMs: 150, erpConcurrency: 1, extraConfig: '' });
    const first = spawnSync(t);
    await until(() => t.sb.netsuite.records.employees().length > 0);
    const second = await t.run(['sync']);
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(/^mlc: error: another run holds the lock: pid \d+ on .+ \(sync\), since .+, last heartbeat .+\n/);
    first.child.kill('SIGKILL');
    await first.done;
    // The refused run left no trace: one run row (the killed one), every audit row its.
    const s = db(t);
    const runs = s.db.prepare('SELECT id FROM runs').pluck().all() as string[];
    expect(runs).toHaveLength(1);
    expect(s.db.prepare('SELECT COUNT(*) FROM audit WHERE run_id <> ?').pluck().get(runs[0])).toBe(0);
    s.close();
    // the killed run's lock is taken over at once (its pid is gone), and the run completes
    t.sb.netsuite.setLatency(0);
    const third = await t.run(['sync']);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(new Set(externalIds(t)).size).toBe(externalIds(t).length);
  });

  it('a dry run after real runs changes nothing: no write, no cursor, no audit row, no run row', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const s0 = db(t);
    const before = {
      audit: s0.db.prepare('SELECT COUNT(*) FROM audit').pluck().get(),
      runs: s0.db.prepare('SELECT COUNT(*) FROM runs').pluck().get(),
      cursor: s0.cursors.get('employees'),
      rows: s0.db.prepare('SELECT COUNT(*) FROM dated_rows').pluck().get(),
    };
    s0.close();
    const c = t.sb.bamboo.company;
    t.sb.bamboo.clock.advance(60_000);
    const writes = t.sb.netsuite.stats.writes;
    const e = c.list().find((x) => c.view(x).d.status === 'Active' && c.view(x).d.job?.department !== 'IT')!;
    c.addJobInfo(e.id, { date: t.sb.bamboo.clock.today(), department: 'IT' });
    t.sb.netsuite.requests.length = 0;
    const plan = await t.json<{ plan: Array<{ employeeId: string; operation: string; status: string; payload: { department: { id: string } } }> }>(['sync', '--dry-run']);
    expect(plan.res.code).toBe(0);
    expect(plan.out.plan.find((p) => p.employeeId === String(e.id))).toMatchObject({ operation: 'update', status: 'planned', payload: { department: { id: '111' } } });
    // It read NetSuite's reference records to check the lookups (a dry run shows what a real
    // run would park), and wrote nothing.
    expect(t.sb.netsuite.requests.filter((r) => r.path.startsWith('/services/rest/record/'))).toHaveLength(0);
    expect(t.sb.netsuite.stats.writes).toBe(writes);
    const s1 = db(t);
    expect({
      audit: s1.db.prepare('SELECT COUNT(*) FROM audit').pluck().get(),
      runs: s1.db.prepare('SELECT COUNT(*) FROM runs').pluck().get(),
      cursor: s1.cursors.get('employees'),
      rows: s1.db.prepare('SELECT COUNT(*) FROM dated_rows').pluck().get(),
    }).toEqual(before);
    s1.close();
    const text = await t.run(['sync', '--dry-run']);
    expect(text.stdout).toMatch(/^Plan as of \d{4}-\d{2}-\d{2} \(dry run: nothing is written, not even the cursor\)\n/);
    expect(text.stdout).toMatch(new RegExp(`employees\\s+${e.id}\\s+.+\\s+update\\s+planned\\s+.*department 111`));
  });
});
