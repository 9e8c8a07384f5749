// The payroll journal through the built CLI against BambooHR and the GP simulator: a month's
// journal posted once however often the command runs; the README's prorated example exactly;
// a closed period and a missing or inactive account held with the failing lines (exit 1), then
// replayed once fixed, once; --replace of an unposted journal; a posted one read-only; a run
// killed between GP's answer and mlc's record: the re-run finds it, no second journal.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSim } from '../../src/sim/dynamics-gp/index.js';
import { State } from '../../src/store/state.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';

const EXAMPLE_FLOW = `  example:
    target: gp
    filter:
      location: ["Reykjavik, Iceland"]
    references:
      department:
        from: department
        lookup: { Engineering: "100", Sales: "200", Legal: "330" }
      location:
        from: location
        lookup: { "Reykjavik, Iceland": "09" }
    options:
      kind: journal
      offsetAccount: "000-2105-00"
      reference: "MLC EXAMPLE {period}"
`;

let t: TestSandbox;
let dir: string;
let gp: GpSim;
beforeAll(async () => {
  dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'mlc-gp-journal-'));
  t = await testSandbox(dir, { erp: 'gp', size: 20, seed: 37, extraConfig: EXAMPLE_FLOW });
  gp = (t.sb.erp as unknown as { gp: GpSim }).gp;
});
afterAll(async () => {
  await t.close();
  (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
});

interface Out {
  status: string;
  journal: { erpKey: string; posted: boolean } | null;
  reference: string;
  message: string;
  lines: Array<{ account: string; costCenter: string | null; description: string; debit: string; credit: string; people: number | null }>;
  totals: { debit: string; credit: string; lines: number; people: number };
  problems: Array<{ line: number | null; account: string | null; message: string }>;
  auditId: number | null;
}

const journal = async (flow: string, period: string, extra: string[] = [], env: Record<string, string> = {}) => {
  const { res, out } = await t.json<Out>(['journal', '--flow', flow, '--period', period, ...extra], env);
  return { code: res.code, out, stderr: res.stderr };
};
const byRef = (ref: string) => gp.transactions().filter((x) => x.Reference === ref);
const state = () => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });

/** The README's worked example, in the simulated BambooHR (today is 1 Dec 2026 or later there). */
function workedExample(): void {
  const c = t.sb.bamboo.company;
  c.addLocation('Reykjavik, Iceland', { currency: 'USD', division: 'EMEA' });
  const store = gp.store();
  for (const d of ['100', '200']) store.addAccount({ AccountNumber: `${d}-6100-09`, Description: `Salaries ${d} Reykjavik`, PostingType: 'ProfitAndLoss', IsActive: true });
  const hire = (firstName: string, hireDate: string, department: string, value: string, hourly = false) =>
    c.hire({ firstName, lastName: 'Example', hireDate, department, division: 'EMEA', location: 'Reykjavik, Iceland', jobTitle: 'Engineer', compensation: { rate: { value, currency: 'USD' }, type: hourly ? 'Hourly' : 'Salary', paidPer: hourly ? 'Hour' : 'Year' } });
  hire('Ana', '2024-01-15', 'Engineering', '78000.00');
  hire('Ben', '2026-11-16', 'Sales', '60000.00');
  c.terminate(hire('Cleo', '2022-03-01', 'Engineering', '90000.00'), '2026-11-10');
  c.addJobInfo(hire('Dev', '2025-06-01', 'Engineering', '30.00', true), { date: '2026-11-21', department: 'Sales' });
  c.addCompensation(hire('Eve', '2023-09-01', 'Sales', '48000.00'), { startDate: '2026-11-11', rate: { value: '54000.00', currency: 'USD' }, type: 'Salary', paidPer: 'Year' });
}

