// The journal service's payload and the checks GL Transaction Entry makes before it saves a
// transaction: the date falls in a fiscal period open for the Financial series, every line
// names an existing, active account (and cost centre, when given), each line is a debit or a
// credit in whole cents, and debits equal credits. Every failing line is reported at once
// (the adapter parks the journal with all of them). Field names follow the legacy GP Web
// Services GLTransaction / GLTransactionLine (erps.md §8 B.3); the contract is ours (B.2).
import { z } from 'zod';
import type { ErrorDetail } from './http.js';
import { cents } from './records.js';
import type { GpCompanyStore } from './store.js';
import type { GpFiscalPeriod } from './types.js';
import { isoDate, text } from './validation.js';

export const JournalLine = z.strictObject({
  AccountNumber: text(129).min(1, 'required'),
  DebitAmount: z.number().optional(),
  CreditAmount: z.number().optional(),
  DistributionReference: text(30).optional(),
  CostCenter: text(15).optional(),
});

const header = {
  Reference: text(30).min(1, 'required'),
  TransactionDate: isoDate,
  FiscalYear: z.int().optional(),
  PeriodId: z.int().min(1).optional(),
  BatchId: text(15).optional(),
  Description: text(60).optional(),
  SourceDocument: text(11).optional(),
  Lines: z.array(JournalLine).min(1, 'at least one line'),
};

export const JournalCreate = z.strictObject(header);
export const JournalUpdate = z.strictObject(header).partial();
export type JournalInput = z.infer<typeof JournalCreate>;
type LineInput = z.infer<typeof JournalLine>;

const money = (c: number): string => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function periodProblems(store: GpCompanyStore, j: JournalInput): { period?: GpFiscalPeriod; problems: ErrorDetail[] } {
  const period = store.periodFor(j.TransactionDate);
  const at = (Code: string, Message: string): ErrorDetail => ({ Field: 'TransactionDate', Code, Message });
  if (!period) return { problems: [at('PeriodNotFound', `No fiscal period is set up for ${j.TransactionDate}.`)] };
  const problems: ErrorDetail[] = [];
  if ((j.FiscalYear !== undefined && j.FiscalYear !== period.Year) || (j.PeriodId !== undefined && j.PeriodId !== period.PeriodId)) {
    problems.push(at('PeriodMismatch', `${j.TransactionDate} falls in ${period.Year} period ${period.PeriodId}, not ${j.FiscalYear ?? period.Year} period ${j.PeriodId ?? period.PeriodId}.`));
  }
  if (period.Closed.Financial) problems.push(at('PeriodClosed', `Fiscal period ${period.Year} period ${period.PeriodId} (${period.PeriodName}) is closed for the Financial series.`));
  return { period, problems };
}

function amountProblem(l: LineInput): [string, string] | undefined {
  const d = l.DebitAmount ?? 0;
  const c = l.CreditAmount ?? 0;
  if (d < 0 || c < 0) return ['AmountNegative', 'Amounts cannot be negative.'];
  if (Math.abs(d * 100 - cents(d)) > 1e-6 || Math.abs(c * 100 - cents(c)) > 1e-6) return ['AmountPrecision', 'Amounts have at most 2 decimal places.'];
  if (d !== 0 && c !== 0) return ['DebitAndCredit', 'A line is either a debit or a credit, not both.'];
  if (d === 0 && c === 0) return ['AmountMissing', 'The line has neither a debit nor a credit amount.'];
  return undefined;
}

function lineProblems(store: GpCompanyStore, l: LineInput, line: number): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const add = (Field: string, Code: string, Message: string): void => void out.push({ Line: line, Field, Code, Message });
  const amount = amountProblem(l);
  if (amount) add('DebitAmount', ...amount);
  const account = store.accounts.get(l.AccountNumber);
  if (!account) add('AccountNumber', 'AccountNotFound', `Account ${l.AccountNumber} does not exist.`);
  else if (!account.IsActive) add('AccountNumber', 'AccountInactive', `Account ${l.AccountNumber} is inactive.`);
  if (l.CostCenter !== undefined && l.CostCenter !== '') {
    const cc = store.costCenters.get(l.CostCenter);
    if (!cc) add('CostCenter', 'CostCenterNotFound', `Cost center ${l.CostCenter} does not exist.`);
    else if (!cc.IsActive) add('CostCenter', 'CostCenterInactive', `Cost center ${l.CostCenter} is inactive.`);
  }
  return out;
}

/** Every problem with the journal (empty = it may be saved) and the period it falls in. */
export function validateJournal(store: GpCompanyStore, j: JournalInput): { period?: GpFiscalPeriod; problems: ErrorDetail[] } {
  const { period, problems } = periodProblems(store, j);
  j.Lines.forEach((l, i) => problems.push(...lineProblems(store, l, i + 1)));
  const debit = j.Lines.reduce((s, l) => s + cents(l.DebitAmount ?? 0), 0);
  const credit = j.Lines.reduce((s, l) => s + cents(l.CreditAmount ?? 0), 0);
  if (debit !== credit) problems.push({ Code: 'Unbalanced', Message: `Debits (${money(debit)}) do not equal credits (${money(credit)}).` });
  return period ? { period, problems } : { problems };
}
