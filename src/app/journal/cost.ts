// One person's cost for a period, day by day (pure). The state as of each day comes from
// BambooHR's dated rows (domain/employee.ts): employed or not (hired, terminated, rehired
// inside the month), department and location (transfers), pay rate (raises). The period is
// cut into runs of days over which nothing changes (a row's effective date, the hire date and
// the day after a termination start a new run); each run costs
//   rate × periods-a-year(paid per) / 12 × exchange rate × (its days / the month's days)
// kept as an exact fraction (money.ts) until the person's total is rounded once.
import type { FlowSettings } from '../../config/types.js';
import type { EmployeeRecord, EmployeeState } from '../../domain/employee.js';
import { employeeStateAsOf } from '../../domain/employee.js';
import { TERMINATED } from '../../domain/dated.js';
import { sourceValue } from '../../domain/source-fields.js';
import { matchesFilter } from '../sync/plan.js';
import { resolveRefs } from '../sync/refs.js';
import { decimalUnits, scaled } from './money.js';
import { addDays, weightedDays, type Period } from './period.js';
import type { JournalOptions } from './settings.js';

/** Scales of the exact arithmetic: rate 10^-6, periods a year 10^-4, exchange rate 10^-6. */
const RATE = 6;
const PER = 4;
const FX = 6;

/** Numerators are in units of 1 / (12 × weighted days of the month × 10^14) cents. */
export function denominator(period: Period, o: JournalOptions): bigint {
  return 12n * BigInt(weightedDays(period.start, period.end, o.proration)) * 10n ** BigInt(RATE + PER + FX - 2);
}

export interface Share {
  /** ERP values of the flow's reference slots (department, location…) for these days. */
  refs: Record<string, string>;
  /** The BambooHR values they came from, for line descriptions. */
  source: Record<string, string | null>;
  /** Unmapped values or unusable pay: the journal is held with these. */
  problems: string[];
  numerator: bigint;
  from: string;
}

/** Days on which something about the person can change, inside the period. */
function breakpoints(rec: EmployeeRecord, p: Period): string[] {
  const points = new Set([p.start]);
  const inside = (d: string | null | undefined): d is string => !!d && d > p.start && d <= p.end;
  for (const r of rec.rows) {
    if (inside(r.date)) points.add(r.date);
    // The day after a termination: a termination date that is worked is one day on its own.
    if (r.table === 'employmentStatus' && r.data.employmentStatus === TERMINATED && r.date && r.date >= p.start && r.date < p.end) points.add(addDays(r.date, 1));
  }
  if (inside(rec.fields.hireDate)) points.add(rec.fields.hireDate!);
  return [...points].sort();
}

function employed(st: EmployeeState, day: string, o: JournalOptions): boolean {
  if (st.phase === 'active') return true;
  return st.phase === 'terminated' && o.terminationDate === 'worked' && st.terminationDate === day;
}

function periodsPerYear(per: string | null, o: JournalOptions): number | undefined {
  const r = o.rates;
  const table: Record<string, number | undefined> = { year: 1, annual: 1, quarter: 4, month: 12, week: r.weeksPerYear, day: r.daysPerYear, hour: r.hoursPerYear, 'pay period': r.payPeriodsPerYear };
  return table[(per ?? '').toLowerCase()];
}

/** The cost numerator of one run of days, or the reason it cannot be costed. */
function runCost(st: EmployeeState, days: number, o: JournalOptions): { numerator: bigint; problem?: string } {
  const pay = st.pay;
  if (!pay) return { numerator: 0n, problem: `employee ${st.id} has no pay rate in BambooHR on ${st.asOf}` };
  const rate = decimalUnits(pay.rate, RATE);
  const per = periodsPerYear(pay.per, o);
  if (rate === undefined) return { numerator: 0n, problem: `employee ${st.id}: pay rate on ${st.asOf} is not a decimal amount` };
  if (per === undefined) return { numerator: 0n, problem: `employee ${st.id}: pay "per ${pay.per ?? '?'}" on ${st.asOf} is not a rate mlc can cost (Year, Quarter, Month, Week, Day, Hour, or Pay Period with rates.payPeriodsPerYear)` };
  const currency = pay.currency ?? o.currency;
  const fx = currency === o.currency ? 1 : o.exchangeRates[currency];
  if (fx === undefined) return { numerator: 0n, problem: `employee ${st.id} is paid in ${currency}; options.exchangeRates has no ${currency}` };
  return { numerator: rate * scaled(per, PER) * scaled(fx, FX) * BigInt(days) };
}

/** A person's shares of the period's cost, one per run of days (same refs are merged by the caller). */
export function personShares(rec: EmployeeRecord, p: Period, flow: FlowSettings, o: JournalOptions): Share[] {
  if (rec.deleted) return [];
  const points = breakpoints(rec, p);
  const out: Share[] = [];
  points.forEach((from, i) => {
    const to = i + 1 < points.length ? addDays(points[i + 1]!, -1) : p.end;
    const st = employeeStateAsOf(rec, from);
    if (!employed(st, from, o) || !matchesFilter(flow, st)) return;
    const days = weightedDays(from, to, o.proration);
    if (days === 0) return;
    const { refs, unmapped } = resolveRefs(flow, st);
    const cost = runCost(st, days, o);
    const source = Object.fromEntries(Object.entries(flow.references).map(([slot, r]) => [slot, r.kind === 'lookup' ? sourceValue(st, r.from) : null]));
    out.push({ refs, source, problems: [...unmapped, ...(cost.problem ? [cost.problem] : [])], numerator: cost.numerator, from });
  });
  return out;
}
