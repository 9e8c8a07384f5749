// The built CLI against both simulators, as one company's story: first full sync, nothing
// changed, incremental changes, a future-dated transfer on its date, a termination, a
// rehire, an unmapped department parked then fixed and replayed, and --full. Each step
// asserts the NetSuite simulator's state, the audit rows and the exit code.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import { State } from '../../src/store/state.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
let t: TestSandbox;
let dir: string;
beforeAll(async () => {
  dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'mlc-story-'));
  t = await testSandbox(dir, { size: 40, seed: 23 });
});
afterAll(async () => {
  await t.close();
  (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
});
void tmp;

const DEPT: Record<string, string> = { Engineering: '101', Product: '102', Design: '103', Sales: '104', Marketing: '105', 'Customer Success': '106', Finance: '107', 'Human Resources': '108', Operations: '109', Legal: '110', IT: '111', 'Research & Development': '112' };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const noonDenver = (d: string) => `${d}T19:00:00Z`;

function state(): State {
  return State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
}

// Story time only moves forward, for mlc (MLC_NOW) and the simulated BambooHR alike: running
// a later day and then today again would legitimately undo future-dated changes.
let storyNow: string | undefined;
function travel(date: string): void {
  storyNow = noonDenver(date);
  t.sb.bamboo.clock.set(storyNow);
}

async function sync(extra: Record<string, string> = {}, args: string[] = []): Promise<{ code: number | null; s: RunSummary }> {
  const { res, out } = await t.json<RunSummary>(['sync', ...args], { ...(storyNow ? { MLC_NOW: storyNow } : {}), ...extra });
  return { code: res.code, s: out };
}

function active(): Array<{ id: number; department: string }> {
  const c = t.sb.bamboo.company;
  return c.list().filter((e) => c.view(e).d.status === 'Active').map((e) => ({ id: e.id, department: c.view(e).d.job?.department ?? '' }));
}

const ns = (id: number) => t.sb.netsuite.records.employeeByExternalId(`bhr-${id}`);

describe('sync story (NetSuite)', () => {
  it('a dry run first: prints the plan and writes nothing, not even the state file', async () => {
    const { res, out } = await t.json<{ dryRun: boolean; counts: RunSummary['counts']; plan: Array<{ status: string }> }>(['sync', '--dry-run']);
    expect(res.code).toBe(0);
    expect(out.dryRun).toBe(true);
    expect(out.counts.created).toBe(active().length);
    expect(t.sb.netsuite.records.employees()).toHaveLength(0);
    // Only reads: the token and the reference records its lookups are checked against.
    expect(t.sb.netsuite.requests.filter((r) => r.path.startsWith('/services/rest/record/'))).toHaveLength(0);
    expect(t.sb.netsuite.stats.writes).toBe(0);
    expect((await import('node:fs')).existsSync(join(dir, 'mlc.db'))).toBe(false);
  });

  it('first full sync creates every active employee with mapped references, and audits each', async () => {
    const { code, s } = await sync();
    expect(code).toBe(0);
    const act = active();
    expect(s.counts.created).toBe(act.length);
    expect(s.counts.failed + s.counts.parked).toBe(0);
    expect(s.requests.bamboohr).toBe(5);
    const recs = t.sb.netsuite.records.employees();
    expect(recs).toHaveLength(act.length);
    for (const e of act) expect(ns(e.id)?.department).toBe(DEPT[e.department]);
    expect(new Set(recs.map((r) => r.externalId)).size).toBe(recs.length);
    const st = state();
    const rows = st.audit.list({ runId: s.runId!, status: 'applied' });
    expect(rows).toHaveLength(act.length);
    expect(rows.every((r) => r.kind === 'create' && r.erpKey && r.payloadHash)).toBe(true);
    expect(st.links.count('employees')).toBe(act.length);
    expect(st.cursors.get('employees')?.value).toBe(s.cursor);
    // reports carry their supervisor's NetSuite internal id (supervisors were created first)
    const withBoss = recs.filter((r) => r.supervisor);
    expect(withBoss.length).toBeGreaterThan(0);
    for (const r of withBoss) expect(t.sb.netsuite.records.employee(String(r.supervisor))).toBeDefined();
    // ...and the audit records the payload actually sent, supervisor included
    const report = withBoss[0]!;
    const row = rows.find((r) => r.employeeId === report.externalId!.replace('bhr-', ''))!;
    expect(JSON.parse(row.payloadJson!)).toMatchObject({ supervisor: { id: String(report.supervisor) } });
    st.close();
  });

  it('a run with nothing changed makes no ERP request at all', async () => {
    const before = t.sb.netsuite.stats.writes;
    t.sb.netsuite.requests.length = 0;
    const { code, s } = await sync();
    expect(code).toBe(0);
    expect(s.counts.created + s.counts.updated).toBe(0);
    expect(s.requests.netsuite ?? 0).toBe(0);
    expect(t.sb.netsuite.requests).toHaveLength(0);
    expect(t.sb.netsuite.stats.writes).toBe(before);
    expect(s.requests.bamboohr).toBeLessThanOrEqual(5);
  });

  it('incremental: a hire is created and a transfer updates the same record', async () => {
    const c = t.sb.bamboo.company;
    const [mover] = active().filter((e) => e.department !== 'Finance');
    const internal = ns(mover!.id)!.id;
    t.sb.bamboo.clock.advance(60_000);
    c.addJobInfo(mover!.id, { date: t.sb.bamboo.clock.today(), department: 'Finance' });
    const hired = c.hire({ firstName: 'Ngozi', lastName: 'Adeyemi', department: 'Legal', division: 'EMEA', location: 'London, UK', jobTitle: 'Counsel' });
    const { code, s } = await sync();
    expect(code).toBe(0);
    expect([s.counts.created, s.counts.updated]).toEqual([1, 1]);
    expect(ns(mover!.id)).toMatchObject({ id: internal, department: '107' });
    expect(ns(hired)).toMatchObject({ department: '110', subsidiary: '4', location: '15', class: '2', firstName: 'Ngozi' });
  });

  it('a future-dated transfer is scheduled until its date, then applied by the due-date sweep', async () => {
    const [e] = active().filter((x) => x.department !== 'Legal' && x.department !== 'Finance');
    const today = t.sb.bamboo.clock.today();
    const due = addDays(today, 10);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(e!.id, { date: due, department: 'Legal' });
    const first = await sync();
    expect(first.code).toBe(0);
    expect(first.s.counts.scheduled).toBeGreaterThanOrEqual(1);
    expect(ns(e!.id)?.department).not.toBe('110');
    const st = state();
    expect(st.audit.list({ employeeId: String(e!.id), status: 'scheduled' }).map((r) => r.effectiveDate)).toContain(due);
    st.close();
    travel(addDays(due, -1));
    const eve = await sync();
    expect(eve.s.counts.updated).toBe(0);
    // No BambooHR change event on the day: the stored dated rows are enough.
    travel(due);
    const on = await sync();
    expect(on.code).toBe(0);
    expect(on.s.counts.updated).toBe(1);
    expect(ns(e!.id)?.department).toBe('110');
  });

  it('a termination deactivates the record on its date, with releaseDate; a rehire reactivates the same record', async () => {
    const [leaver] = active().filter((x) => x.department !== 'Legal' && ns(x.id));
    const internal = ns(leaver!.id)!.id;
    const today = t.sb.bamboo.clock.today();
    const termDay = addDays(today, 12);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.terminate(leaver!.id, termDay);
    travel(addDays(termDay, -1));
    expect((await sync()).s.counts.deactivated).toBe(0);
    expect(ns(leaver!.id)?.isInactive).toBe(false);
    travel(termDay);
    const off = await sync();
    expect(off.s.counts.deactivated).toBe(1);
    expect(ns(leaver!.id)).toMatchObject({ id: internal, isInactive: true, releaseDate: termDay });
    const back = addDays(termDay, 30);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.rehire(leaver!.id, back);
    const count = t.sb.netsuite.records.employees().length;
    travel(back);
    const re = await sync();
    expect(re.s.counts.reactivated).toBe(1);
    expect(t.sb.netsuite.records.employees()).toHaveLength(count);
    expect(ns(leaver!.id)).toMatchObject({ id: internal, isInactive: false, hireDate: back });
    expect(ns(leaver!.id)?.releaseDate ?? null).toBeNull();
  });

  it('an unmapped department is parked (exit 1), then fixed and replayed', async () => {
    t.sb.bamboo.clock.advance(60_000);
    const id = t.sb.bamboo.company.hire({ firstName: 'Kai', lastName: 'Moana', department: 'Quantum Research', division: 'APAC', location: 'Singapore', jobTitle: 'Research Scientist' });
    const run = await sync();
    expect(run.code).toBe(1);
    expect(run.s.status).toBe('partial');
    expect(run.s.counts.parked).toBe(1);
    expect(ns(id)).toBeUndefined();
    let st = state();
    const [parked] = st.audit.list({ employeeId: String(id), status: 'parked' });
    expect(parked!.reason).toBe(`department: no lookup for department "Quantum Research" in ${join(dir, 'departments.csv')}`);
    st.close();
    // the next run retries it and parks it again without piling up rows
    const again = await sync();
    expect(again.code).toBe(1);
    st = state();
    expect(st.audit.list({ employeeId: String(id), status: 'open' })).toHaveLength(1);
    expect(st.audit.get(parked!.id)?.attempts).toBe(1);
    st.close();
    const nsId = t.sb.netsuite.records.addReference('department', { name: 'Quantum Research' });
    appendFileSync(join(dir, 'departments.csv'), `"Quantum Research",${nsId}\n`);
    const replay = await t.run(['replay', String(parked!.id)], storyNow ? { MLC_NOW: storyNow } : {});
    expect(replay.code).toBe(0);
    expect(ns(id)).toMatchObject({ department: nsId, subsidiary: '6' });
    st = state();
    const after = st.audit.list({ employeeId: String(id) });
    expect(after[0]).toMatchObject({ status: 'applied', kind: 'create', replayOf: parked!.id });
    expect(st.audit.get(parked!.id)?.resolvedBy).toBe(after[0]!.id);
    expect(st.audit.list({ status: 'open' })).toHaveLength(0);
    st.close();
  });

  it('--full re-reads everyone and still writes only the differences', async () => {
    const writes = t.sb.netsuite.stats.writes;
    const { code, s } = await sync({}, ['--full']);
    expect(code).toBe(0);
    expect(s.counts.read).toBeGreaterThan(40);
    expect(s.counts.created + s.counts.updated + s.counts.deactivated + s.counts.reactivated).toBe(0);
    expect(s.requests.bamboohr).toBe(5);
    expect(t.sb.netsuite.stats.writes).toBe(writes);
  });
});
