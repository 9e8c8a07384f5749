// The GL journal service contract (README "Journal service contract"): unposted Work
// transactions, validation with every failing line, find by reference, void, posted = read-only
// (erps.md §8 B.3 GLTransactionState), posting as a GP user does (control API).
import { beforeAll, describe, expect, it } from 'vitest';
import { INACTIVE_ACCOUNT, OFFSET_ACCOUNT, type GpTransaction } from '../../src/sim/dynamics-gp/index.js';
import { companyPath, errorOf, payload, useSession, type Answer } from './helpers.js';

const s = useSession();
let journals: string;
const CUSTOM = { 'gp-custom-action': 'POST' };
const one = (id: number | string): string => journals.replace(/\.json$/, `(${id}).json`);
const create = (p: unknown, headers: Record<string, string> = CUSTOM): Promise<Answer> => s.c.raw('POST', journals, { headers, body: { Payload: p } });
const byReference = async (ref: string): Promise<GpTransaction[]> =>
  payload<GpTransaction[]>(await s.c.raw('GET', `${journals}?$filter=${encodeURIComponent(`Reference eq '${ref.replace(/'/g, "''")}'`)}`));
const control = (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${s.sim.url}/_sim/companies/${encodeURIComponent('Fabrikam, Inc.')}/${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });

function november(ref = 'MLC PAYROLL 2026-11', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Reference: ref,
    TransactionDate: '2026-11-30',
    FiscalYear: 2026,
    PeriodId: 11,
    BatchId: 'MLC202611',
    Description: 'BambooHR compensation, November 2026',
    Lines: [
      { AccountNumber: '100-6100-01', DebitAmount: 12345.67, DistributionReference: 'Engineering Denver', CostCenter: '100' },
      { AccountNumber: '200-6100-05', DebitAmount: 0.1, DistributionReference: 'Sales London', CostCenter: '200' },
      { AccountNumber: '200-6100-05', DebitAmount: 0.2, DistributionReference: 'Sales London', CostCenter: '200' },
      { AccountNumber: OFFSET_ACCOUNT, CreditAmount: 12345.97, DistributionReference: 'Accrued salaries' },
    ],
    ...extra,
  };
}

beforeAll(() => {
  journals = companyPath(s.sim, 'Custom/Financials/GLTransactions.json');
});

describe('create a Work transaction', () => {
  it('requires the GP-Custom-Action: POST header', async () => {
    const a = await create(november(), {});
    expect(a.status).toBe(400);
    expect(errorOf(a).Code).toBe('CustomActionRequired');
    expect(await byReference('MLC PAYROLL 2026-11')).toEqual([]);
  });

  it('saves an unposted Work transaction: 201, Location, journal number, sequence numbers, totals in cents', async () => {
    const a = await create(november());
    expect(a.status, a.text).toBe(201);
    const t = payload<GpTransaction>(a);
    expect(a.headers['location']).toBe(`${s.sim.companyUrl()}/Custom/Financials/GLTransactions(${t.JournalId}).json`);
    expect(t).toMatchObject({ JournalId: 1001, TransactionState: 'Work', SourceDocument: 'GJ', FiscalYear: 2026, PeriodId: 11, BatchId: 'MLC202611', TotalDebit: 12345.97, TotalCredit: 12345.97, PostedDate: '' });
    expect(t.Lines.map((l) => l.SequenceNumber)).toEqual([16384, 32768, 49152, 65536]);
    expect(s.sim.transactions().find((x) => x.JournalId === 1001)?.TransactionState).toBe('Work');
    expect(payload<GpTransaction>(await s.c.raw('GET', one(1001))).Reference).toBe('MLC PAYROLL 2026-11');
  });

  it('finds it by reference, so a second run knows; GP itself does not make references unique', async () => {
    const found = await byReference('mlc payroll 2026-11');
    expect(found.map((t) => t.JournalId)).toEqual([1001]);
    const dup = await create(november());
    expect(dup.status).toBe(201);
    expect((await byReference('MLC PAYROLL 2026-11')).map((t) => t.TransactionState)).toEqual(['Work', 'Work']);
    expect((await s.c.raw('DELETE', one(payload<GpTransaction>(dup).JournalId))).status).toBe(204);
  });

  it('accepts a period closed for Payroll only: GL entry is the Financial series', async () => {
    const sept = await create(november('SEPT', { TransactionDate: '2026-09-30', FiscalYear: undefined, PeriodId: undefined }));
    expect(sept.status, sept.text).toBe(201);
    expect(payload<GpTransaction>(sept).PeriodId).toBe(9);
  });
});

