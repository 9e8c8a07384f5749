// One GP company database in memory: vendors, employees, chart of accounts, cost centres,
// fiscal periods and GL transactions. Routes validate input; this class keeps the data and
// the ModifiedDate stamps (strictly increasing, so a `ModifiedDate gt <last seen>` poll
// never misses a change made in the same millisecond).
import { GpError } from './http.js';
import { newEmployee, newVendor, withTotals } from './records.js';
import { Table } from './table.js';
import { SERIES, type GpAccount, type GpCompanySeed, type GpCostCenter, type GpEmployee, type GpFiscalPeriod, type GpTransaction, type GpVendor, type Series } from './types.js';

export class GpCompanyStore {
  readonly name: string;
  readonly companyId: string;
  readonly vendors = new Table<GpVendor>((v) => v.VendorId);
  readonly employees = new Table<GpEmployee>((e) => e.EmployeeId);
  readonly accounts = new Table<GpAccount>((a) => a.AccountNumber);
  readonly costCenters = new Table<GpCostCenter>((c) => c.CostCenterId);
  readonly periods = new Table<GpFiscalPeriod>((p) => `${p.Year};${p.PeriodId}`);
  readonly transactions = new Table<GpTransaction>((t) => String(t.JournalId));
  readonly vendorClasses: Set<string>;
  private nextJournalId: number;
  private lastStamp = 0;

  constructor(seed: GpCompanySeed) {
    this.name = seed.name;
    this.companyId = seed.companyId;
    this.vendorClasses = new Set(seed.vendorClasses.map((c) => c.toUpperCase()));
    this.nextJournalId = seed.nextJournalId;
    const now = this.stamp();
    for (const v of seed.vendors) this.vendors.put(newVendor(v, now));
    for (const e of seed.employees) this.employees.put(newEmployee(e, now));
    for (const a of seed.accounts) this.addAccount(a);
    for (const c of seed.costCenters) this.costCenters.put({ ...c, ModifiedDate: now });
    for (const p of seed.periods) this.periods.put({ ...p, Closed: { ...p.Closed }, ModifiedDate: now });
    for (const t of seed.transactions) {
      this.transactions.put(withTotals({ ...t, Lines: t.Lines.map((l) => ({ ...l })), CreatedDate: now, ModifiedDate: now }));
      this.nextJournalId = Math.max(this.nextJournalId, t.JournalId + 1);
    }
  }

  /** Now as ISO 8601 UTC, strictly after the previous stamp. */
  stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  takeJournalId(): number {
    return this.nextJournalId++;
  }

  addAccount(a: Omit<GpAccount, 'Segments' | 'CreatedDate' | 'ModifiedDate'>): GpAccount {
    if (this.accounts.has(a.AccountNumber)) throw new RangeError(`account ${a.AccountNumber} already exists`);
    const now = this.stamp();
    return this.accounts.put({ ...a, Segments: a.AccountNumber.split('-'), CreatedDate: now, ModifiedDate: now });
  }

  addCostCenter(c: Omit<GpCostCenter, 'ModifiedDate'>): GpCostCenter {
    if (this.costCenters.has(c.CostCenterId)) throw new RangeError(`cost centre ${c.CostCenterId} already exists`);
    return this.costCenters.put({ ...c, ModifiedDate: this.stamp() });
  }

  setAccountActive(accountNumber: string, active: boolean): GpAccount {
    const a = this.accounts.get(accountNumber);
    if (!a) throw new RangeError(`no account ${accountNumber}`);
    return this.accounts.put({ ...a, IsActive: active, ModifiedDate: this.stamp() });
  }

  setCostCenterActive(id: string, active: boolean): GpCostCenter {
    const c = this.costCenters.get(id);
    if (!c) throw new RangeError(`no cost centre ${id}`);
    return this.costCenters.put({ ...c, IsActive: active, ModifiedDate: this.stamp() });
  }

  /** Closes or reopens a period for the given series (default: all of them). */
  setPeriodClosed(year: number, periodId: number, closed: boolean, series: readonly Series[] = SERIES): GpFiscalPeriod {
    const p = this.periods.get(`${year};${periodId}`);
    if (!p) throw new RangeError(`no fiscal period ${year}/${periodId}`);
    const flags = { ...p.Closed };
    for (const s of series) flags[s] = closed;
    return this.periods.put({ ...p, Closed: flags, ModifiedDate: this.stamp() });
  }

  /** The fiscal period holding a `YYYY-MM-DD` date. */
  periodFor(date: string): GpFiscalPeriod | undefined {
    return this.periods.all().find((p) => p.StartDate <= date && date <= p.EndDate);
  }

  /** Posting as a GP user does it: Work → Open, refused into a period closed for Financial. */
  post(journalId: number): GpTransaction {
    const t = this.transactions.get(String(journalId));
    if (!t) throw new GpError(404, 'NotFound', `Journal entry ${journalId} does not exist.`);
    if (t.TransactionState !== 'Work') throw new GpError(409, 'TransactionPosted', `Journal entry ${journalId} has already been posted.`);
    const period = this.periodFor(t.TransactionDate);
    if (!period || period.Closed.Financial) throw new GpError(409, 'PeriodClosed', `The fiscal period for ${t.TransactionDate} is closed for the Financial series.`);
    const now = this.stamp();
    return this.transactions.put({ ...t, TransactionState: 'Open', PostedDate: now, ModifiedDate: now });
  }

  counts(): Record<string, number> {
    const all = this.transactions.all();
    return {
      vendors: this.vendors.size,
      employees: this.employees.size,
      accounts: this.accounts.size,
      costCenters: this.costCenters.size,
      periods: this.periods.size,
      workTransactions: all.filter((t) => t.TransactionState === 'Work').length,
      postedTransactions: all.filter((t) => t.TransactionState !== 'Work').length,
    };
  }
}
