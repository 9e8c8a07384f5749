// The built CLI against BambooHR and the Sage 100 agent on the in-memory BOI, as one company's
// story (issue 14 "Done when"): the first sync (segment values, headcounts, accounts), nothing
// changed, a transfer, a new department provisioned, its rename, its archiving, a record held
// by another Sage user, a wrong pinned fingerprint, a refused API key, a run killed after
// Sage took its writes. Each step asserts Sage's state, the audit and the exit code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import { expectedPeople } from '../../src/sim/bamboohr/truth.js';
import type { ErpSandbox } from '../../src/sim/erp-sandbox.js';
import { SIM_DEPARTMENTS, type Sage100Sim } from '../../src/sim/sage100/index.js';
import { State } from '../../src/store/state.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';

// One folder for the whole story (its steps build on each other).
const dir = mkdtempSync(join(tmpdir(), 'mlc-sage100-story-'));
let t: TestSandbox;
let config: string;
beforeAll(async () => {
  t = await testSandbox(dir, { erp: 'sage100', size: 40, seed: 29 });
  // The story's flow also provisions the departments departments.csv does not list, and
  // sends the adapter's default batches (the sandbox sends one write at a time for the suites).
  config = readFileSync(t.config, 'utf8')
    .replace('        lookup: { file: ./departments.csv }\n', '        lookup: { file: ./departments.csv }\n        provision: { code: "{name}", deactivate: true }\n')
    .replace('    batchSize: 1\n', '    batchSize: 50\n');
  expect(config).toContain('batchSize: 50');
  writeFileSync(t.config, config);
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const sage = (): Sage100Sim => (t.sb.erp as ErpSandbox & { sage100: Sage100Sim }).sage100;
const CODE = new Map(SIM_DEPARTMENTS.map((d, i) => [d, String(i + 1).padStart(2, '0')]));
const c = () => t.sb.bamboo.company;
const state = () => State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
const headcount = (code: string) => sage().subAccount('02', code)?.['UDF_HEADCOUNT'];

async function sync(env: Record<string, string> = {}): Promise<{ code: number | null; s: RunSummary }> {
  const { res, out } = await t.json<RunSummary>(['sync'], env);
  return { code: res.code, s: out };
}

/** Active people per department, as BambooHR says today. */
function people(): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of expectedPeople(c())) if (p.active && p.department) out.set(p.department, (out.get(p.department) ?? 0) + 1);
  return out;
}

/** Every department value of segment 02 carries the headcount BambooHR implies (0 where nobody is). */
function expectHeadcounts(provisioned: Record<string, string> = {}): void {
  const byCode = new Map<string, number>();
  for (const [name, n] of people()) byCode.set(CODE.get(name) ?? provisioned[name] ?? `?${name}`, n);
  const got = Object.fromEntries(sage().subAccounts('02').map((r) => [String(r['SubAccountCode']), r['UDF_HEADCOUNT']]));
  const want = Object.fromEntries(Object.keys(got).map((code) => [code, byCode.get(code) ?? 0]));
  expect(got).toEqual(want);
  expect([...byCode.keys()].filter((k) => k.startsWith('?'))).toEqual([]);
}

/** Today's writes to Sage: the keys of every write in the batches since `from`. */
function writesSince(from: number): string[] {
  return sage().requests.slice(from).filter((r) => r.path === '/v1/batch' && r.status === 200).flatMap((r) => (JSON.parse(r.body!) as { writes: Array<{ key: Record<string, string> }> }).writes.map((w) => Object.values(w.key).join('-')));
}

function activeIn(department: string) {
  return c().list().filter((e) => c().view(e).d.status === 'Active' && c().view(e).d.job?.department === department);
}

function move(id: number, department: string): void {
  c().addJobInfo(id, { date: t.sb.bamboo.clock.today(), department });
}

/** BambooHR renames a list option: every employee's rows carry the new name (and show as changed). */
function renameDepartment(from: string, to: string): void {
  const option = c().data.departments.find((d) => d.name === from)!;
  option.name = to;
  for (const e of c().list()) {
    if (!e.jobInfo.some((r) => r.department === from)) continue;
    for (const r of e.jobInfo) if (r.department === from) r.department = to;
    c().update(e.id, {});
  }
}

const inUse = () => [...people().keys()].filter((d) => CODE.has(d));

