// The business clock: what "now" and "today" are for effective dating and scheduling. One
// place decides it. MLC_NOW (an ISO timestamp) moves it for tests and rehearsals, and
// --as-of picks another business date for a plan; token lifetimes, timeouts and retry delays
// never use it (they keep the real clock), so rehearsing next month cannot break auth.
import { MlcError } from './errors.js';

export interface BusinessClock {
  /** Business "now" (MLC_NOW, or the real time). */
  now(): Date;
  /** Business date in the company's time zone, YYYY-MM-DD (--as-of when given). */
  today(): string;
  /** Company-local date of any instant. */
  dateOf(instant: Date): string;
}

// A formatter per time zone, and the dates of recent instants: planning asks for the local
// date of every stored row's first sighting, mostly the same few instants, and building an
// Intl.DateTimeFormat each time was a fifth of a 50,000-person no-op run's CPU.
const formatters = new Map<string, Intl.DateTimeFormat>();
const recent = new Map<string, string>();

/** Calendar date of `instant` in `timeZone` (en-CA formats as YYYY-MM-DD). */
export function localDate(instant: Date, timeZone: string): string {
  const key = `${timeZone} ${instant.getTime()}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const date = f.format(instant);
  if (recent.size >= 4096) recent.clear();
  recent.set(key, date);
  return date;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function businessClock(opts: { timeZone: string; env?: NodeJS.ProcessEnv; asOf?: string | undefined }): BusinessClock {
  const env = opts.env ?? process.env;
  let offsetMs = 0;
  const fixed = env.MLC_NOW;
  if (fixed !== undefined && fixed !== '') {
    const t = Date.parse(fixed);
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(fixed)) {
      throw new MlcError('usage', `MLC_NOW must be an ISO timestamp such as 2026-12-01T09:00:00Z, got "${fixed}"`);
    }
    // The business clock starts at MLC_NOW and then ticks with real time.
    offsetMs = t - Date.now();
  }
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
    throw new MlcError('usage', `--as-of must be a date such as 2026-12-01, got "${opts.asOf}"`);
  }
  const now = () => new Date(Date.now() + offsetMs);
  return {
    now,
    today: () => opts.asOf ?? localDate(now(), opts.timeZone),
    dateOf: (instant) => localDate(instant, opts.timeZone),
  };
}
