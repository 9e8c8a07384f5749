// The built CLI against the BambooHR and SYSPRO simulators, as one company's story (issue 12):
// a dry run, the first sync, nothing changed (no request at all), incremental changes, a
// future-dated transfer on its date, a termination and a rehire into the same labour
// employee, an unmapped department parked then replayed, a change delivered twice, a killed
// run re-run, a person logging on mid-run, an idle timeout between two batches, and a SIGTERM.
// Each step asserts SYSPRO's state, the audit and the exit code, and that every run that
// logged on ended with exactly one Logoff and no session of mlc's left.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import type { SysproSim } from '../../src/sim/syspro/index.js';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { until } from '../helpers/until.js';

let t: TestSandbox;
let dir: string;
let sim: SysproSim;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-syspro-story-'));
  t = await testSandbox(dir, { erp: 'syspro', size: 40, seed: 23 });
  sim = (t.sb.erp as unknown as { syspro: SysproSim }).syspro;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const WC: Record<string, string> = { Engineering: 'ENG1', Finance: 'FIN1', Legal: 'LEG1', Sales: 'SAL1' };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const code = (id: number) => `BHR${String(id).padStart(5, '0')}`;
const employee = (id: number) => sim.employees().find((e) => e.Employee === code(id));
const form = (id: number) => Object.fromEntries(sim.customFormValues().filter((v) => v.KeyField === code(id)).map((v) => [v.FieldName, v.DateValue || v.AlphaValue]));
const state = () => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
const mine = () => sim.employees().filter((e) => e.Employee.startsWith('BHR'));

let storyNow: string | undefined;
function travel(date: string): void {
  storyNow = `${date}T19:00:00Z`;
  t.sb.bamboo.clock.set(storyNow);
}
const clock = (): Record<string, string> => (storyNow ? { MLC_NOW: storyNow } : {});

/** One sync; if it logged on, it logged off exactly once, and left no session of mlc's. */
async function sync(args: string[] = []): Promise<{ code: number | null; s: RunSummary; logons: number }> {
  const before = { logons: sim.stats.logons, logoffs: sim.stats.logoffs };
  const { res, out } = await t.json<RunSummary>(['sync', ...args], clock());
  const logons = sim.stats.logons - before.logons;
  expect(sim.stats.logoffs - before.logoffs, `Logoffs of a run with ${logons} logons`).toBe(logons > 0 ? 1 : 0);
  expect(sim.sessions().filter((x) => !x.human)).toEqual([]);
  return { code: res.code, s: out, logons };
}

function active(): Array<{ id: number; department: string }> {
  const c = t.sb.bamboo.company;
  return c.list().filter((e) => c.view(e).d.status === 'Active').map((e) => ({ id: e.id, department: c.view(e).d.job?.department ?? '' }));
}

/** Employees moved to another department today: a BOMSEC item and their custom form fields each. */
function moveSome(n: number, department: string): number[] {
  t.sb.bamboo.clock.advance(60_000);
  const movers = active().filter((e) => e.department !== department && employee(e.id)).slice(0, n);
  for (const m of movers) t.sb.bamboo.company.addJobInfo(m.id, { date: t.sb.bamboo.clock.today(), department });
  return movers.map((m) => m.id);
}

