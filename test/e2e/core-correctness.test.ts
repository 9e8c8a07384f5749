// Issue 8 §2, §3, §5, §6 through the built CLI against the simulators: nothing BambooHR
// changed is silently dropped and a 404 never deactivates; open records close when their
// reason goes away; legal names by default; dry runs show what a real run would park; a
// `--flow` run leaves other flows' inbox entries; a clock that ran ahead is corrected; a
// future row deleted without a lastChanged bump is not applied from the stored copy.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import { SIM_API_KEY } from '../../src/app/sandbox.js';
import { State } from '../../src/store/state.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 20, seed: 41 });
const db = (t: TestSandbox) => State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
const ns = (t: TestSandbox, id: number) => t.sb.netsuite.records.employeeByExternalId(`bhr-${id}`);
const DEPT: Record<string, string> = { IT: '111', Finance: '107', Legal: '110', Sales: '104' };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function settled(t: TestSandbox, n: number): number[] {
  const c = t.sb.bamboo.company;
  const today = t.sb.bamboo.clock.today();
  return c.list().filter((e) => c.view(e).d.status === 'Active' && c.view(e).d.job?.department !== 'IT' && ![...e.jobInfo, ...e.employmentStatus].some((r) => r.date > today)).slice(0, n).map((e) => e.id);
}

async function sync(t: TestSandbox, env: Record<string, string> = {}): Promise<{ code: number | null; s: RunSummary }> {
  const { res, out } = await t.json<RunSummary>(['sync'], env);
  return { code: res.code, s: out };
}

describe('nothing changed in BambooHR is silently dropped', () => {
  it('an employee missing from the bulk answer is an open failure (exit 1), read again and written by the next run', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    const [a, b] = settled(t, 2) as [number, number];
    t.sb.bamboo.clock.advance(60_000);
    for (const id of [a, b]) t.sb.bamboo.company.addJobInfo(id, { date: t.sb.bamboo.clock.today(), department: 'IT' });
    t.sb.bamboo.setInvisible(SIM_API_KEY, [b]);
    const first = await sync(t);
    expect(first.code).toBe(1);
    expect(first.s.counts).toMatchObject({ updated: 1, failed: 1 });
    expect(ns(t, a)!.department).toBe(DEPT.IT);
    expect(ns(t, b)).toMatchObject({ isInactive: false }); // not touched, never deactivated
    let s = db(t);
    const open = s.audit.list({ status: 'open' });
    expect(open.map((r) => [r.employeeId, r.status, r.errorCode])).toEqual([[String(b), 'failed', 'source_missing']]);
    expect(open[0]!.reason).toMatch(/absent from its answer/);
    s.close();
    t.sb.bamboo.setInvisible(SIM_API_KEY, []);
    const second = await sync(t);
    expect(second.code).toBe(0);
    expect(ns(t, b)!.department).toBe(DEPT.IT);
    s = db(t);
    expect(s.audit.list({ status: 'open' })).toEqual([]);
    s.close();
  });

  it('a 404 when read one by one is an open failure: the person is not deactivated, and a hire is created once readable', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    // Up to 5 changed employees are read one by one (GET /employees/{id}).
    writeFileSync(t.config, readFileSync(t.config, 'utf8').replace('  auth: apiKey\n', '  auth: apiKey\n  perEmployeeMax: 5\n'));
    const [a] = settled(t, 1) as [number];
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(a, { date: t.sb.bamboo.clock.today(), department: 'Legal' });
    t.sb.bamboo.setInvisible(SIM_API_KEY, [a]);
    const run = await sync(t);
    expect(run.code).toBe(1);
    expect(run.s.counts).toMatchObject({ deactivated: 0, failed: 1 });
    expect(t.sb.bamboo.requests.some((r) => r.path === `/api/v1/employees/${a}` && r.status === 404)).toBe(true);
    expect(ns(t, a)).toMatchObject({ isInactive: false });
    // A new hire the key cannot read yet: not created, not forgotten.
    t.sb.bamboo.clock.advance(60_000);
    const hire = t.sb.bamboo.company.hire({ firstName: 'Hidden', lastName: 'Hire', department: 'Sales', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst' });
    t.sb.bamboo.setInvisible(SIM_API_KEY, [a, hire]);
    expect((await sync(t)).code).toBe(1);
    expect(ns(t, hire)).toBeUndefined();
    t.sb.bamboo.setInvisible(SIM_API_KEY, []);
    const fixed = await sync(t);
    expect(fixed.code).toBe(0);
    expect(ns(t, hire)).toMatchObject({ department: DEPT.Sales, isInactive: false });
    expect(ns(t, a)!.department).toBe(DEPT.Legal);
  });
});

