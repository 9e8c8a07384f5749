// "Current" values as of a date. BambooHR shows a history row's values on the employee record
// only once its effective date arrives (reference §3.3, spec `employee.updated`: "events fire
// only when changes take effect"): the current row is the latest row dated on or before the
// day, ties broken by the higher row id (the later entry).
import type { CompensationRow, EmploymentStatusRow, JobInfoRow, Money, SimEmployee } from './model.js';

/** asOf value for `onlyCurrent=false`: future-dated rows count too. */
export const INCLUDE_FUTURE = '9999-12-31';

export function currentRow<T extends { id: number }>(rows: readonly T[], dateOf: (row: T) => string, asOf: string): T | undefined {
  let best: T | undefined;
  let bestDate = '';
  for (const row of rows) {
    const date = dateOf(row);
    if (date > asOf) continue;
    if (!best || date > bestDate || (date === bestDate && row.id > best.id)) {
      best = row;
      bestDate = date;
    }
  }
  return best;
}

export interface Derived {
  job: JobInfoRow | undefined;
  employment: EmploymentStatusRow | undefined;
  pay: CompensationRow | undefined;
  /** Inactive before the first status row takes effect (future hire) and after a termination. */
  status: 'Active' | 'Inactive';
  terminationDate: string | null;
}

export function derive(e: SimEmployee, asOf: string): Derived {
  const job = currentRow(e.jobInfo, (r) => r.date, asOf);
  const employment = currentRow(e.employmentStatus, (r) => r.date, asOf);
  const pay = currentRow(e.compensation, (r) => r.startDate, asOf);
  const terminated = employment?.employmentStatus === 'Terminated';
  return {
    job,
    employment,
    pay,
    status: employment && !terminated ? 'Active' : 'Inactive',
    terminationDate: terminated ? employment.date : null,
  };
}

/** `"65000.00 USD"`: the string form used by payRate and changed-table rows (reference §2.6, §3.2). */
export function formatRate(rate: Money): string {
  return `${rate.value} ${rate.currency}`;
}

/** Name used for `reportsTo` in jobInfo rows: BambooHR's fullName1, "First Last" (reference §3.3). */
export function fullName1(e: SimEmployee): string {
  return `${e.firstName} ${e.lastName}`;
}
