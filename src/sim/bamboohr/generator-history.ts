// Dated history for generated employees: jobInfo, employmentStatus and compensation rows,
// including the cases a sync gets wrong — past and future transfers, past and future
// terminations, a rehire (old hire date kept as originalHireDate) and future-dated raises.
import { IC_TITLES } from './catalog.js';
import { dayNumber, dayToIso, formatTimestamp } from './dates.js';
import type { GeneratedName } from './generator-names.js';
import type { CompensationRow, EmploymentStatusRow, JobInfoRow, SimEmployee, SimLocation } from './model.js';
import type { Rng } from '../common/prng.js';

const DAY_MS = 86_400_000;

export interface FutureTransfer {
  day: number;
  dept: string;
  managerId: number;
  title: string;
}

export interface Draft {
  id: number;
  dept: string;
  location: SimLocation;
  hireDay: number;
  role: 'head' | 'manager' | 'ic';
  managerId: number | null;
  title: string;
  index: number;
  employeeNumber?: string;
  pastTermination?: number;
  zeroOriginalHire?: boolean;
  rehire?: { termDay: number; rehireDay: number };
  futureTermination?: number;
  futureTransfer?: FutureTransfer;
  futureRaise?: number;
}

export interface GenContext {
  rng: Rng;
  todayDay: number;
  nowMs: number;
  nextRowId: number;
  locations: SimLocation[];
  drafts: Draft[];
}

function nextRowId(ctx: GenContext): number {
  ctx.nextRowId += 1 + (ctx.rng.chance(0.1) ? ctx.rng.int(1, 3) : 0);
  return ctx.nextRowId;
}

function sameCurrency(ctx: GenContext, loc: SimLocation): SimLocation {
  return ctx.rng.pick(ctx.locations.filter((l) => l.currency === loc.currency));
}

function jobRows(ctx: GenContext, d: Draft, firstDay: number): JobInfoRow[] {
  const { rng, todayDay } = ctx;
  const current = { department: d.dept, division: d.location.division, location: d.location.name, jobTitle: d.title, reportsTo: d.managerId };
  const rows: JobInfoRow[] = [];
  if (d.role === 'ic' && firstDay + 40 < todayDay && rng.chance(0.15)) {
    const earlier = sameCurrency(ctx, d.location);
    const title = rng.pick(IC_TITLES[d.dept] ?? [d.title]);
    rows.push({ id: nextRowId(ctx), date: dayToIso(firstDay), ...current, location: earlier.name, division: earlier.division, jobTitle: title });
    rows.push({ id: nextRowId(ctx), date: dayToIso(rng.int(firstDay + 30, todayDay - 1)), ...current });
  } else {
    rows.push({ id: nextRowId(ctx), date: dayToIso(firstDay), ...current });
  }
  const t = d.futureTransfer;
  if (t) {
    const loc = sameCurrency(ctx, d.location);
    rows.push({ id: nextRowId(ctx), date: dayToIso(t.day), department: t.dept, division: loc.division, location: loc.name, jobTitle: t.title, reportsTo: t.managerId });
  }
  return rows;
}

function statusRow(ctx: GenContext, day: number, employmentStatus: string): EmploymentStatusRow {
  const terminated = employmentStatus === 'Terminated';
  return {
    id: nextRowId(ctx),
    date: dayToIso(day),
    employmentStatus,
    terminationTypeId: terminated ? String(ctx.rng.int(1, 2)) : null,
    terminationReasonId: terminated ? String(ctx.rng.int(1, 6)) : null,
    terminationRehireId: terminated ? String(ctx.rng.int(1, 2)) : null,
    comment: null,
  };
}

function statusRows(ctx: GenContext, d: Draft, firstDay: number, initial: string): EmploymentStatusRow[] {
  const rows = [statusRow(ctx, firstDay, initial)];
  if (d.pastTermination !== undefined) rows.push(statusRow(ctx, d.pastTermination, 'Terminated'));
  if (d.rehire) {
    rows.push(statusRow(ctx, d.rehire.termDay, 'Terminated'));
    rows.push(statusRow(ctx, d.rehire.rehireDay, initial));
  }
  if (d.futureTermination !== undefined) rows.push(statusRow(ctx, d.futureTermination, 'Terminated'));
  return rows;
}

const FX: Readonly<Record<string, number>> = { USD: 1, CAD: 1.35, EUR: 0.92, GBP: 0.8 };

