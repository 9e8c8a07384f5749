// Effective dating. BambooHR's jobInfo, employmentStatus and compensation tables are dated
// and may hold future rows (a transfer keyed today, effective next month); the employee's
// "current" fields switch only when the date arrives (reference/bamboohr.md §3.3, peers §3.1).
// So we keep the rows and compute the state as of a date ourselves. All dates here are
// calendar dates (YYYY-MM-DD) in the company's time zone; comparing them as strings is exact.

export type TableName = 'jobInfo' | 'employmentStatus' | 'compensation';

export interface DatedRow {
  table: TableName;
  /** Effective date; null when BambooHR sent "" or 0000-00-00 (such a row is never applied). */
  date: string | null;
  /** Position in BambooHR's answer; breaks ties when there is no row id. */
  seq: number;
  rowId?: string | undefined;
  data: Record<string, string | null>;
  /** When mlc first saw this exact row (ISO timestamp); set by the store. */
  firstSeenAt?: string | undefined;
}

function numericId(r: DatedRow): number {
  const n = Number(r.rowId);
  return Number.isFinite(n) ? n : -1;
}

/**
 * Order rows by effective date; on the same date the later entry wins: higher row id when
 * both have one (BambooHR ids grow with entry), else the later position in the answer.
 */
export function compareRows(a: DatedRow, b: DatedRow): number {
  if (a.date !== b.date) return (a.date ?? '') < (b.date ?? '') ? -1 : 1;
  const ia = numericId(a);
  const ib = numericId(b);
  if (ia !== ib && ia >= 0 && ib >= 0) return ia - ib;
  return a.seq - b.seq;
}

/** The row in force on `asOf`: the latest one dated on or before it. */
export function rowAsOf(rows: readonly DatedRow[], table: TableName, asOf: string): DatedRow | undefined {
  let best: DatedRow | undefined;
  for (const r of rows) {
    if (r.table !== table || r.date === null || r.date > asOf) continue;
    if (!best || compareRows(best, r) < 0) best = r;
  }
  return best;
}

/** Rows that take effect after `after` and on or before `through` (the due-date sweep). */
export function dueBetween(rows: readonly DatedRow[], after: string, through: string): DatedRow[] {
  return rows.filter((r) => r.date !== null && r.date > after && r.date <= through).sort(compareRows);
}

/** Rows dated after `asOf`: shown in plans as scheduled. */
export function scheduledAfter(rows: readonly DatedRow[], asOf: string): DatedRow[] {
  return rows.filter((r) => r.date !== null && r.date > asOf).sort(compareRows);
}

/**
 * A back-dated row took effect before mlc first saw it: the ERP gets it late, and finance
 * wants to know (labour may have posted to the old cost centre). `seenOn` is the company-local
 * date of first sight.
 */
export function isBackdated(row: DatedRow, seenOn: string): boolean {
  return row.date !== null && row.date < seenOn;
}

/** BambooHR's permanent employment status meaning "no longer employed" (tables.php legacy doc). */
export const TERMINATED = 'Terminated';

export interface EmploymentAsOf {
  active: boolean;
  /** Date of the status row in force: the termination date when inactive. */
  since: string | null;
  status: string | null;
}

/**
 * Employment on `asOf` from the employmentStatus rows: terminated from the date of a
 * Terminated row (not before), employed again from a later non-terminated row (a rehire).
 * Falls back to `currentStatus` (the status field, Active/Inactive) when there are no rows.
 */
export function employmentAsOf(rows: readonly DatedRow[], asOf: string, currentStatus: string | null): EmploymentAsOf {
  const row = rowAsOf(rows, 'employmentStatus', asOf);
  if (!row) return { active: currentStatus !== 'Inactive', since: null, status: null };
  const status = row.data.employmentStatus ?? null;
  return { active: status !== TERMINATED, since: row.date, status };
}