describe('sync story (SYSPRO)', () => {
  it('a dry run reads the reference data, writes nothing, logs off', async () => {
    const { code: exit, s } = await sync(['--dry-run']);
    expect(exit).toBe(0);
    expect(s.counts.created).toBe(active().length);
    expect(sim.requests.filter((r) => r.path.includes('/Setup/'))).toHaveLength(0);
    expect(mine()).toHaveLength(0);
    expect(existsSync(join(dir, 'mlc.db'))).toBe(false);
  });

  it('first sync: every active employee a labour employee, work centre and custom form fields set, pay redacted in the audit', async () => {
    const { code: exit, s, logons } = await sync();
    expect(exit).toBe(0);
    const act = active();
    expect(s.counts.created).toBe(act.length);
    expect(logons).toBe(1);
    // Batched: a handful of documents, not a request per employee.
    expect(s.requests.syspro).toBeLessThan(15);
    expect(mine()).toHaveLength(act.length);
    for (const e of act) expect(employee(e.id)?.WorkCentre, `employee ${e.id}`).toBe(t.sb.erp.files()['departments.csv']!.split('\n').find((l) => l.startsWith(`"${e.department}"`))?.split(',')[1]);
    expect(form(act[0]!.id)).toMatchObject({ Status: expect.stringMatching(/^(?!Terminated).+/), HirDat: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(mine().some((e) => e.EmployeeActCost > 0)).toBe(true);
    const st = state();
    const rows = st.audit.list({ runId: s.runId!, status: 'applied' });
    expect(rows).toHaveLength(act.length);
    expect(rows.every((r) => r.erpKey === code(Number(r.employeeId)))).toBe(true);
    const withPay = rows.map((r) => JSON.parse(r.payloadJson!) as { pay?: unknown }).filter((p) => p.pay !== undefined);
    expect(withPay.length).toBeGreaterThan(0);
    expect(withPay.every((p) => p.pay === '[redacted]')).toBe(true);
    st.close();
    expectErpMatchesBamboo(t);
  });

  it('nothing changed: no request to SYSPRO at all, not even a logon', async () => {
    sim.requests.length = 0;
    const { code: exit, s } = await sync();
    expect(exit).toBe(0);
    expect(s.counts.created + s.counts.updated).toBe(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('incremental: a hire is added, a transfer updates the same labour employee', async () => {
    const [mover] = moveSome(1, 'Finance');
    const hired = t.sb.bamboo.company.hire({ firstName: 'Ngozi', lastName: 'Adeyemi', department: 'Legal', division: 'EMEA', location: 'London, UK', jobTitle: 'Counsel' });
    const count = mine().length;
    const { code: exit, s } = await sync();
    expect(exit).toBe(0);
    expect([s.counts.created, s.counts.updated]).toEqual([1, 1]);
    expect(mine()).toHaveLength(count + 1);
    expect(employee(mover!)?.WorkCentre).toBe(WC.Finance);
    expect(employee(hired)).toMatchObject({ Name: 'Ngozi Adeyemi', WorkCentre: WC.Legal });
    expect(form(hired)).toMatchObject({ Divisn: 'EMEA', Locatn: 'London, UK' });
  });

  it('a future-dated transfer is scheduled, then applied on its date by the due-date sweep', async () => {
    const [e] = active().filter((x) => x.department !== 'Legal' && employee(x.id));
    const due = addDays(t.sb.bamboo.clock.today(), 10);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(e!.id, { date: due, department: 'Legal' });
    const first = await sync();
    expect(first.s.counts.scheduled).toBeGreaterThanOrEqual(1);
    expect(employee(e!.id)?.WorkCentre).not.toBe(WC.Legal);
    travel(addDays(due, -1));
    expect((await sync()).s.counts.updated).toBe(0);
    travel(due);
    const on = await sync();
    expect([on.code, on.s.counts.updated]).toEqual([0, 1]);
    expect(employee(e!.id)?.WorkCentre).toBe(WC.Legal);
  });

  it('a termination sets the custom form fields on its date; a rehire reactivates the same employee code', async () => {
    const [leaver] = active().filter((x) => x.department !== 'Legal' && employee(x.id));
    const termDay = addDays(t.sb.bamboo.clock.today(), 12);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.terminate(leaver!.id, termDay);
    travel(addDays(termDay, -1));
    expect((await sync()).s.counts.deactivated).toBe(0);
    travel(termDay);
    const off = await sync();
    expect(off.s.counts.deactivated).toBe(1);
    expect(form(leaver!.id)).toMatchObject({ Status: 'Terminated', TrmDat: termDay });
    const count = mine().length;
    const back = addDays(termDay, 30);
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.rehire(leaver!.id, back);
    travel(back);
    const re = await sync();
    expect(re.s.counts.reactivated).toBe(1);
    expect(mine()).toHaveLength(count);
    expect(form(leaver!.id)).toMatchObject({ TrmDat: '', HirDat: back, Status: expect.not.stringMatching(/^Terminated$/) });
  });

  it('an unmapped department parks the hire (exit 1); mapped to a new work centre, the replay adds it', async () => {
    t.sb.bamboo.clock.advance(60_000);
    const id = t.sb.bamboo.company.hire({ firstName: 'Kai', lastName: 'Moana', department: 'Quantum Research', division: 'APAC', location: 'Singapore', jobTitle: 'Research Scientist' });
    const run = await sync();
    expect([run.code, run.s.counts.parked]).toEqual([1, 1]);
    expect(employee(id)).toBeUndefined();
    let st = state();
    const [parked] = st.audit.list({ employeeId: String(id), status: 'parked' });
    expect(parked!.reason).toBe(`workCentre: no lookup for department "Quantum Research" in ${join(dir, 'departments.csv')}`);
    st.close();
    appendFileSync(join(dir, 'departments.csv'), `${t.sb.erp.addDepartment('Quantum Research').lookupLine}\n`);
    const logoffs = sim.stats.logoffs;
    const replay = await t.run(['replay', String(parked!.id)], clock());
    expect(replay.code, replay.stderr).toBe(0);
    expect(sim.stats.logoffs).toBe(logoffs + 1);
    expect(employee(id)).toMatchObject({ WorkCentre: 'QUANTU1', Name: 'Kai Moana' });
    st = state();
    expect(st.audit.list({ employeeId: String(id) })[0]).toMatchObject({ status: 'applied', kind: 'create', replayOf: parked!.id });
    expect(st.audit.list({ status: 'open' })).toHaveLength(0);
    st.close();
  });

  it('a work centre whose cost centre is missing parks the employee with the reason, before any write', async () => {
    const csv = join(dir, 'departments.csv');
    const original = readFileSync(csv, 'utf8');
    writeFileSync(csv, original.replace('"Sales",SAL1', '"Sales",ORPHAN'));
    const [seller] = moveSome(1, 'Sales');
    const run = await sync();
    expect([run.code, run.s.counts.parked]).toEqual([1, 1]);
    const st = state();
    expect(st.audit.list({ employeeId: String(seller), status: 'parked' })[0]?.reason).toBe(
      'workCentre: workCentre ORPHAN ("Work centre without a cost centre; its cost centre NOCC does not exist in SYSPRO") is inactive in syspro (flows.employees.references.workCentre)',
    );
    st.close();
    expect(employee(seller!)?.WorkCentre).not.toBe('ORPHAN');
    writeFileSync(csv, original);
    expect((await sync()).code).toBe(0);
    expect(employee(seller!)?.WorkCentre).toBe(WC.Sales);
  });

  it('a run killed between the SYSPRO write and its record is redone without a duplicate', async () => {
    const moved = moveSome(3, 'Engineering');
    const killed = await t.run(['sync'], { ...clock(), MLC_FAILPOINT: 'erp-written@1' });
    expect(killed.signal).toBe('SIGKILL');
    expect(moved.every((id) => employee(id)?.WorkCentre === WC.Engineering)).toBe(true);
    // No Logoff from a killed process: its session lingers until the next logon ends it.
    expect(sim.sessions().filter((x) => !x.human)).toHaveLength(1);
    let st = state();
    expect(moved.map((id) => st.audit.list({ employeeId: String(id), status: 'planned' }).length)).toEqual([1, 1, 1]);
    st.close();
    const count = mine().length;
    const evictions = sim.stats.evictions;
    const again = await sync();
    expect(sim.stats.evictions).toBe(evictions + 1);
    expect(again.code).toBe(0);
    expect(mine()).toHaveLength(count);
    st = state();
    expect(st.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    expect(st.audit.list({ status: 'open' })).toHaveLength(0);
    st.close();
    expectErpMatchesBamboo(t);
  });

  it('a person logging on with the operator mid-run: the call is sent again on a new session, one Logoff', async () => {
    const moved = moveSome(4, 'Legal');
    const before = { ...sim.stats };
    sim.setFaults({ failNext: [{ kind: 'evict', pathPrefix: '/SYSPROWCFService/Rest/Setup/', businessObject: 'COMSFM' }] });
    const run = await sync();
    expect([run.code, run.s.counts.updated]).toEqual([0, 4]);
    expect(run.logons).toBe(2);
    expect(sim.stats.humanLogons - before.humanLogons).toBe(1);
    expect(sim.stats.invalidSessionCalls - before.invalidSessionCalls).toBe(1);
    expect(moved.every((id) => form(id)['HirDat'] !== undefined && employee(id)?.WorkCentre === WC.Legal)).toBe(true);
    expectErpMatchesBamboo(t);
  });

  it('an idle timeout between two batches: renewed before the next call, or after SYSPRO ended it', async () => {
    const yaml = readFileSync(t.config, 'utf8');
    sim.setSessionIdleTimeout(1000);
    try {
      // mlc knows the timeout: it logs on again before the second document, SYSPRO never says ERROR.
      writeFileSync(t.config, yaml.replace('\n    concurrency: 1\n', '\n    concurrency: 1\n    sessionIdleTimeout: 1s\n'));
      moveSome(3, 'Finance');
      let before = { ...sim.stats };
      sim.setFaults({ slowMs: 0, failNext: [{ kind: 'slow', businessObject: 'BOMSEC', delayMs: 1500 }] });
      const renewed = await sync();
      expect([renewed.code, renewed.s.counts.updated, renewed.logons]).toEqual([0, 3, 2]);
      expect(sim.stats.invalidSessionCalls - before.invalidSessionCalls).toBe(0);
      // mlc thinks sessions last 30 minutes: SYSPRO ends it first, answers ERROR, mlc logs on and resends.
      writeFileSync(t.config, yaml);
      moveSome(3, 'Sales');
      before = { ...sim.stats };
      sim.setFaults({ slowMs: 0, failNext: [{ kind: 'slow', businessObject: 'BOMSEC', delayMs: 1500 }] });
      const reacted = await sync();
      expect([reacted.code, reacted.s.counts.updated, reacted.logons]).toEqual([0, 3, 2]);
      expect(sim.stats.invalidSessionCalls - before.invalidSessionCalls).toBe(1);
    } finally {
      sim.setSessionIdleTimeout(30 * 60 * 1000);
      writeFileSync(t.config, yaml);
    }
    expectErpMatchesBamboo(t);
  });

  it('SIGTERM mid-run: the document in flight finishes, the session is logged off, exit 143; the next run completes', async () => {
    const movers = moveSome(6, 'Engineering');
    sim.setLatency(300);
    const before = { logoffs: sim.stats.logoffs };
    sim.requests.length = 0;
    const child = spawn(process.execPath, [MLC_BIN, 'sync', '--config', t.config], { env: { PATH: process.env.PATH ?? '', ...t.env, ...clock() }, stdio: 'ignore' });
    const done = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    try {
      // The BOMSEC document is answered; its batch's COMSFM document is still to come.
      await until(() => sim.requests.some((r) => r.path.includes('/Setup/')));
      child.kill('SIGTERM');
      expect(await done).toBe(143);
    } finally {
      sim.setLatency(0);
    }
    expect(sim.stats.logoffs - before.logoffs).toBe(1);
    // The batch in flight was finished, both documents, and recorded.
    expect(movers.every((id) => employee(id)?.WorkCentre === 'ENG1' && form(id)['Status'] !== undefined)).toBe(true);
    const st = state();
    expect(movers.every((id) => st.links.get('employees', String(id))?.erpKey === code(id))).toBe(true);
    expect(st.runs.recent(1)[0]).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    st.close();
    expect(sim.sessions().filter((x) => !x.human)).toEqual([]);
    expect((await sync()).code).toBe(0);
    expectErpMatchesBamboo(t);
  });
  it('a business object the e.net licence lacks stops the run with exit 2 and the hint; nothing is retried', async () => {
    const [mover] = moveSome(1, 'Legal');
    sim.setLicensedBusinessObjects(['COMFND', 'COMSFM']);
    try {
      const before = sim.stats.unknownBusinessObject;
      const logoffs = sim.stats.logoffs;
      const res = await t.run(['sync'], clock());
      expect(res.code, res.stderr).toBe(2);
      expect(sim.stats.logoffs - logoffs).toBe(1); // logged off after the failure too
      expect(res.stderr).toContain('e.net exception raised: 100000');
      expect(res.stderr).toMatch(/licen[cs]e/);
      expect(sim.stats.unknownBusinessObject - before).toBe(1);
    } finally {
      sim.setLicensedBusinessObjects(['COMFND', 'BOMSEC', 'BOMSCC', 'BOMSWC', 'COMSFM']);
    }
    expect((await sync()).code).toBe(0);
    expect(employee(mover!)?.WorkCentre).toBe(WC.Legal);
  });

  it('a change delivered twice writes nothing; with the links lost too, it lands on the same employee codes', async () => {
    let st = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000 });
    st.db.prepare("UPDATE cursors SET value = '1970-01-01T00:00:00+00:00'").run();
    st.close();
    const writes = sim.stats.writes;
    const again = await sync();
    expect(again.s.counts.created + again.s.counts.updated).toBe(0);
    expect(sim.stats.writes).toBe(writes);
    const codes = mine().map((e) => e.Employee).sort();
    st = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000 });
    st.db.prepare('DELETE FROM links').run();
    st.db.prepare("UPDATE cursors SET value = '1970-01-01T00:00:00+00:00'").run();
    st.close();
    const redo = await sync();
    expect(redo.code).toBe(0);
    expect(mine().map((e) => e.Employee).sort()).toEqual(codes);
    // (No audit truth here: with its links gone, a terminated employee is never linked again.)
    expect(t.sb.erp.mismatches(t.sb.bamboo.company)).toEqual([]);
  });

});
