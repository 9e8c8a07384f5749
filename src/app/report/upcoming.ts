// What happens next (pure): the effective-dated changes stored for the flow's employees that
// take effect after the business date, in date order, with the ERP value each org field will
// map to. Computed the way the sync will see them on the day: the state the day before
// against the state on the date (DESIGN §3.3). A pay change is named, never its amount.
import type { FlowSettings } from '../../config/types.js';
import type { EmployeeState } from '../../domain/employee.js';
import { keyMatcher } from '../../domain/redact-payload.js';
import { sourceValue } from '../../domain/source-fields.js';
import { matchesFilter } from '../sync/plan.js';
import { erpValueOf, lookupsOf } from './lookups.js';
import type { ChangeKind, FieldChange, UpcomingChange } from './model.js';
import type { People, Person } from './people.js';

const ORG_FIELDS = ['department', 'division', 'location'] as const;
const SHOWN_FIELDS = [...ORG_FIELDS, 'jobTitle', 'employmentStatus'] as const;

const dayBefore = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function futureDates(p: Person, today: string): string[] {
  const dates = new Set<string>();
  for (const r of p.record.rows) if (r.date !== null && r.date > today) dates.add(r.date);
  const hire = p.today.hireDate;
  if (p.today.phase === 'pending_hire' && hire !== null && hire > today) dates.add(hire);
  return [...dates].sort();
}

function phaseKind(before: EmployeeState, after: EmployeeState): ChangeKind | undefined {
  if (before.phase === after.phase) return undefined;
  if (after.phase === 'active') return before.phase === 'terminated' ? 'rehire' : 'hire';
  if (after.phase === 'terminated' && before.phase === 'active') return 'termination';
  return undefined;
}

function fieldChanges(flow: FlowSettings, before: EmployeeState, after: EmployeeState, hire: boolean, sensitive: (key: string) => boolean): FieldChange[] {
  const lookups = lookupsOf(flow);
  // A lookup keyed on a field audit.redact masks is not shown (as in mapping coverage).
  const fields = [...new Set<string>([...SHOWN_FIELDS, ...lookups.map((l) => l.rule.from)])].filter((f) => !sensitive(f));
  const out: FieldChange[] = [];
  for (const field of fields) {
    const from = hire ? null : sourceValue(before, field);
    const to = sourceValue(after, field);
    const feeds = lookups.find((l) => l.rule.from === field);
    // A hire shows where the person lands in the ERP: the fields the lookups map.
    if (hire ? !feeds || to === null : from === to) continue;
    if (!hire && field === 'employmentStatus' && before.phase !== after.phase) continue;
    out.push({ field, from, to, erp: feeds ? { slot: feeds.slot, ...erpValueOf(flow, feeds.rule, to) } : undefined });
  }
  return out;
}

function kindsOf(phase: ChangeKind | undefined, changes: readonly FieldChange[], pay: boolean): ChangeKind[] {
  const kinds: ChangeKind[] = phase ? [phase] : [];
  if (phase !== 'hire') {
    if (changes.some((c) => (ORG_FIELDS as readonly string[]).includes(c.field))) kinds.push('transfer');
    if (changes.some((c) => c.field === 'jobTitle')) kinds.push('title');
    if (!phase && changes.some((c) => c.field === 'employmentStatus')) kinds.push('status');
  }
  if (pay) kinds.push('pay');
  return kinds;
}

/** `redact`: the audit.redact patterns; fields they match are left out. */
export function upcomingChanges(flow: FlowSettings, people: People, today: string, redact: readonly string[] = []): UpcomingChange[] {
  const sensitive = keyMatcher(redact);
  const out: UpcomingChange[] = [];
  for (const p of people.byId.values()) {
    for (const date of futureDates(p, today)) {
      const eve = dayBefore(date);
      const before = eve === today ? p.today : people.stateOn(p, eve);
      const after = people.stateOn(p, date);
      // Nobody employed on either side (a row for someone long gone): the ERP hears nothing.
      if (before.phase !== 'active' && after.phase !== 'active') continue;
      if (!matchesFilter(flow, before) && !matchesFilter(flow, after)) continue;
      const phase = phaseKind(before, after);
      const changes = fieldChanges(flow, before, after, phase === 'hire', sensitive);
      const pay = p.record.rows.some((r) => r.table === 'compensation' && r.date === date);
      const kinds = kindsOf(phase, changes, pay);
      if (kinds.length === 0) continue;
      out.push({ date, employeeId: p.record.id, name: people.nameOf(p.record.id), kinds, changes });
    }
  }
  return out.sort(byDateThenId);
}

function byDateThenId(a: UpcomingChange, b: UpcomingChange): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.employeeId.localeCompare(b.employeeId, 'en', { numeric: true });
}
