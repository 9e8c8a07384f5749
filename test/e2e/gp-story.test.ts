// The built CLI against BambooHR and the GP simulator (HTTPS, pinned, NTLMv2), as one company's
// employee story: first sync, nothing changed, an incremental run reading GP's reference data
// by ModifiedDate, a termination and a rehire of the same vendor, an unmapped department
// parked then replayed, a run killed between GP's answer and mlc's record, wrong Windows
// credentials. mlc sync leaves the configured journal flow alone throughout.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import type { GpSim } from '../../src/sim/dynamics-gp/index.js';
import { State } from '../../src/store/state.js';
import { runMlc } from '../helpers/cli.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';

let t: TestSandbox;
let dir: string;
let gp: GpSim;
beforeAll(async () => {
  dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'mlc-gp-story-'));
  t = await testSandbox(dir, { erp: 'gp', size: 30, seed: 29 });
  gp = (t.sb.erp as unknown as { gp: GpSim }).gp;
});
afterAll(async () => {
  await t.close();
  (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
});

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let storyNow: string | undefined;
function travel(date: string): void {
  storyNow = `${date}T19:00:00Z`;
  t.sb.bamboo.clock.set(storyNow);
}
const now = (): Record<string, string> => (storyNow ? { MLC_NOW: storyNow } : {});

async function sync(env: Record<string, string> = {}): Promise<{ code: number | null; s: RunSummary; stderr: string }> {
  const { res, out } = await t.json<RunSummary>(['sync'], { ...now(), ...env });
  return { code: res.code, s: out, stderr: res.stderr };
}
const vendor = (id: number) => gp.store().vendors.get(`BHR-${id}`);
const state = () => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
function active(): Array<{ id: number; department: string }> {
  const c = t.sb.bamboo.company;
  return c.list().filter((e) => c.view(e).d.status === 'Active').map((e) => ({ id: e.id, department: c.view(e).d.job?.department ?? '' }));
}

describe('GP employee story', () => {
  it('ping logs on with Windows authentication; config check --online finds every path on /help', async () => {
    const ping = await t.run(['ping']);
    expect(ping.code).toBe(0);
    expect(ping.stdout).toMatch(/ok {3}gp .*domain from env, user from env, password from env {2}company "Fabrikam, Inc\." \(TWO\) of tenant DefaultTenant; Windows authentication \(NTLMv2\)/);
    const check = await t.run(['config', 'check', '--online']);
    expect(check.stdout + check.stderr).toMatch(/online check: 0 error\(s\)/);
    expect(check.code).toBe(0);
  });

  it('first sync: every active employee becomes one vendor BHR-<id>, over two NTLM logons; the journal flow is left alone', async () => {
    const logons = gp.stats.logons;
    const { code, s } = await sync();
    expect(code).toBe(0);
    expect(s.flows).toEqual(['employees']);
    expect(s.counts.created).toBe(active().length);
    expect(gp.stats.logons - logons).toBeLessThanOrEqual(2); // concurrency 2: one logon per connection
    expect(expectErpMatchesBamboo(t).records).toBe(active().length);
    expect(gp.transactions().map((x) => x.JournalId)).toEqual([1000]);
    const journal = await t.run(['sync', '--flow', 'payroll']);
    expect([journal.code, journal.stderr]).toEqual([2, expect.stringContaining('flow "payroll" is a journal flow: run mlc journal --flow payroll')]);
  });

  it('nothing changed: no GP request at all', async () => {
    const n = gp.requests.length;
    const { code, s } = await sync();
    expect([code, s.counts.created + s.counts.updated, s.requests.gp ?? 0]).toEqual([0, 0, 0]);
    expect(gp.requests.length).toBe(n);
  });

  it('incremental: a transfer updates the same vendor, a hire is created; GP is asked only for what changed since (ModifiedDate)', async () => {
    const c = t.sb.bamboo.company;
    const mover = active().find((e) => e.department !== 'Finance')!;
    t.sb.bamboo.clock.advance(60_000);
    c.addJobInfo(mover.id, { date: t.sb.bamboo.clock.today(), department: 'Finance' });
    const hired = c.hire({ firstName: 'Ngozi', lastName: 'Adeyemi', department: 'Legal', division: 'EMEA', location: 'London, UK', jobTitle: 'Counsel' });
    const n = gp.requests.length;
    const { code, s } = await sync();
    expect([code, s.counts.created, s.counts.updated]).toEqual([0, 1, 1]);
    expect(vendor(mover.id)).toMatchObject({ Comment1: '300', Status: 'Active' });
    expect(vendor(hired)).toMatchObject({ Name: 'Ngozi Adeyemi', Comment1: '330', Comment2: '05', ClassId: 'EMPLOYEE' });
    const reads = gp.requests.slice(n).filter((r) => r.method === 'GET' && r.status === 200);
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(r.query.$filter, r.path).toMatch(/^ModifiedDate ge /);
    expectErpMatchesBamboo(t);
  });

  it('a termination makes the vendor Inactive on its date; a rehire makes the same vendor Active again', async () => {
    const leaver = active().find((e) => vendor(e.id))!;
    const today = t.sb.bamboo.clock.today();
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.terminate(leaver.id, addDays(today, 3));
    travel(addDays(today, 3));
    const off = await sync();
    expect([off.code, off.s.counts.deactivated]).toEqual([0, 1]);
    expect(vendor(leaver.id)).toMatchObject({ Status: 'Inactive' });
    const count = gp.vendors().length;
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.rehire(leaver.id, addDays(today, 20));
    travel(addDays(today, 20));
    const back = await sync();
    expect([back.code, back.s.counts.reactivated]).toEqual([0, 1]);
    expect(gp.vendors()).toHaveLength(count);
    expect(vendor(leaver.id)).toMatchObject({ Status: 'Active', IsOnHold: false });
    expectErpMatchesBamboo(t);
  });

  it('an unmapped department parks the person (exit 1); once mapped, mlc replay creates the vendor', async () => {
    t.sb.bamboo.clock.advance(60_000);
    const id = t.sb.bamboo.company.hire({ firstName: 'Kai', lastName: 'Moana', department: 'Quantum Research', division: 'APAC', location: 'Singapore', jobTitle: 'Research Scientist' });
    const run = await sync();
    expect([run.code, run.s.counts.parked]).toEqual([1, 1]);
    expect(vendor(id)).toBeUndefined();
    let st = state();
    const [parked] = st.audit.list({ employeeId: String(id), status: 'parked' });
    expect(parked?.reason).toBe(`department: no lookup for department "Quantum Research" in ${join(dir, 'departments.csv')}`);
    st.close();
    appendFileSync(join(dir, 'departments.csv'), `${t.sb.erp.addDepartment('Quantum Research').lookupLine}\n`);
    const replay = await t.run(['replay', String(parked!.id)], now());
    expect(replay.code, replay.stderr).toBe(0);
    expect(vendor(id)).toMatchObject({ Comment1: '410', Comment2: '08' });
    st = state();
    expect(st.audit.list({ employeeId: String(id) })[0]).toMatchObject({ status: 'applied', replayOf: parked!.id });
    expect(st.audit.list({ status: 'open' })).toHaveLength(0);
    st.close();
  });

  it('a run killed after GP took a vendor and before mlc recorded it: the re-run finds it (no duplicate)', async () => {
    t.sb.bamboo.clock.advance(60_000);
    const hires = [0, 1, 2].map((i) => t.sb.bamboo.company.hire({ firstName: `Kill${i}`, lastName: 'Test', department: 'IT', division: 'APAC', location: 'Singapore', jobTitle: 'Engineer' }));
    const killed = await t.run(['sync'], { ...now(), MLC_FAILPOINT: 'erp-written@2' });
    expect(killed.signal).toBe('SIGKILL');
    expect(hires.filter((h) => vendor(h)).length).toBeGreaterThanOrEqual(1);
    const again = await sync();
    expect(again.code).toBe(0);
    for (const h of hires) expect(gp.vendors().filter((v) => v.VendorId === `BHR-${h}`)).toHaveLength(1);
    expectErpMatchesBamboo(t);
  });

  it('wrong Windows credentials: exit 4, a clear message, nothing written', async () => {
    t.sb.bamboo.clock.advance(60_000);
    const mover = active().find((e) => e.department !== 'IT')!;
    t.sb.bamboo.company.addJobInfo(mover.id, { date: t.sb.bamboo.clock.today(), department: 'IT' });
    const writes = gp.stats.writes;
    const res = await t.run(['sync'], { ...now(), ...t.sb.erp.env({ wrong: true }) });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('gp: Dynamics GP refused the Windows credentials (NTLMv2 logon failed for the account in the secrets gp.domain, gp.user and gp.password)');
    expect(gp.stats.writes).toBe(writes);
    expect((await sync()).code).toBe(0);
    expectErpMatchesBamboo(t);
  });

  it('mlc demo --erp gp runs the whole employee story against the GP simulator and ends matching BambooHR', { timeout: 120_000 }, async () => {
    const res = await runMlc(['demo', '--erp', 'gp', '--size', '60'], { timeoutMs: 120_000 });
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toMatch(/2\. mlc ping gp: ok .*Windows authentication \(NTLMv2\)/);
    expect(res.stdout).toMatch(/5\. Incremental sync: mlc sync partial: .* 1 created, \d+ updated, 1 deactivated, .* 1 parked, 1 failed;/);
    expect(res.stdout).toMatch(/Done: \d+ records in gp, 0 open records, matching BambooHR\./);
  });
});