describe('validation reports every failing line', () => {
  it('unbalanced, inactive and missing accounts, inactive cost centre, bad amounts: one 400 with all of them', async () => {
    const before = s.sim.transactions().length;
    const a = await create({
      Reference: 'BAD',
      TransactionDate: '2026-11-30',
      Lines: [
        { AccountNumber: INACTIVE_ACCOUNT, DebitAmount: 100, CostCenter: '900' },
        { AccountNumber: '999-9999-99', DebitAmount: 50 },
        { AccountNumber: '100-6100-01', DebitAmount: 10, CreditAmount: 10 },
        { AccountNumber: '100-6100-01', DebitAmount: 1.005 },
        { AccountNumber: OFFSET_ACCOUNT, CreditAmount: 100 },
      ],
    });
    expect(a.status).toBe(400);
    const e = errorOf(a);
    expect(e.Code).toBe('ValidationFailed');
    expect(e.Details?.map((d) => [d.Line ?? null, d.Code])).toEqual([
      [1, 'AccountInactive'],
      [1, 'CostCenterInactive'],
      [2, 'AccountNotFound'],
      [3, 'DebitAndCredit'],
      [4, 'AmountPrecision'],
      [null, 'Unbalanced'],
    ]);
    expect(e.Details?.at(-1)?.Message).toBe('Debits (161.00) do not equal credits (110.00).');
    expect(s.sim.transactions()).toHaveLength(before);
  });

  it('a closed period and a period that does not match the date are header problems', async () => {
    const closed = await create(november('OCT', { TransactionDate: '2026-10-31', PeriodId: undefined, FiscalYear: undefined }));
    expect(errorOf(closed).Details).toEqual([{ Field: 'TransactionDate', Code: 'PeriodClosed', Message: 'Fiscal period 2026 period 10 (Period 10) is closed for the Financial series.' }]);
    const mismatch = await create(november('MISMATCH', { PeriodId: 12 }));
    expect(errorOf(mismatch).Details?.map((d) => d.Code)).toEqual(['PeriodMismatch']);
    const none = await create(november('FAR', { TransactionDate: '2031-01-31', PeriodId: undefined, FiscalYear: undefined }));
    expect(errorOf(none).Details?.map((d) => d.Code)).toEqual(['PeriodNotFound']);
  });

  it('structural problems name the line too', async () => {
    const a = await create({ Reference: 'X'.repeat(31), TransactionDate: '2026-02-30', Lines: [{ AccountNumber: '100-6100-01', DebitAmount: '10' }] });
    expect(errorOf(a).Code).toBe('InvalidRequest');
    expect(errorOf(a).Details?.map((d) => [d.Field, d.Line ?? null])).toEqual([
      ['Reference', null],
      ['TransactionDate', null],
      ['Lines[0].DebitAmount', 1],
    ]);
  });

  it('an account reactivated in GP makes the same journal valid (the replay story)', async () => {
    const lines = [
      { AccountNumber: INACTIVE_ACCOUNT, DebitAmount: 5 },
      { AccountNumber: OFFSET_ACCOUNT, CreditAmount: 5 },
    ];
    expect((await create({ Reference: 'REPLAY', TransactionDate: '2026-11-30', Lines: lines })).status).toBe(400);
    expect((await control('PATCH', `accounts/${INACTIVE_ACCOUNT}`, { IsActive: true })).status).toBe(200);
    expect((await create({ Reference: 'REPLAY', TransactionDate: '2026-11-30', Lines: lines })).status).toBe(201);
    s.sim.store().setAccountActive(INACTIVE_ACCOUNT, false);
  });
});

describe('void, update, post', () => {
  it('DELETE voids a Work transaction', async () => {
    const t = payload<GpTransaction>(await create(november('VOID ME')));
    expect((await s.c.raw('DELETE', one(t.JournalId))).status).toBe(204);
    expect((await s.c.raw('GET', one(t.JournalId))).status).toBe(404);
    expect(await byReference('VOID ME')).toEqual([]);
  });

  it('PATCH re-validates a Work transaction', async () => {
    const t = payload<GpTransaction>(await create(november('EDIT ME')));
    const unbalanced = await s.c.raw('PATCH', one(t.JournalId), { body: { Payload: { Lines: [{ AccountNumber: '100-6100-01', DebitAmount: 1 }] } } });
    expect(errorOf(unbalanced).Details?.map((d) => d.Code)).toEqual(['Unbalanced']);
    const fixed = await s.c.raw('PATCH', one(t.JournalId), { body: { Payload: { Description: 'edited', Lines: [{ AccountNumber: '100-6100-01', DebitAmount: 1 }, { AccountNumber: OFFSET_ACCOUNT, CreditAmount: 1 }] } } });
    expect(fixed.status, fixed.text).toBe(204);
    expect(s.sim.store().transactions.get(String(t.JournalId))).toMatchObject({ Description: 'edited', Reference: 'EDIT ME', TotalDebit: 1, CreatedDate: t.CreatedDate });
  });

  it('posted transactions are read-only: PATCH and DELETE → 409 TransactionPosted', async () => {
    const t = payload<GpTransaction>(await create(november('POST ME')));
    const posted = await control('POST', `transactions/${t.JournalId}/post`);
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as GpTransaction).TransactionState).toBe('Open');
    for (const id of [t.JournalId, 1000]) {
      const patch = await s.c.raw('PATCH', one(id), { body: { Payload: { Description: 'x' } } });
      expect(patch.status).toBe(409);
      expect(errorOf(patch).Code).toBe('TransactionPosted');
      expect((await s.c.raw('DELETE', one(id))).status).toBe(409);
    }
    expect((await byReference('POST ME'))[0]?.TransactionState).toBe('Open');
    expect((await control('POST', `transactions/${t.JournalId}/post`)).status).toBe(409);
  });

  it('posting is refused once the period has been closed for Financial', async () => {
    const t = payload<GpTransaction>(await create(november('LATE')));
    expect((await control('PATCH', 'periods/2026/11', { Closed: true, Series: ['Financial'] })).status).toBe(200);
    try {
      const r = await control('POST', `transactions/${t.JournalId}/post`);
      expect(r.status).toBe(409);
      expect(() => s.sim.postTransaction(t.JournalId)).toThrow(/closed/);
    } finally {
      s.sim.store().setPeriodClosed(2026, 11, false);
    }
    expect(s.sim.postTransaction(t.JournalId).TransactionState).toBe('Open');
  });
});