describe('open records close when the reason goes away', () => {
  it('a parked hire who is then terminated leaves nothing open, with the reason in the audit', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    t.sb.bamboo.clock.advance(60_000);
    const hire = t.sb.bamboo.company.hire({ firstName: 'Park', lastName: 'Ed', department: 'Quantum Research', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst' });
    expect((await sync(t)).code).toBe(1);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.terminate(hire, t.sb.bamboo.clock.today());
    const after = await sync(t);
    expect(after.code).toBe(0);
    const s = db(t);
    expect(s.audit.list({ status: 'open' })).toEqual([]);
    const rows = s.audit.list({ employeeId: String(hire) });
    expect(rows[0]).toMatchObject({ status: 'skipped', reason: 'terminated before mlc first synced them: never created' });
    expect(rows.find((r) => r.status === 'parked')!.resolvedBy).toBe(rows[0]!.id);
    s.close();
    const status = await t.json<{ open: unknown[] }>(['status']);
    expect(status.out.open).toEqual([]);
  });
});

describe('legal names by default', () => {
  it('writes the legal first name; names: preferred writes the preferred one; switching back corrects the records (planned, visible in a dry run)', async () => {
    const t = await sandbox();
    t.sb.bamboo.company.hire({ firstName: 'Katherine', lastName: 'Legal', preferredName: 'Kate', department: 'Sales', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst' });
    expect((await sync(t)).code).toBe(0);
    const kate = t.sb.bamboo.company.list().find((e) => e.lastName === 'Legal')!.id;
    expect(ns(t, kate)!.firstName).toBe('Katherine');
    const legal = readFileSync(t.config, 'utf8');
    writeFileSync(t.config, legal.replace('    target: netsuite\n', '    target: netsuite\n    names: preferred\n'));
    const plan = await t.json<{ plan: Array<{ employeeId: string; operation: string; status: string; payload: { firstName: string } }> }>(['sync', '--dry-run']);
    expect(plan.out.plan.filter((p) => p.status === 'planned').map((p) => [p.employeeId, p.operation, p.payload.firstName])).toEqual([[String(kate), 'update', 'Kate']]);
    expect((await sync(t)).code).toBe(0);
    expect(ns(t, kate)!.firstName).toBe('Kate');
    writeFileSync(t.config, legal);
    const back = await t.json<{ plan: Array<{ employeeId: string; status: string; payload: { firstName: string } }> }>(['sync', '--dry-run']);
    expect(back.out.plan.filter((p) => p.status === 'planned').map((p) => [p.employeeId, p.payload.firstName])).toEqual([[String(kate), 'Katherine']]);
    expect((await sync(t)).code).toBe(0);
    expect(ns(t, kate)!.firstName).toBe('Katherine');
  });
});

describe('smaller correctness points', () => {
  it('a dry run shows what a real run would park for an inactive ERP reference', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    const [a] = settled(t, 1) as [number];
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(a, { date: t.sb.bamboo.clock.today(), department: 'Old Projects' });
    writeFileSync(join(t.dir, 'departments.csv'), `${readFileSync(join(t.dir, 'departments.csv'), 'utf8')}"Old Projects",199\n`);
    const plan = await t.json<{ counts: { parked: number }; plan: Array<{ employeeId: string; status: string; reason: string }> }>(['sync', '--dry-run']);
    expect(plan.out.counts.parked).toBe(1);
    expect(plan.out.plan.find((p) => p.employeeId === String(a))).toMatchObject({ status: 'parked', reason: expect.stringMatching(/department: department 199 \("Old Projects \(inactive\)"\) is inactive in netsuite/) });
    expect(t.sb.netsuite.stats.writes).toBeGreaterThan(0);
    const writes = t.sb.netsuite.stats.writes;
    expect((await sync(t)).code).toBe(1);
    expect(t.sb.netsuite.stats.writes).toBe(writes); // the real run parked it too, sending nothing
  });

  it('a --flow run marks only its own share of the webhook inbox done', async () => {
    const t = await sandbox();
    const y = readFileSync(t.config, 'utf8');
    const flows = y.slice(y.indexOf('flows:\n') + 'flows:\n'.length);
    const denver = flows.replace('  employees:\n', '  denver:\n').replace('    target: netsuite\n', '    target: netsuite\n    filter: { location: ["Denver, Colorado"] }\n');
    writeFileSync(t.config, `${y}${denver}`);
    expect((await t.run(['sync'])).code).toBe(0);
    let s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000 });
    s.inbox.add(String(t.sb.bamboo.company.list()[3]!.id), 'employee.updated', new Date().toISOString());
    s.close();
    expect((await t.run(['sync', '--flow', 'denver'])).code).toBe(0);
    s = db(t);
    expect(s.inbox.pending(s.inbox.watermark(), ['employees'])).toHaveLength(1);
    expect(s.inbox.pending(s.inbox.watermark(), ['denver'])).toHaveLength(0);
    s.close();
    expect((await t.run(['sync', '--flow', 'employees'])).code).toBe(0);
    s = db(t);
    expect(s.db.prepare('SELECT done_at IS NOT NULL FROM inbox').pluck().all()).toEqual([1]);
    s.close();
  });

  it('a business clock that ran ahead applied a future row early; the run on the true date puts it back', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    const [a] = settled(t, 1) as [number];
    const before = ns(t, a)!.department;
    const today = t.sb.bamboo.clock.today();
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(a, { date: addDays(today, 3), department: 'Finance' });
    const ahead = `${addDays(today, 3)}T19:00:00Z`;
    expect((await sync(t, { MLC_NOW: ahead })).code).toBe(0);
    expect(ns(t, a)!.department).toBe(DEPT.Finance); // early, by the clock's mistake
    const back = await sync(t, { MLC_NOW: t.sb.bamboo.clock.now().toISOString() });
    expect(back.code).toBe(0);
    expect(ns(t, a)!.department).toBe(before);
  });

  it('a future row deleted in BambooHR without a lastChanged bump is not applied from the stored copy on its date', async () => {
    const t = await sandbox();
    expect((await sync(t)).code).toBe(0);
    const [a] = settled(t, 1) as [number];
    const before = ns(t, a)!.department;
    const today = t.sb.bamboo.clock.today();
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(a, { date: addDays(today, 2), department: 'Legal' });
    expect((await sync(t)).code).toBe(0); // stored, scheduled
    // Later changes move the cursor well past the employee's lastChanged (beyond the overlap).
    t.sb.bamboo.clock.advance(20 * 60_000);
    t.sb.bamboo.company.addJobInfo(settled(t, 2)[1]!, { date: t.sb.bamboo.clock.today(), department: 'IT' });
    expect((await sync(t)).code).toBe(0);
    // Deleted behind the feed's back: the row goes, lastChanged stays.
    const e = t.sb.bamboo.company.get(a)!;
    e.jobInfo = e.jobInfo.filter((r) => r.date !== addDays(today, 2));
    t.sb.bamboo.clock.set(`${addDays(today, 2)}T19:00:00Z`);
    const due = await sync(t, { MLC_NOW: t.sb.bamboo.clock.now().toISOString() });
    expect(due.code).toBe(0);
    expect(ns(t, a)!.department).toBe(before);
    expect(t.sb.bamboo.requests.some((r) => r.path === `/api/v1/employees/${a}/tables/jobInfo`)).toBe(true);
    // DESIGN §7: the five of an incremental run, plus one GET for the handful due today.
    expect(due.s.requests.bamboohr).toBeLessThanOrEqual(6);
  });
});