describe('GP payroll journal', () => {
  it('a dry run prints the lines and totals and writes nothing; the journal is then posted once however often mlc journal runs', async () => {
    const dry = await journal('payroll', 'previous', ['--dry-run']);
    expect([dry.code, dry.out.status, dry.out.reference]).toEqual([0, 'planned', 'MLC PAYROLL 2026-11']);
    expect(dry.out.totals.debit).toBe(dry.out.totals.credit);
    expect(byRef('MLC PAYROLL 2026-11')).toHaveLength(0);
    const first = await journal('payroll', 'previous');
    expect([first.code, first.out.status]).toEqual([0, 'created']);
    const second = await journal('payroll', '2026-11');
    expect([second.code, second.out.status, second.out.journal]).toEqual([0, 'exists', first.out.journal]);
    const [posted] = byRef('MLC PAYROLL 2026-11');
    expect(byRef('MLC PAYROLL 2026-11')).toHaveLength(1);
    expect(posted).toMatchObject({ TransactionState: 'Work', TransactionDate: '2026-11-30', TotalDebit: Number(first.out.totals.debit), TotalCredit: Number(first.out.totals.credit) });
    expect(posted?.Lines).toHaveLength(first.out.lines.length);
    // The audit keeps accounts and descriptions, never an amount.
    const st = state();
    const rows = st.audit.list({ flow: 'payroll', family: 'journal' });
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'applied']);
    expect(rows[1]?.payloadJson).not.toMatch(/\d+\.\d\d/);
    expect(JSON.parse(rows[1]!.payloadJson!).lines[0]).toMatchObject({ debit: '[redacted]', credit: '[redacted]' });
    expect(st.links.get('payroll', '2026-11', 'journal')?.erpKey).toBe(first.out.journal?.erpKey);
    st.close();
  });

  it("the README's worked example, exactly: a mid-month hire, a termination, a transfer and a raise", async () => {
    workedExample();
    const { code, out } = await journal('example', '2026-11');
    expect([code, out.status, out.problems]).toEqual([0, 'created', []]);
    expect(out.lines.map((l) => [l.account, l.costCenter, l.description, l.debit, l.credit, l.people])).toEqual([
      ['100-6100-09', '100', 'Engineering / Reykjavik, Iceland', '12466.67', '0.00', 3],
      ['200-6100-09', '200', 'Sales / Reykjavik, Iceland', '8566.66', '0.00', 3],
      ['000-2105-00', null, 'BambooHR compensation 2026-11', '0.00', '21033.33', null],
    ]);
    expect(out.totals).toEqual({ debit: '21033.33', credit: '21033.33', lines: 3, people: 5 });
    expect(byRef('MLC EXAMPLE 2026-11')[0]?.Lines.map((l) => [l.AccountNumber, l.DebitAmount, l.CreditAmount])).toEqual([
      ['100-6100-09', 12466.67, 0], ['200-6100-09', 8566.66, 0], ['000-2105-00', 0, 21033.33],
    ]);
  });

  it('a closed period is held with the reason (exit 1), nothing posted; reopened, mlc replay posts it, once', async () => {
    const held = await journal('example', '2026-10');
    expect([held.code, held.out.status, held.out.journal]).toEqual([1, 'held', null]);
    expect(held.out.problems).toEqual([{ line: null, account: null, message: 'fiscal period 2026 period 10 (Period 10) is closed for the Financial series in GP' }]);
    expect(byRef('MLC EXAMPLE 2026-10')).toHaveLength(0);
    const again = await journal('example', '2026-10');
    expect([again.code, again.out.auditId]).toEqual([1, held.out.auditId]); // one open row, an attempt more
    gp.store().setPeriodClosed(2026, 10, false);
    const replay = await t.run(['replay', String(held.out.auditId)]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(byRef('MLC EXAMPLE 2026-10')).toHaveLength(1);
    expect((await t.run(['replay', String(held.out.auditId)])).code).toBe(0);
    expect(byRef('MLC EXAMPLE 2026-10')).toHaveLength(1);
    const st = state();
    const rows = st.audit.list({ flow: 'example', employeeId: '2026-10' });
    expect(rows.map((r) => [r.status, r.replayOf])).toEqual([['unchanged', held.out.auditId], ['applied', held.out.auditId], ['parked', null]]);
    expect(rows[2]?.resolvedBy).toBe(rows[1]?.id);
    st.close();
  });

  it('a missing and an inactive account are held with each failing line; once fixed, replay posts it once', async () => {
    t.sb.bamboo.company.hire({ firstName: 'Fay', lastName: 'Example', hireDate: '2025-01-01', department: 'Legal', division: 'EMEA', location: 'Reykjavik, Iceland', jobTitle: 'Counsel', compensation: { rate: { value: '50000.00', currency: 'USD' }, type: 'Salary', paidPer: 'Year' } });
    gp.store().setAccountActive('200-6100-09', false);
    const held = await journal('example', '2026-09');
    expect([held.code, held.out.status]).toEqual([1, 'held']);
    expect(held.out.problems).toEqual([
      { line: 2, account: '200-6100-09', message: 'account 200-6100-09 (Salaries 200 Reykjavik) is inactive in GP' },
      { line: 3, account: '330-6100-09', message: 'account 330-6100-09 does not exist in GP' },
    ]);
    const st = state();
    expect(st.audit.get(held.out.auditId!)?.reason).toBe('held, not posted: line 2 (200-6100-09): account 200-6100-09 (Salaries 200 Reykjavik) is inactive in GP; line 3 (330-6100-09): account 330-6100-09 does not exist in GP');
    st.close();
    gp.store().setAccountActive('200-6100-09', true);
    gp.store().addAccount({ AccountNumber: '330-6100-09', Description: 'Salaries Legal Reykjavik', PostingType: 'ProfitAndLoss', IsActive: true });
    expect((await t.run(['replay', String(held.out.auditId)])).code).toBe(0);
    expect((await t.run(['replay', String(held.out.auditId)])).code).toBe(0);
    expect(byRef('MLC EXAMPLE 2026-09')).toHaveLength(1);
    expect(byRef('MLC EXAMPLE 2026-09')[0]?.Lines.map((l) => l.AccountNumber)).toEqual(['100-6100-09', '200-6100-09', '330-6100-09', '000-2105-00']);
  });

  it('--replace voids an unposted journal and creates it again; a posted one is read-only and mlc says so', async () => {
    const [before] = byRef('MLC EXAMPLE 2026-11');
    const replaced = await journal('example', '2026-11', ['--replace']);
    expect([replaced.code, replaced.out.status]).toEqual([0, 'replaced']);
    const after = byRef('MLC EXAMPLE 2026-11');
    expect(after).toHaveLength(1);
    expect(after[0]?.JournalId).not.toBe(before?.JournalId);
    // Fay (hired in 2025, Legal) is in November now too.
    expect(replaced.out.lines.map((l) => l.account)).toEqual(['100-6100-09', '200-6100-09', '330-6100-09', '000-2105-00']);
    gp.postTransaction(after[0]!.JournalId);
    const refused = await journal('example', '2026-11', ['--replace']);
    expect([refused.code, refused.out.status]).toEqual([1, 'refused']);
    expect(refused.out.message).toBe(`journal ${after[0]!.JournalId} for 2026-11 is posted in the ERP and read-only: mlc will not replace it (reverse it in the ERP if it is wrong)`);
    const plain = await journal('example', '2026-11');
    expect([plain.code, plain.out.status]).toEqual([0, 'posted']);
    expect(byRef('MLC EXAMPLE 2026-11')).toEqual([expect.objectContaining({ JournalId: after[0]!.JournalId, TransactionState: 'Open' })]);
  });

  it('killed between GP saving the journal and mlc recording it: the re-run finds it by reference, no second journal', async () => {
    const killed = await t.run(['journal', '--flow', 'example', '--period', '2026-08'], { MLC_FAILPOINT: 'erp-written' });
    expect(killed.signal).toBe('SIGKILL');
    expect(byRef('MLC EXAMPLE 2026-08')).toHaveLength(1);
    let st = state();
    expect(st.audit.list({ flow: 'example', employeeId: '2026-08' }).map((r) => r.status)).toEqual(['planned']);
    st.close();
    const rerun = await journal('example', '2026-08');
    expect([rerun.code, rerun.out.status, rerun.out.journal?.erpKey]).toEqual([0, 'exists', String(byRef('MLC EXAMPLE 2026-08')[0]?.JournalId)]);
    expect(byRef('MLC EXAMPLE 2026-08')).toHaveLength(1);
    st = state();
    const rows = st.audit.list({ flow: 'example', employeeId: '2026-08' });
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([['unchanged', null], ['failed', 'interrupted']]);
    expect(rows[1]?.resolvedBy).toBe(rows[0]?.id);
    expect(st.links.get('example', '2026-08', 'journal')?.erpKey).toBe(rerun.out.journal?.erpKey);
    st.close();
  });
});