function compRows(ctx: GenContext, d: Draft, firstDay: number, hourly: boolean): CompensationRow[] {
  const { rng, todayDay } = ctx;
  const fx = FX[d.location.currency] ?? 1;
  const [lo, hi] = d.role === 'head' ? [150_000, 220_000] : d.role === 'manager' ? [100_000, 150_000] : [45_000, 120_000];
  let amount = hourly ? rng.int(1800, 7000) / 100 : Math.round((rng.int(lo, hi) * fx) / 500) * 500;
  const row = (day: number, reason: string | null): CompensationRow => ({
    id: nextRowId(ctx),
    startDate: dayToIso(day),
    rate: { value: amount.toFixed(2), currency: d.location.currency },
    type: hourly ? 'Hourly' : 'Salary',
    paidPer: hourly ? 'Hour' : 'Year',
    paySchedule: null,
    reason,
    comment: null,
    exempt: hourly ? 'Non-exempt' : 'Exempt',
  });
  const rows = [row(firstDay, null)];
  const stop = Math.min(todayDay, d.pastTermination ?? todayDay, d.rehire?.termDay ?? todayDay);
  for (let year = 1; year <= 3; year++) {
    const day = firstDay + 365 * year + rng.int(-20, 20);
    if (day >= stop) break;
    if (!rng.chance(0.6)) continue;
    amount = hourly ? Math.round(amount * 105) / 100 : Math.round((amount * (1 + rng.int(3, 8) / 100)) / 500) * 500;
    rows.push(row(day, 'Merit'));
  }
  if (d.rehire) rows.push(row(d.rehire.rehireDay, 'Rehire'));
  if (d.futureRaise !== undefined) {
    amount = hourly ? Math.round(amount * 110) / 100 : Math.round((amount * 1.1) / 500) * 500;
    rows.push(row(d.futureRaise, 'Promotion'));
  }
  return rows;
}

function pickStatus(rng: Rng, role: Draft['role']): string {
  if (role !== 'ic') return 'Full-Time';
  const r = rng.float();
  return r < 0.85 ? 'Full-Time' : r < 0.93 ? 'Part-Time' : r < 0.98 ? 'Contractor' : 'Intern';
}

export function buildHistory(ctx: GenContext, d: Draft, name: GeneratedName): SimEmployee {
  const { rng, todayDay, nowMs } = ctx;
  const firstDay = d.hireDay;
  const initial = pickStatus(rng, d.role);
  const hourly = initial !== 'Full-Time' || rng.chance(0.2);
  const jobInfo = jobRows(ctx, d, firstDay);
  const employmentStatus = statusRows(ctx, d, firstDay, initial);
  const compensation = compRows(ctx, d, firstDay, hourly);

  // Record created up to two weeks before the first day; lastChanged falls after every entry.
  const createdMs = Math.min(firstDay * DAY_MS - rng.int(0, 14) * DAY_MS + rng.int(0, 86_399) * 1000, nowMs - 3_600_000);
  let latestPast = firstDay;
  let hasFuture = false;
  const note = (date: string): void => {
    const day = dayNumber(date);
    if (day > todayDay) hasFuture = true;
    else if (day > latestPast) latestPast = day;
  };
  for (const r of jobInfo) note(r.date);
  for (const r of employmentStatus) note(r.date);
  for (const r of compensation) note(r.startDate);
  let entryMs = Math.max(createdMs, latestPast * DAY_MS - rng.int(0, 3) * DAY_MS);
  if (hasFuture) entryMs = Math.max(entryMs, nowMs - rng.int(60, 10 * 86_400) * 1000);
  entryMs = Math.min(entryMs, nowMs - 60_000);
  const lastChangedMs = entryMs + rng.float() * (nowMs - 60_000 - entryMs);

  return {
    id: d.id,
    employeeNumber: d.employeeNumber ?? String(d.index + 1),
    ...name,
    hireDate: dayToIso(d.rehire ? d.rehire.rehireDay : firstDay),
    originalHireDate: d.rehire ? dayToIso(firstDay) : d.zeroOriginalHire ? '0000-00-00' : null,
    payFrequency: hourly ? 'Every other week' : 'Twice a month',
    createdAt: formatTimestamp(new Date(createdMs), 'Z'),
    lastChanged: formatTimestamp(new Date(lastChangedMs), 'Z'),
    deleted: false,
    jobInfo,
    employmentStatus,
    compensation,
  };
}
