// Deterministic company generator: same seed + size + today/now => identical company.
// It is pure (no clock, no Math.random) and linear in size, so 50,000 employees take well
// under a second.
import { DEPARTMENTS, DIVISIONS, EMPLOYMENT_STATUSES, IC_TITLES, LOCATIONS, headTitle, managerTitle } from './catalog.js';
import { dayNumber, formatTimestamp, isIsoDate } from './dates.js';
import { planEvents } from './generator-events.js';
import { buildHistory, type Draft, type GenContext } from './generator-history.js';
import { nameFor } from './generator-names.js';
import type { ListOption, SimCompanyData, SimLocation } from './model.js';
import { Rng } from '../common/prng.js';

export interface GenerateOptions {
  seed: number;
  size: number;
  /** YYYY-MM-DD: the company's "today"; hire dates and future rows are placed around it. */
  today: string;
  /** ISO timestamp: no generated lastChanged is later than this. */
  now: string;
}

const DAY_MS = 86_400_000;

export function generateCompany(opts: GenerateOptions): SimCompanyData {
  const { seed, size, today, now } = opts;
  if (!Number.isInteger(size) || size < 10 || size > 50_000) throw new RangeError('size must be an integer in 10..50000');
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now must be an ISO timestamp, got ${now}`);

  const rng = new Rng(seed);
  let optionId = 18_000;
  const created = formatTimestamp(new Date(nowMs - 3700 * DAY_MS), '+00:00');
  const option = (name: string): ListOption => {
    optionId += rng.int(1, 3);
    return { id: optionId, name, archived: false, createdDate: created };
  };
  const departments = DEPARTMENTS.map(option);
  const divisions = DIVISIONS.map(option);
  const locations: SimLocation[] = LOCATIONS.map((l) => ({ ...option(l.name), currency: l.currency, division: l.division }));
  const titles = new Set<string>();
  for (const d of DEPARTMENTS) {
    titles.add(headTitle(d));
    titles.add(managerTitle(d));
    for (const t of IC_TITLES[d] ?? []) titles.add(t);
  }
  const jobTitles = [...titles].map(option);
  const employmentStatuses = EMPLOYMENT_STATUSES.map(option);

  const todayDay = dayNumber(today);
  const deptCount = Math.min(DEPARTMENTS.length, Math.max(2, Math.ceil(size / 16)));
  const drafts: Draft[] = [];
  let nextId = 100;
  for (let i = 0; i < size; i++) {
    nextId += 1 + (rng.chance(0.15) ? rng.int(1, 4) : 0);
    const dept = DEPARTMENTS[i < deptCount ? i : rng.int(0, deptCount - 1)] ?? 'Engineering';
    drafts.push({
      id: nextId,
      dept,
      location: rng.pick(locations),
      hireDay: todayDay - rng.int(1, 3650),
      role: 'ic',
      managerId: null,
      title: '',
      index: i,
    });
  }
  assignOrg(drafts, rng);
  planEvents(drafts, rng, todayDay);

  // employeeNumber follows hiring order, a sequence unrelated to the internal id (reference §2.6).
  const byHire = [...drafts].sort((a, b) => a.hireDay - b.hireDay || a.id - b.id);
  byHire.forEach((d, n) => (d.employeeNumber = String(n + 1)));

  const ctx: GenContext = { rng, todayDay, nowMs, nextRowId: 1000, locations, drafts };
  const emails = new Set<string>();
  const employees = drafts.map((d) => {
    const name = nameFor(d, rng, emails);
    return buildHistory(ctx, d, name);
  });
  return {
    companyId: String(rng.int(100_000, 999_999)),
    departments,
    divisions,
    locations,
    jobTitles,
    employmentStatuses,
    employees,
    nextEmployeeId: nextId + 1,
    nextEmployeeNumber: size + 1,
    nextRowId: ctx.nextRowId + 1,
    nextOptionId: optionId + 1,
  };
}

/** Earliest hire per department is its head (no supervisor); the next ~1 in 9 are managers. */
function assignOrg(drafts: Draft[], rng: Rng): void {
  const byDept = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byDept.get(d.dept) ?? [];
    list.push(d);
    byDept.set(d.dept, list);
  }
  for (const [dept, members] of byDept) {
    members.sort((a, b) => a.hireDay - b.hireDay || a.id - b.id);
    const [head, ...rest] = members;
    if (!head) continue;
    head.role = 'head';
    head.title = headTitle(dept);
    const managerCount = Math.round(rest.length / 9);
    const managers = rest.slice(0, managerCount);
    for (const m of managers) {
      m.role = 'manager';
      m.title = managerTitle(dept);
      m.managerId = head.id;
    }
    const pool = managers.length > 0 ? managers : [head];
    for (const ic of rest.slice(managerCount)) {
      ic.managerId = rng.pick(pool).id;
      ic.title = rng.pick(IC_TITLES[dept] ?? ['Specialist']);
    }
  }
}
