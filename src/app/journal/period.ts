// The period a journal covers: a calendar month, `YYYY-MM` or `previous` (the month before
// the business date, for a cron line on the 1st). Dates are company-local calendar dates
// (YYYY-MM-DD), compared as strings like everywhere in mlc (domain/dated.ts).
import { MlcError } from '../../domain/errors.js';

export interface Period {
  /** `2026-11`: the journal's source key in the audit and part of its reference. */
  id: string;
  start: string;
  end: string;
  days: number;
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

export function monthPeriod(year: number, month: number): Period {
  const start = Date.UTC(year, month - 1, 1);
  const end = Date.UTC(year, month, 0);
  return { id: iso(start).slice(0, 7), start: iso(start), end: iso(end), days: Math.round((end - start) / DAY) + 1 };
}

export function parsePeriod(arg: string, today: string): Period {
  if (arg === 'previous') {
    const [y, m] = today.split('-').map(Number) as [number, number];
    return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
  }
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(arg);
  if (!m) throw new MlcError('usage', `--period must be a month such as 2026-11, or previous; got "${arg}"`);
  return monthPeriod(Number(m[1]), Number(m[2]));
}

export const addDays = (date: string, n: number): string => iso(Date.parse(`${date}T00:00:00Z`) + n * DAY);

/** Days from `from` to `to` inclusive that carry cost: all of them, or Monday to Friday. */
export function weightedDays(from: string, to: string, proration: 'calendar-days' | 'working-days'): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (proration === 'calendar-days' || (wd !== 0 && wd !== 6)) n++;
  }
  return n;
}
