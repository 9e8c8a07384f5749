// Planning one employee for one flow (pure): which operation the ERP needs as of the business
// date, its payload through the adapter's map(), and the scheduled changes still to come.
// The rules of DESIGN §3: never create a terminated person, deactivate on the termination
// date (not before), reactivate the same record on a rehire, never guess an unmapped value,
// and skip the write when the payload equals the last one written.
import type { Adapter, ErpPayload, MapInput, OpKind, TargetSettings } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import { compareRows, isBackdated, rowAsOf, scheduledAfter, type DatedRow } from '../../domain/dated.js';
import type { EmployeeState } from '../../domain/employee.js';
import { stableHash } from '../../domain/hash.js';
import { sourceValue } from '../../domain/source-fields.js';
import type { Link } from '../../store/links.js';

export type PlanStatus = 'planned' | 'unchanged' | 'parked' | 'scheduled' | 'skipped' | 'failed';

export interface PlanItem {
  flow: string;
  employeeId: string;
  label: string | null;
  kind: OpKind | 'none';
  status: PlanStatus;
  reason: string | null;
  errorCode: string | null;
  key: string;
  erpKey: string | null;
  payload: ErpPayload | null;
  payloadHash: string | null;
  sourceHash: string;
  effectiveDate: string | null;
  retro: boolean;
  /** The supervisor this payload could not name yet (created in the same run). */
  waitsFor: string | null;
  /** The audit row this item replays (mlc replay). */
  replayOf?: number | undefined;
  /** For an item waiting on its supervisor: the payload again with the supervisor's key. */
  remap?: ((supervisorKey: string | null) => { payload: ErpPayload; payloadHash: string }) | undefined;
}

export interface FlowPlanner {
  flow: FlowSettings;
  target: TargetSettings;
  adapter: Adapter<TargetSettings>;
}

export interface EmployeeInput {
  state: EmployeeState;
  rows: readonly DatedRow[];
  link: Link | undefined;
  supervisorKey: string | null;
  /** Company-local date on which a row was first seen (today for rows not stored yet). */
  seenOn(row: DatedRow): string;
}

export function labelOf(s: EmployeeState): string | null {
  const name = [s.preferredName ?? s.firstName, s.lastName].filter(Boolean).join(' ');
  return name || null;
}

export function matchesFilter(flow: FlowSettings, s: EmployeeState): boolean {
  return Object.entries(flow.filter).every(([field, values]) => values.includes(sourceValue(s, field) ?? ''));
}

/** How each reference slot resolves; unmapped values are listed, never guessed (DESIGN §3.6). */
export function resolveRefs(flow: FlowSettings, s: EmployeeState): { refs: Record<string, string>; unmapped: string[] } {
  const refs: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const [slot, rule] of Object.entries(flow.references)) {
    if (rule.kind === 'value') {
      refs[slot] = rule.value;
      continue;
    }
    const v = sourceValue(s, rule.from);
    const hit = v === null ? undefined : rule.table.map.get(v);
    if (hit !== undefined) refs[slot] = hit;
    else if (flow.unmapped === 'default' && rule.default !== undefined) refs[slot] = rule.default;
    else unmapped.push(`${slot}: no lookup for ${rule.from} ${v === null ? '(empty)' : `"${v}"`} in ${rule.table.source === 'inline' ? `flows.${flow.name}.references.${slot}` : rule.table.source}`);
  }
  return { refs, unmapped };
}

function decide(s: EmployeeState, link: Link | undefined): { kind: OpKind | 'none'; skip?: string } {
  const inErp = link?.erpKey != null;
  switch (s.phase) {
    case 'deleted':
      return inErp && link?.erpState !== 'inactive' ? { kind: 'deactivate' } : { kind: 'none', skip: 'deleted in BambooHR and not active in the ERP' };
    case 'terminated':
      if (!inErp) return { kind: 'none', skip: 'terminated before mlc first synced them: never created' };
      return { kind: 'deactivate' };
    case 'pending_hire':
      return { kind: 'none', skip: 'hired in the future' };
    case 'active':
      if (!inErp) return { kind: 'create' };
      return { kind: link?.erpState === 'inactive' ? 'reactivate' : 'update' };
  }
}

function describeRow(r: DatedRow): string {
  const d = r.data;
  if (r.table === 'jobInfo') return `job: ${[d.department, d.division, d.location, d.jobTitle].filter(Boolean).join(' / ')}`;
  if (r.table === 'employmentStatus') return `status: ${d.employmentStatus ?? '?'}`;
  return `pay: ${[d.rate, d.currency].filter(Boolean).join(' ')}`;
}

