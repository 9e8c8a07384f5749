// BambooHR values → mlc's normalised values (pure). The quirks live here and nowhere else:
// "" and 0000-00-00 mean "no date" (AutoIDM tap and Faros converters treat them so), a
// non-date becomes null with a note, ids may be numbers, and pay rates come as "56.00 USD"
// or as {"value":"56.00","currency":"USD"} depending on the endpoint (reference §3.2, §3.3).
import type { DatedRow, TableName } from '../../domain/dated.js';

export type Notes = string[];

const DATE_FIELDS = new Set(['hireDate', 'originalHireDate', 'terminationDate', 'birthDate', 'date', 'startDate', 'endDate']);

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Already a plain, real YYYY-MM-DD (the usual value; February 29th is left to the full check):
 * answered without a regex match and a Date per value, which a full read makes ~100,000 of.
 */
function isPlainDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (digit(s, i) < 0) return false;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const month = digit(s, 5) * 10 + digit(s, 6);
  const day = digit(s, 8) * 10 + digit(s, 9);
  // Years before 100 go to the full check, which refuses them (Date.UTC reads 0–99 as 1900–1999).
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

/** YYYY-MM-DD or null. `note` receives a message when the value is present but not a date. */
export function normDate(v: unknown, note?: (msg: string) => void): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && isPlainDate(v)) return v;
  const s = String(v).trim();
  if (s === '' || s.startsWith('0000-00-00')) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return `${m[1]}-${m[2]}-${m[3]}`;
  note?.(`"${s}" is not a date; treated as empty`);
  return null;
}

export function normString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export interface Rate {
  value: string | null;
  currency: string | null;
}

export function parseRate(v: unknown): Rate {
  if (v === null || v === undefined || v === '') return { value: null, currency: null };
  if (typeof v === 'number') return { value: String(v), currency: null };
  if (typeof v === 'object') {
    const o = v as { value?: unknown; currency?: unknown };
    return { value: normString(o.value), currency: normString(o.currency) };
  }
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)?\s*([A-Z]{3})?\s*$/.exec(String(v));
  if (!m) return { value: String(v), currency: null };
  return { value: m[1] ?? null, currency: m[2] ?? null };
}

/**
 * Current employee fields (get-employee or a custom-report row) → normalised strings.
 * Built with Object.fromEntries: an object given more than a dozen or so properties one
 * computed key at a time turns into a hash table in V8, about six times the size (1.6 kB
 * instead of 250 bytes for 25 fields), which is 70 MB over a 50,000-person company.
 */
export function mapFields(raw: Record<string, unknown>, who: string, notes: Notes): Record<string, string | null> {
  const out: Array<[string, string | null]> = [];
  // Object.keys, not entries: no [key, value] array per field (a 50,000-person read has millions).
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'id') continue;
    if (key === 'payRate') {
      const r = parseRate(value);
      out.push(['payRate', r.value], ['payCurrency', r.currency]);
    } else if (DATE_FIELDS.has(key)) {
      // The plain date at once: a note callback made for every date field is garbage by the million.
      out.push([key, typeof value === 'string' && isPlainDate(value) ? value : normDate(value, (m) => notes.push(`employee ${who}: ${key} ${m}`))]);
    } else {
      out.push([key, normString(value)]);
    }
  }
  return Object.fromEntries(out);
}

/** Rows of one table for one employee → DatedRows, in BambooHR's order. */
export function mapRows(table: TableName, rows: ReadonlyArray<Record<string, unknown>>, who: string, notes: Notes): DatedRow[] {
  return rows.map((raw, seq) => mapRow(table, raw, seq, who, notes));
}

/**
 * Table values repeat across a company (a date, "Salary", "Year", a department): one copy of
 * each short value instead of one per row keeps a 50,000-person table small (issue 9 §3).
 */
const pool = new Map<string, string>();
function intern(v: string | null): string | null {
  if (v === null || v.length > 40) return v;
  const hit = pool.get(v);
  if (hit !== undefined) return hit;
  if (pool.size < 200_000) pool.set(v, v);
  return v;
}

/**
 * The column that dates a table's rows. A switch, not a lookup in an object by table name: the
 * three tables arrive one after another, and each new name made that keyed read deoptimise
 * mapRow (--trace-deopt: "wrong name"), which was compiled six times in a 10,000-person load.
 */
function dateColumnOf(table: TableName): string {
  switch (table) {
    case 'compensation':
      return 'startDate';
    default:
      return 'date';
  }
}

/** A date field of a row: the plain YYYY-MM-DD at once; otherwise normalised, with a note. */
function rowDate(value: unknown, notes: Notes, who: string, table: TableName, column: string, after = ''): string | null {
  if (typeof value === 'string' && isPlainDate(value)) return value;
  return normDate(value, (m) => notes.push(`employee ${who}: ${table}.${column} ${m}${after}`));
}

/** One raw table row; `seq` is its place among the employee's rows in BambooHR's answer. */
export function mapRow(table: TableName, raw: Record<string, unknown>, seq: number, who: string, notes: Notes): DatedRow {
  const dateCol = dateColumnOf(table);
  const data: Record<string, string | null> = {};
  let rowId: string | undefined;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'id') rowId = normString(value) ?? undefined;
    else if (key === 'employeeId' || key === dateCol) continue;
    else if (key === 'rate' || key === 'overtimeRate') {
      const r = parseRate(value);
      data[key] = intern(r.value);
      if (key === 'rate') data.currency = intern(r.currency);
    } else if (DATE_FIELDS.has(key)) data[key] = intern(rowDate(value, notes, who, table, key));
    else data[key] = intern(normString(value));
  }
  const date = intern(rowDate(raw[dateCol], notes, who, table, dateCol, '; the row is never applied'));
  // firstSeenAt is set by the store: a slot made here spares each row a change of shape then.
  return { table, date, seq, rowId, data, firstSeenAt: undefined };
}
