// The built CLI against BambooHR and D365 F&O simulators, as one company's story (issue 11):
// ping and the online check, a dry run, the first sync, nothing changed, incremental changes,
// a future-dated transfer on its date, a termination (on hold) and a rehire (released, same
// vendor), an unmapped department parked then replayed, a new department provisioned as a
// dimension value and used, a vendor already in D365, a killed run re-run. Each step asserts
// the simulator's state, the audit rows and the exit code.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { State } from '../../src/store/state.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';

let t: TestSandbox;
let dir: string;
let d365: D365Sim;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-d365-story-'));
  t = await testSandbox(dir, { erp: 'd365', size: 40, seed: 23 });
  d365 = (t.sb.erp as unknown as { d365: D365Sim }).d365;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const DEPT: Record<string, string> = { Engineering: '010', Product: '011', Design: '012', Sales: '020', Marketing: '021', 'Customer Success': '022', Finance: '030', 'Human Resources': '031', Operations: '032', Legal: '033', IT: '034', 'Research & Development': '040' };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let storyNow: string | undefined;
function travel(date: string): void {
  storyNow = `${date}T19:00:00Z`;
  t.sb.bamboo.clock.set(storyNow);
}
const clock = (): Record<string, string> => (storyNow ? { MLC_NOW: storyNow } : {});

async function sync(extra: Record<string, string> = {}): Promise<{ code: number | null; s: RunSummary }> {
  const { res, out } = await t.json<RunSummary>(['sync'], { ...clock(), ...extra });
  return { code: res.code, s: out };
}

const state = () => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
const vendor = (id: number) => d365.state.vendor('usmf', `EMP-${id}`);
const segment = (id: number, i: number) => String(vendor(id)?.DefaultLedgerDimensionDisplayValue ?? '').split('-')[i];
/** Requests that write: POST/PATCH, and $batch requests carrying a POST or PATCH (setup reads share a $batch of GETs). */
const writes = () => d365.requests.filter((r) => (r.path === '/data/$batch' ? /^(POST|PATCH) /m.test(r.body ?? '') : r.path.startsWith('/data/') && r.method !== 'GET'));

function active(): Array<{ id: number; department: string }> {
  const c = t.sb.bamboo.company;
  return c.list().filter((e) => c.view(e).d.status === 'Active').map((e) => ({ id: e.id, department: c.view(e).d.job?.department ?? '' }));
}

