// The journal port on GP against the simulator's journal service: found by reference before
// anything is posted, validated against accounts, cost centres and the fiscal period (every
// failing line at once), created unposted (Work) with GP-Custom-Action, voided while unposted,
// read-only once posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDoc } from '../../src/adapters/types.js';
import type { MlcError } from '../../src/domain/errors.js';
import { startGpSim, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { connectGp, gpSettings } from './dynamics-gp-helpers.js';

let sim: GpSim;
beforeAll(async () => {
  sim = await startGpSim();
});
afterAll(() => sim.close());

const doc = (over: Partial<JournalDoc> = {}): JournalDoc => ({
  reference: 'MLC PAYROLL 2026-11', period: '2026-11', date: '2026-11-30', description: 'BambooHR compensation 2026-11',
  lines: [
    { account: '100-6100-01', debit: 1246667, credit: 0, description: 'Engineering / Denver, Colorado', dimensions: { costCenter: '100' } },
    { account: '200-6100-01', debit: 856666, credit: 0, description: 'Sales / Research & Development Wing B', dimensions: { costCenter: '200' } },
    { account: '000-2105-00', debit: 0, credit: 2103333, description: 'BambooHR compensation 2026-11', dimensions: {} },
  ],
  ...over,
});

async function journals(over: Record<string, unknown> = {}) {
  const { session } = await connectGp(gpSettings(sim, over));
  return { port: session.journals, close: () => session.close() };
}

describe('GP journal port', () => {
  it('validates every line and the period at once; a valid journal has no problem', async () => {
    const { port, close } = await journals();
    expect(await port.validate(doc())).toEqual([]);
    // A line the planner could not allocate (no account: an unmapped value) is the planner's problem alone.
    expect(await port.validate(doc({ lines: [{ account: '', debit: 5, credit: 0, description: 'Quantum Research / Denver', dimensions: {} }, ...doc().lines] }))).toEqual([]);
    const bad = doc({
      reference: 'MLC A VERY LONG FLOW NAME 2026-10', date: '2026-10-31', period: '2026-10',
      lines: [{ account: '900-6100-00', debit: 100, credit: 0, description: 'x', dimensions: { costCenter: '900' } }, { account: '999-6100-01', debit: 0, credit: 100, description: 'y', dimensions: {} }],
    });
    expect(await port.validate(bad)).toEqual([
      { line: null, message: 'reference "MLC A VERY LONG FLOW NAME 2026-10" is longer than GP\'s 30 characters' },
      { line: null, message: 'fiscal period 2026 period 10 (Period 10) is closed for the Financial series in GP' },
      { line: 0, message: 'account 900-6100-00 (Salaries - Discontinued Operations) is inactive in GP' },
      { line: 0, message: 'cost centre 900 (Discontinued Operations) is inactive in GP' },
      { line: 1, message: 'account 999-6100-01 does not exist in GP' },
    ]);
    await close();
  });

  it('creates an unposted Work journal once: a second look finds it by reference', async () => {
    const { port, close } = await journals();
    expect(await port.find('MLC PAYROLL 2026-11')).toBeUndefined();
    const created = await port.create(doc());
    expect(created).toMatchObject({ ok: true, response: { status: 201, state: 'Work' } });
    const key = created.ok ? created.erpKey : '';
    const t = sim.transactions().find((x) => String(x.JournalId) === key)!;
    expect(t).toMatchObject({ TransactionState: 'Work', Reference: 'MLC PAYROLL 2026-11', BatchId: 'MLC202611', TotalDebit: 21033.33, TotalCredit: 21033.33 });
    expect(t.Lines.map((l) => [l.AccountNumber, l.DebitAmount, l.CreditAmount, l.CostCenter, l.DistributionReference])).toEqual([
      ['100-6100-01', 12466.67, 0, '100', 'Engineering / Denver, Colorado'],
      ['200-6100-01', 8566.66, 0, '200', 'Sales / Research & Development'], // cut to GP's 30 characters
      ['000-2105-00', 0, 21033.33, '', 'BambooHR compensation 2026-11'],
    ]);
    expect(sim.requests.find((r) => r.method === 'POST' && r.path.endsWith('/GLTransactions.json') && r.status === 201)?.headers['gp-custom-action']).toBe('POST');
    expect(await port.find('mlc payroll 2026-11')).toEqual({ erpKey: key, posted: false, totalCents: 2103333 });
    await close();
  });

  it("GP's own refusal at create time names each failing line (mlc's 0-based index)", async () => {
    const { port, close } = await journals();
    const out = await port.create(doc({ reference: 'MLC REFUSED', lines: [{ account: '900-6100-00', debit: 5, credit: 0, description: 'x', dimensions: {} }, { account: '000-2105-00', debit: 0, credit: 5, description: 'y', dimensions: {} }] }));
    expect(out.ok).toBe(false);
    const e = (out as { error: MlcError }).error;
    expect(e.code).toBe('record_rejected');
    expect(e.details?.lines).toEqual([{ line: 0, message: 'line 1 AccountNumber: Account 900-6100-00 is inactive.' }]);
    await close();
  });

  it('voids an unposted journal; a posted one is read-only and mlc says so', async () => {
    const { port, close } = await journals();
    const a = await port.create(doc({ reference: 'MLC VOID ME' }));
    const found = (await port.find('MLC VOID ME'))!;
    await port.remove(found);
    expect(await port.find('MLC VOID ME')).toBeUndefined();
    const b = await port.create(doc({ reference: 'MLC POSTED' }));
    sim.postTransaction(Number(b.ok ? b.erpKey : 0));
    const posted = (await port.find('MLC POSTED'))!;
    expect(posted.posted).toBe(true);
    const err = (await port.remove(posted).catch((e: unknown) => e)) as MlcError;
    expect([err.code, err.message]).toEqual(['record_rejected', `gp: journal ${posted.erpKey} has been posted in GP and is read-only; mlc cannot void it (reverse it in GP instead)`]);
    expect(a.ok).toBe(true);
    await close();
  });

  it('a service that wants GP-Custom-Action, called without it, is a setup error', async () => {
    const { port, close } = await journals({ journal: { customAction: false } });
    const err = (await port.create(doc({ reference: 'MLC NO HEADER' })).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('config_invalid');
    expect(err.message).toMatch(/CustomActionRequired/);
    await close();
  });
});