describe('Sage 100 story', () => {
  it('first sync: every department and location value gets its headcount, each department in use its two accounts', async () => {
    const { code, s } = await sync();
    expect(code).toBe(0);
    expect(s.counts).toMatchObject({ created: 20 + 2 * inUse().length, parked: 0, failed: 0 });
    expect(t.sb.erp.mismatches(c())).toEqual([]);
    expect(sage().account(`6000-${CODE.get(inUse()[0]!)}-00`)).toMatchObject({ AccountDesc: `Salaries ${inUse()[0]}`, AccountType: '15', Status: 'A' });
    const s2 = state();
    expect(s2.audit.list({ status: 'applied', limit: 1000 }).every((r) => r.family === 'reference')).toBe(true);
    s2.close();
    // Nothing changed: nothing planned, no request to the agent at all.
    const again = await sync();
    expect([again.code, again.s.counts.unchanged, again.s.requests.sage100 ?? 0]).toEqual([0, s.counts.created, 0]);
  });

  it('a transfer in BambooHR lands on the right segments: two headcounts written, nothing else', async () => {
    const [from, to] = inUse().sort((a, b) => (people().get(b) ?? 0) - (people().get(a) ?? 0));
    const before = { from: headcount(CODE.get(from!)!) as number, to: headcount(CODE.get(to!)!) as number };
    t.sb.bamboo.clock.advance(60_000);
    move(activeIn(from!)[0]!.id, to!);
    const mark = sage().requests.length;
    const { code, s } = await sync();
    expect([code, s.counts.updated, s.counts.created]).toEqual([0, 2, 0]);
    expect([headcount(CODE.get(from!)!), headcount(CODE.get(to!)!)]).toEqual([before.from - 1, before.to + 1]);
    expect(writesSince(mark).sort()).toEqual([`02-${CODE.get(from!)}`, `02-${CODE.get(to!)}`].sort());
    expectHeadcounts();
  });

  it('a new BambooHR department is provisioned: the value (code rule, BambooHR name) and its accounts', async () => {
    t.sb.bamboo.clock.advance(60_000);
    for (const n of ['Ada', 'Grace']) c().hire({ firstName: n, lastName: 'Quant', department: 'Quantum Research', division: 'EMEA', location: 'London, UK', jobTitle: 'Research Scientist' });
    const { code, s } = await sync();
    expect([code, s.counts.created, s.counts.parked]).toEqual([0, 3, 0]);
    expect(sage().subAccount('02', 'QU')).toMatchObject({ SubAccountDesc: 'Quantum Research', Status: 'A', UDF_HEADCOUNT: 2 });
    expect(sage().account('6000-QU-00')).toMatchObject({ AccountDesc: 'Salaries Quantum Research', Status: 'A' });
    expect(sage().account('6100-QU-00')).toMatchObject({ AccountDesc: 'Payroll Taxes Quantum Research', Status: 'A' });
    const id = c().data.departments.find((d) => d.name === 'Quantum Research')!.id;
    const s2 = state();
    expect(s2.links.get('org', `department#${id}`, 'reference')?.erpKey).toBe('02/QU');
    s2.close();
    expectHeadcounts({ 'Quantum Research': 'QU' });
  });

  it('a rename in BambooHR renames the value and its accounts; the code stays, nothing is added', async () => {
    const values = sage().subAccounts('02').length;
    t.sb.bamboo.clock.advance(60_000);
    renameDepartment('Quantum Research', 'Quantum Labs');
    const { code, s } = await sync();
    expect([code, s.counts.updated, s.counts.created]).toEqual([0, 3, 0]);
    expect(sage().subAccount('02', 'QU')).toMatchObject({ SubAccountDesc: 'Quantum Labs', UDF_HEADCOUNT: 2 });
    expect(sage().account('6000-QU-00')?.['AccountDesc']).toBe('Salaries Quantum Labs');
    expect(sage().subAccounts('02')).toHaveLength(values);
  });

  it('an archived department: its people moved out, the value and its accounts set inactive', async () => {
    t.sb.bamboo.clock.advance(60_000);
    for (const e of activeIn('Quantum Labs')) move(e.id, 'Engineering');
    c().data.departments.find((d) => d.name === 'Quantum Labs')!.archived = true;
    const { code, s } = await sync();
    expect([code, s.counts.deactivated]).toEqual([0, 3]);
    expect(sage().subAccount('02', 'QU')).toMatchObject({ Status: 'I', UDF_HEADCOUNT: 0 });
    expect([sage().account('6000-QU-00')?.['Status'], sage().account('6100-QU-00')?.['Status']]).toEqual(['I', 'I']);
    expectHeadcounts();
  });

  it('a record another Sage user holds is tried again until free; still held, it fails (open) and the next run writes it', async () => {
    const eng = { SegmentNo: '02', SubAccountCode: '01' };
    t.sb.bamboo.clock.advance(60_000);
    move(activeIn('Engineering')[0]!.id, 'Sales');
    sage().lock('GL_SubAccount_bus', eng, { attempts: 2 });
    const brief = await sync();
    expect([brief.code, brief.s.counts.failed]).toEqual([0, 0]);
    const s1 = state();
    expect(s1.audit.list({ employeeId: 'department=Engineering', limit: 1 })[0]).toMatchObject({ status: 'applied', attempts: 3 });
    s1.close();
    expectHeadcounts();

    t.sb.bamboo.clock.advance(60_000);
    move(activeIn('Engineering')[0]!.id, 'Sales');
    sage().lock('GL_SubAccount_bus', eng, { ms: 120_000 });
    const held = await t.run(['sync']);
    expect(held.code).toBe(1);
    expect(held.stdout).toMatch(/0 parked, 1 failed/);
    const s2 = state();
    expect(s2.audit.list({ employeeId: 'department=Engineering', limit: 1 })[0]).toMatchObject({ status: 'failed', errorCode: 'record_failed', reason: expect.stringContaining('is busy in Sage 100 (another user has it open: Error #0: Record/file busy); still busy after 3 attempts') });
    s2.close();
    sage().unlock('GL_SubAccount_bus', eng);
    expect((await sync()).code).toBe(0);
    expectHeadcounts();
  });

  it('a wrong pinned fingerprint: exit 4 with both fingerprints, nothing written; with no pin, ping shows the one to pin', async () => {
    const wrong = '00'.repeat(32).match(/.{2}/g)!.join(':');
    writeFileSync(t.config, config.replace(sage().fingerprint, wrong));
    const ping = await t.run(['ping']);
    expect(ping.code).toBe(4);
    expect(ping.stdout).toContain(`the server's certificate has SHA-256 fingerprint ${sage().fingerprint}, not the pinned ${wrong}`);
    t.sb.bamboo.clock.advance(60_000);
    move(activeIn('Sales')[0]!.id, 'Engineering');
    const writes = sage().stats.writes;
    expect((await t.run(['sync'])).code).toBe(4);
    expect(sage().stats.writes).toBe(writes);
    writeFileSync(t.config, config.replace(`      pinSha256: "${sage().fingerprint}"\n`, ''));
    const first = await t.run(['ping']);
    expect(first.code).toBe(4);
    expect(first.stdout).toContain(`it presents SHA-256 fingerprint ${sage().fingerprint}`);
    expect(first.stdout).toContain(`set targets.sage100.tls.pinSha256: ${sage().fingerprint}`);
    writeFileSync(t.config, config);
    const ok = await t.run(['ping']);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining(`certificate SHA-256 ${sage().fingerprint} (pinned)`)]);
  });

  it('the agent refusing the API key: exit 4, nothing written; the right key writes what waited', async () => {
    const writes = sage().stats.writes;
    const refused = await t.run(['sync'], t.sb.erp.env({ wrong: true }));
    expect(refused.code).toBe(4);
    expect(refused.stdout + refused.stderr).toContain('the Sage 100 agent refused the credentials (unauthorized: the API key is not valid)');
    expect(sage().stats.writes).toBe(writes);
    expect((await sync()).code).toBe(0);
    expectHeadcounts();
  });

  it('a run killed after Sage took its writes, re-run: no duplicate value or account, nothing left planned', async () => {
    t.sb.bamboo.clock.advance(60_000);
    c().hire({ firstName: 'Rob', lastName: 'Otics', department: 'Robotics', division: 'APAC', location: 'Singapore', jobTitle: 'Engineer' });
    const killed = await t.run(['sync'], { MLC_FAILPOINT: 'erp-written@1' });
    expect(killed.signal).toBe('SIGKILL');
    expect(sage().subAccount('02', 'RO')).toBeDefined(); // Sage has it; mlc's audit does not know yet
    const { code } = await sync();
    expect(code).toBe(0);
    expect(sage().subAccounts('02').filter((r) => String(r['SubAccountDesc']).startsWith('Robotics'))).toHaveLength(1);
    expect(sage().accounts().filter((r) => String(r['Account']).includes('-RO-'))).toHaveLength(2);
    const s = state();
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
    expect(s.runs.recent(3).some((r) => r.errorCode === 'interrupted')).toBe(true);
    s.close();
    expectHeadcounts({ Robotics: 'RO' });
  });
});