describe('a change set that cannot be stored', () => {
  it('stops the writes at once and fails the run cleanly: nothing left planned, no cursor; the next run converges', { timeout: 120_000 }, async () => {
    // 1,200 people: the change set is stored in slices while the ERP is written; the second slice fails.
    const t = await sandbox({ size: 1200, seed: 5, latencyMs: 5 });
    const res = await t.run(['sync'], { MLC_FAILPOINT: 'throw:persist-slice@2' });
    expect(res.code, res.stderr).toBe(70);
    expect(res.stderr).toMatch(/disk full while writing/);
    const s = db(t);
    expect(s.cursors.get('employees')).toBeUndefined();
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    const applied = s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'applied'").pluck().get() as number;
    expect(applied).toBe(t.sb.netsuite.records.employees().length); // every write that went out is recorded
    expect(s.runs.recent(1)[0]).toMatchObject({ status: 'failed', errorCode: 'state_error' });
    s.close();
    const active = t.sb.bamboo.company.list().filter((e) => t.sb.bamboo.company.view(e).d.status === 'Active').length;
    expect(t.sb.netsuite.records.employees().length).toBeLessThan(active); // it did stop early
    expect((await t.run(['sync'])).code).toBe(0);
    expect(t.sb.erp.mismatches(t.sb.bamboo.company)).toEqual([]);
  });
});