function hire(first: string, department: string): number {
  t.sb.bamboo.clock.advance(60_000);
  return t.sb.bamboo.company.hire({ firstName: first, lastName: 'Story', department, division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst' });
}

describe('sync story (D365 F&O)', () => {
  it('ping reports the environment, the legal entity and the dimension format; the online check finds no error', async () => {
    const ping = await t.run(['ping']);
    expect(ping.code).toBe(0);
    expect(ping.stdout).toContain('environment https://mlc-sandbox.sandbox.operations.dynamics.com: legal entity usmf (3 vendor groups); active default dimension format CostCenter-Department-BusinessUnit-Location-ItemGroup');
    const check = await t.run(['config', 'check', '--online']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    // Departments no vendor uses yet are not listed by FinancialDimensionValues: unknown, not invalid (A.2).
    expect(check.stdout).toMatch(/online check: 0 error\(s\)/);
    expect(check.stdout).toContain('unknown rather than invalid');
  });

  it('a dry run prints the plan and writes nothing, not even the state file', async () => {
    const { res, out } = await t.json<{ dryRun: boolean; counts: RunSummary['counts'] }>(['sync', '--dry-run']);
    expect(res.code).toBe(0);
    expect([out.dryRun, out.counts.created]).toEqual([true, active().length]);
    expect(d365.state.vendorList('usmf').filter((v) => String(v.VendorAccountNumber).startsWith('EMP-'))).toHaveLength(0);
    expect(writes()).toHaveLength(0);
    expect(existsSync(join(dir, 'mlc.db'))).toBe(false);
  });

  it('the first sync creates every active employee as a Person vendor in usmf, in a few $batch requests, each audited', async () => {
    d365.requests.length = 0;
    const { code, s } = await sync();
    expect(code).toBe(0);
    const act = active();
    expect([s.counts.created, s.counts.parked, s.counts.failed]).toEqual([act.length, 0, 0]);
    for (const e of act) expect(vendor(e.id)).toMatchObject({ VendorPartyType: 'Person', VendorGroupId: 'EMPL', OnHoldStatus: 'No' });
    for (const e of act) expect(segment(e.id, 1)).toBe(DEPT[e.department]);
    // One $batch reads the vendors (two filtered GETs), one writes them (one changeset each).
    const reads = d365.requests.filter((r) => r.path === '/data/$batch' && (r.body ?? '').includes('/data/VendorsV2?'));
    expect(reads.map((b) => (b.body?.match(/^GET /gm) ?? []).length)).toEqual([2]);
    expect(writes().map((b) => (b.body?.match(/^POST /gm) ?? []).length)).toEqual([act.length]);
    expect(s.requests.d365).toBeLessThanOrEqual(10);
    const st = state();
    expect(st.audit.list({ runId: s.runId!, status: 'applied' }).every((r) => r.kind === 'create' && r.erpKey === `EMP-${r.employeeId}`)).toBe(true);
    expect(st.links.count('employees')).toBe(act.length);
    st.close();
    expectErpMatchesBamboo(t);
  });

  it('a run with nothing changed makes no D365 request at all', async () => {
    d365.requests.length = 0;
    const { code, s } = await sync();
    expect([code, s.counts.created + s.counts.updated]).toEqual([0, 0]);
    expect(s.requests.d365 ?? 0).toBe(0);
    expect(d365.requests).toHaveLength(0);
  });

  it('incremental: a hire is created, a transfer patches only the dimension of the same vendor', async () => {
    const [mover] = active().filter((e) => e.department !== 'Finance');
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(mover!.id, { date: t.sb.bamboo.clock.today(), department: 'Finance' });
    const hired = hire('Ngozi', 'Legal');
    const party = vendor(mover!.id)?.VendorPartyNumber;
    d365.requests.length = 0;
    const { code, s } = await sync();
    expect([code, s.counts.created, s.counts.updated]).toEqual([0, 1, 1]);
    expect(vendor(mover!.id)).toMatchObject({ VendorPartyNumber: party });
    expect(segment(mover!.id, 1)).toBe('030');
    expect(vendor(hired)).toMatchObject({ PersonFirstName: 'Ngozi', DefaultLedgerDimensionDisplayValue: '-033-002-DUB-' });
    expect(writes()[0]?.body).toMatch(/PATCH [^\n]*EMP-\d+[^\n]*\r\n[\s\S]*\{"DefaultLedgerDimensionDisplayValue":"-030-/);
  });

  it('a future-dated transfer is scheduled until its date, then applied by the due-date sweep', async () => {
    const [e] = active().filter((x) => x.department !== 'Legal' && x.department !== 'Finance');
    const due = addDays(t.sb.bamboo.clock.today(), 10);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(e!.id, { date: due, department: 'Legal' });
    const first = await sync();
    expect(first.s.counts.scheduled).toBeGreaterThanOrEqual(1);
    expect(segment(e!.id, 1)).toBe(DEPT[e!.department]);
    travel(addDays(due, -1));
    expect((await sync()).s.counts.updated).toBe(0);
    travel(due);
    const on = await sync();
    expect([on.code, on.s.counts.updated]).toEqual([0, 1]);
    expect(segment(e!.id, 1)).toBe('033');
  });

  it('a termination puts the vendor on hold on its date; a rehire releases the same vendor', async () => {
    const [leaver] = active().filter((x) => x.department !== 'Legal');
    const party = vendor(leaver!.id)?.VendorPartyNumber;
    const termDay = addDays(t.sb.bamboo.clock.today(), 12);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.terminate(leaver!.id, termDay);
    travel(addDays(termDay, -1));
    expect((await sync()).s.counts.deactivated).toBe(0);
    expect(vendor(leaver!.id)?.OnHoldStatus).toBe('No');
    travel(termDay);
    expect((await sync()).s.counts.deactivated).toBe(1);
    expect(vendor(leaver!.id)).toMatchObject({ OnHoldStatus: 'All', VendorPartyNumber: party });
    const back = addDays(termDay, 30);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.rehire(leaver!.id, back);
    const count = d365.state.vendorList('usmf').length;
    travel(back);
    expect((await sync()).s.counts.reactivated).toBe(1);
    expect(vendor(leaver!.id)).toMatchObject({ OnHoldStatus: 'No', VendorPartyNumber: party });
    expect(d365.state.vendorList('usmf')).toHaveLength(count);
  });

  it('an unmapped department is parked (exit 1); once D365 has the value and the lookup maps it, replay writes it', async () => {
    const id = hire('Kai', 'Skunkworks');
    const run = await sync();
    expect([run.code, run.s.counts.parked]).toEqual([1, 1]);
    expect(vendor(id)).toBeUndefined();
    let st = state();
    const [parked] = st.audit.list({ employeeId: String(id), status: 'parked' });
    expect(parked!.reason).toBe(`Department: no lookup for department "Skunkworks" in ${join(dir, 'departments.csv')}`);
    st.close();
    // A new value no vendor uses yet: D365 does not list it, mlc lets D365's own validation decide (A.2).
    appendFileSync(join(dir, 'departments.csv'), `${t.sb.erp.addDepartment('Skunkworks').lookupLine}\n`);
    const replay = await t.run(['replay', String(parked!.id)], clock());
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(segment(id, 1)).toBe('100');
    st = state();
    expect(st.audit.list({ employeeId: String(id) })[0]).toMatchObject({ status: 'applied', kind: 'create', replayOf: parked!.id });
    st.close();
  });

  it('with provision, a new BambooHR department becomes a D365 dimension value first, then its employee uses it', async () => {
    const yaml = readFileSync(t.config, 'utf8').replace('        lookup: { file: ./departments.csv }\n', "        lookup: { file: ./departments.csv }\n        provision: { code: 'Q{id}' }\n");
    writeFileSync(t.config, yaml);
    const id = hire('Ada', 'Quantum Research');
    const option = t.sb.bamboo.company.departments.find((d) => d.name === 'Quantum Research')!;
    const { code, s } = await sync();
    expect([code, s.counts.created]).toEqual([0, 2]);
    expect(d365.state.dimensionValueList().find((v) => v.DimensionValue === `Q${option.id}`)).toMatchObject({ FinancialDimension: 'Department', Description: 'Quantum Research', IsSuspended: 'No' });
    expect(segment(id, 1)).toBe(`Q${option.id}`);
    const st = state();
    const rows = st.audit.list({ runId: s.runId! });
    const ref = rows.find((r) => r.family === 'reference')!;
    expect(ref).toMatchObject({ status: 'applied', kind: 'create', employeeId: `Department#${option.id}`, erpKey: `Q${option.id}` });
    expect(rows.find((r) => r.employeeId === String(id))!.id).toBeGreaterThan(ref.id);
    st.close();
    expect((await sync()).s.counts.created).toBe(0);
  });

  it('a vendor already in D365 (a delivery that landed before) is updated, never created twice', async () => {
    const id = hire('Duplicate', 'Sales');
    d365.state.seedVendor({ dataAreaId: 'usmf', VendorAccountNumber: `EMP-${id}`, VendorGroupId: 'EMPL', VendorPartyType: 'Person', PersonFirstName: 'Dup', PersonLastName: 'Old' });
    const count = d365.state.vendorList('usmf').length;
    const { code, s } = await sync();
    expect([code, s.counts.created]).toEqual([0, 1]);
    expect(d365.state.vendorList('usmf')).toHaveLength(count);
    expect(vendor(id)).toMatchObject({ PersonFirstName: 'Duplicate', PersonLastName: 'Story', DefaultLedgerDimensionDisplayValue: '-020-002-DUB-' });
  });

  it('a run killed after D365 accepted a batch is completed by the next run, without a second vendor', async () => {
    const ids = [hire('Killed', 'IT'), hire('Again', 'Design')];
    const killed = await t.run(['sync'], { ...clock(), MLC_FAILPOINT: 'erp-written@1' });
    expect(killed.signal).toBe('SIGKILL');
    for (const id of ids) expect(vendor(id)).toBeDefined();
    const { code, s } = await sync();
    expect(code).toBe(0);
    expect(s.counts.created + s.counts.unchanged).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(d365.state.vendorList('usmf').filter((v) => v.VendorAccountNumber === `EMP-${id}`)).toHaveLength(1);
    const st = state();
    expect(st.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    st.close();
    expectErpMatchesBamboo(t);
  });
});
