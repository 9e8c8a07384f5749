// Date helpers. BambooHR stores history rows by calendar date (YYYY-MM-DD) and change
// timestamps at one-second precision (reference §3.1 "Seconds precision only").

const DAY_MS = 86_400_000;

// Both conversions are memoised: the generator converts a few thousand distinct days hundreds
// of thousands of times, and Date formatting dominated its run time.
const dayCache = new Map<number, string>();
const isoCache = new Map<string, number>();

export function dayNumber(isoDate: string): number {
  let day = isoCache.get(isoDate);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
    if (isoCache.size < 100_000) isoCache.set(isoDate, day);
  }
  return day;
}

export function dayToIso(day: number): string {
  let iso = dayCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayCache.size < 100_000) dayCache.set(day, iso);
  }
  return iso;
}

export function addDays(isoDate: string, days: number): string {
  return dayToIso(dayNumber(isoDate) + days);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Drops milliseconds: BambooHR's lastChanged has no sub-second part. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export type OffsetStyle = 'Z' | '+00:00' | '+0000';

/** `2011-06-02T19:26:23+00:00` (changed feed), `…Z` (changed tables), `…+0000` (webhooks). */
export function formatTimestamp(date: Date, style: OffsetStyle): string {
  const base = date.toISOString().slice(0, 19);
  return style === 'Z' ? `${base}Z` : `${base}${style}`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as webhook `created` / `lastSent` (spec: Webhook schema). */
export function formatSqlUtc(date: Date): string {
  return truncateToSecond(date).toISOString().slice(0, 19).replace('T', ' ');
}

// The changed feed's `since` accepts `Z`, `±hh:mm` and `±hhmm` (reference §3.1). A `+` sent
// unencoded arrives as a space and is rejected, as it is by BambooHR.
const TS_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseTimestamp(value: string): Date | undefined {
  const m = TS_RE.exec(value);
  if (!m) return undefined;
  const [, date = '', hh = '', mm = '', ss = '', frac = '', zone = 'Z'] = m;
  if (!isIsoDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}${frac}${offset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `date` in `timeZone` — what BambooHR treats as "today". */
export function dateInZone(date: Date, timeZone: string): string {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