function scheduledKind(r: DatedRow, phase: EmployeeState['phase']): OpKind {
  if (r.table !== 'employmentStatus') return 'update';
  if (r.data.employmentStatus === 'Terminated') return 'deactivate';
  return phase === 'terminated' ? 'reactivate' : 'update';
}

/**
 * The payload for a supervisor key. Made outside planFor on purpose: an operation waiting
 * for its supervisor keeps this closure until it is sent, and a closure made inside planFor
 * would keep planFor's whole scope alive with it (the employee's dated rows included), which
 * for a 50,000-person initial load is most of the memory.
 */
function payloadBuilder(fp: FlowPlanner, m: Omit<MapInput, 'supervisorKey'>): NonNullable<PlanItem['remap']> {
  const { adapter, target } = fp;
  const named = Boolean(m.state.supervisorId);
  return (supervisorKey) => {
    const payload = adapter.map({ ...m, supervisorKey: named ? supervisorKey : null }, target);
    return { payload, payloadHash: stableHash({ v: adapter.version, payload }) };
  };
}

export function planFor(fp: FlowPlanner, e: EmployeeInput, asOf: string): PlanItem[] {
  const { flow, target, adapter } = fp;
  const s = e.state;
  const key = adapter.spec.naturalKey(s.id, target);
  const sourceHash = stableHash({ ...s, asOf: undefined });
  const base = {
    flow: flow.name, employeeId: s.id, label: labelOf(s), key, erpKey: e.link?.erpKey ?? null, payload: null, payloadHash: null,
    sourceHash, effectiveDate: null, retro: false, reason: null, errorCode: null, waitsFor: null,
  };
  if (s.phase !== 'deleted' && !matchesFilter(flow, s)) return [{ ...base, kind: 'none', status: 'skipped', reason: "outside the flow's filter" }];
  // A future hire's own rows (dated on the hire date) are part of the hire, not changes.
  const future = scheduledAfter(e.rows, asOf).filter((r) => !(s.phase === 'pending_hire' && r.date === s.hireDate));
  const scheduled: PlanItem[] = s.phase === 'deleted' ? [] : future.map((r) => ({
    ...base, kind: scheduledKind(r, s.phase), status: 'scheduled' as const, effectiveDate: r.date, sourceHash: stableHash([r.table, r.date, r.data]),
    reason: `${describeRow(r)} on ${r.date}`,
  }));
  if (s.phase === 'pending_hire' && s.hireDate) {
    scheduled.unshift({ ...base, kind: 'create', status: 'scheduled', effectiveDate: s.hireDate, reason: `hire on ${s.hireDate}` });
  }
  const { kind, skip } = decide(s, e.link);
  if (kind === 'none') return [...(s.phase === 'pending_hire' ? [] : [{ ...base, kind, status: 'skipped' as const, reason: skip ?? null }]), ...scheduled];

  const state = s.phase === 'deleted' ? { ...s, terminationDate: s.terminationDate ?? asOf } : s;
  const { refs, unmapped } = resolveRefs(flow, state);
  // A record already in the ERP keeps what we cannot map rather than being parked: leaving a
  // reference unchanged guesses nothing, and a termination must not wait on a lookup table.
  if (unmapped.length > 0 && kind !== 'deactivate') {
    return [{ ...base, kind, status: 'parked', errorCode: 'unmapped', reason: unmapped.join('; ') }, ...scheduled];
  }
  const fields = Object.fromEntries(Object.entries(flow.fields).map(([erp, src]) => [erp, sourceValue(state, src)]));
  const build = payloadBuilder(fp, { kind, state, key, refs, fields });
  const { payload, payloadHash } = build(e.supervisorKey);
  const waitsFor = s.supervisorId && !e.supervisorKey ? s.supervisorId : null;
  const inForce = (['jobInfo', 'employmentStatus', 'compensation'] as const).map((t) => rowAsOf(e.rows, t, asOf)).filter((r): r is DatedRow => r !== undefined);
  const latest = inForce.sort(compareRows).at(-1);
  const op: PlanItem = {
    ...base, kind, payload, payloadHash,
    status: e.link?.payloadHash === payloadHash ? 'unchanged' : 'planned',
    effectiveDate: latest?.date ?? null,
    // Back-dated: an already-synced employee got a row that took effect before mlc saw it.
    retro: e.link !== undefined && e.rows.some((r) => r.date !== null && r.date < asOf && e.seenOn(r) === asOf && isBackdated(r, asOf)),
    waitsFor,
    ...(waitsFor ? { remap: build } : {}),
  };
  return [op, ...scheduled];
}
