// Planning one employee for one flow (pure): which operation the ERP needs as of the business
// date, its payload through the adapter's mapEmployee(), the records it points at (needs), and
// the scheduled changes still to come. The rules of DESIGN §3: never create a terminated
// person, deactivate on the termination date (not before), reactivate the same record on a
// rehire, never guess an unmapped value, and skip the write when the payload equals the last
// one written.
import type { Adapter, ErpPayload, MapInput, Need, OpKind, RecordFamily, RecordRef, TargetSettings } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import { compareRows, rowAsOf, scheduledAfter, type DatedRow } from '../../domain/dated.js';
import type { EmployeeState } from '../../domain/employee.js';
import { sha128, stableHash } from '../../domain/hash.js';
import { sourceValue } from '../../domain/source-fields.js';
import type { Link } from '../../store/links.js';
import { resolveRefs, type Provided } from './refs.js';

export type PlanStatus = 'planned' | 'unchanged' | 'parked' | 'scheduled' | 'skipped' | 'failed';

export interface PlanItem {
  flow: string;
  family: RecordFamily;
  /** Adapter record type (employee, vendor, dimensionValue, subAccount…). */
  type: string;
  /** The record's source key: the BambooHR employee id for people. */
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
  /** Reference slot → ERP id the payload carries (checked against the ERP before writing). */
  refs: Record<string, string>;
  /** Records this one points at (supervisor, provisioned values). */
  needs: Need[];
  /** Need slot → the ERP key the payload was mapped with (null: not known yet). */
  linked: Record<string, string | null>;
  /** Records created in this run whose key the payload waits for. */
  waitsFor: RecordRef[];
  /** The audit row this item replays (mlc replay). */
  replayOf?: number | undefined;
  /** The payload again with other keys (once the records it waits for are written). */
  remap?: ((linked: Record<string, string | null>) => { payload: ErpPayload; payloadHash: string }) | undefined;
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
  /** The ERP key of another record of the flow, when mlc has written it. */
  linkedKey(on: RecordRef): string | null;
  /** Company-local date on which a row was first seen (today for rows not stored yet). */
  seenOn(row: DatedRow): string;
  /** Values of provisioned lookups (reference records mlc keeps in step). */
  provided?: Provided | undefined;
  /** The state on another date (to see whether a future row changes what the target gets). */
  stateOn?: ((date: string) => EmployeeState) | undefined;
}

export function labelOf(s: EmployeeState): string | null {
  const first = s.preferredName ?? s.firstName;
  const name = first && s.lastName ? `${first} ${s.lastName}` : first || s.lastName;
  return name || null;
}

export function matchesFilter(flow: FlowSettings, s: EmployeeState): boolean {
  for (const field in flow.filter) if (!flow.filter[field]!.includes(sourceValue(s, field) ?? '')) return false;
  return true;
}

// Every answer has both fields: answers of two shapes made planFor's read of them polymorphic
// (a "wrong map" deoptimisation of planFor, --trace-deopt).
const act = (kind: OpKind): { kind: OpKind | 'none'; skip: string | undefined } => ({ kind, skip: undefined });
const leave = (skip: string): { kind: OpKind | 'none'; skip: string | undefined } => ({ kind: 'none', skip });

function decide(s: EmployeeState, link: Link | undefined): { kind: OpKind | 'none'; skip: string | undefined } {
  const inErp = link?.erpKey != null;
  switch (s.phase) {
    case 'deleted':
      return inErp && link?.erpState !== 'inactive' ? act('deactivate') : leave('deleted in BambooHR and not active in the ERP');
    case 'terminated':
      if (!inErp) return leave('terminated before mlc first synced them: never created');
      return act('deactivate');
    case 'pending_hire':
      return leave('hired in the future');
    case 'active':
      if (!inErp) return act('create');
      return act(link?.erpState === 'inactive' ? 'reactivate' : 'update');
  }
}

/** Words for a scheduled row. Never amounts: pay is sensitive, and reasons are printed. */
function describeRow(r: DatedRow): string {
  const d = r.data;
  if (r.table === 'jobInfo') return `job: ${[d.department, d.division, d.location, d.jobTitle].filter(Boolean).join(' / ')}`;
  if (r.table === 'employmentStatus') return `status: ${d.employmentStatus ?? '?'}`;
  return 'pay change';
}

function scheduledKind(r: DatedRow, phase: EmployeeState['phase']): OpKind {
  if (r.table !== 'employmentStatus') return 'update';
  if (r.data.employmentStatus === 'Terminated') return 'deactivate';
  return phase === 'terminated' ? 'reactivate' : 'update';
}

/** The needs of an employee record: its supervisor (optional), provisioned values (required). */
function needsOf(fp: FlowPlanner, s: EmployeeState, provisioned: Need[]): Need[] {
  const slot = fp.adapter.spec.supervisorSlot;
  if (!slot || !s.supervisorId || s.supervisorId === s.id) return provisioned;
  const needs: Need[] = [{ slot, on: { family: 'employee', sourceKey: s.supervisorId }, required: false, label: `supervisor ${s.supervisorId}` }];
  for (const n of provisioned) needs.push(n);
  return needs;
}

/**
 * The payload for given linked keys. Made outside planFor on purpose: an operation waiting
 * for its supervisor keeps this closure until it is sent, and a closure made inside planFor
 * would keep planFor's whole scope alive with it (the employee's dated rows included), which
 * for a 50,000-person initial load is most of the memory.
 */
function payloadBuilder(fp: FlowPlanner, m: MapInput): NonNullable<PlanItem['remap']> {
  const { adapter, target } = fp;
  return (linked) => {
    const payload = adapter.mapEmployee!({ ...m, linked }, target);
    return { payload, payloadHash: stableHash({ v: adapter.version, payload }) };
  };
}

function fieldsOf(flow: FlowSettings, s: EmployeeState): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const erp in flow.fields) out[erp] = sourceValue(s, flow.fields[erp]!);
  return out;
}

function payloadHashOn(fp: FlowPlanner, e: EmployeeInput, date: string, m: { kind: OpKind; key: string; linked: Record<string, string | null> }): string | null {
  const st = e.stateOn!(date);
  const { refs, unmapped } = resolveRefs(fp.flow, st, e.provided);
  if (unmapped.length > 0) return null;
  const payload = fp.adapter.mapEmployee!({ kind: m.kind, state: st, key: m.key, refs, fields: fieldsOf(fp.flow, st), linked: m.linked, names: fp.flow.names, options: fp.flow.options }, fp.target);
  return stableHash({ v: fp.adapter.version, payload });
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Would the target receive anything different from `date` on than the day before? (Plan only what it receives.) */
function changesOn(fp: FlowPlanner, e: EmployeeInput, date: string, m: { kind: OpKind; key: string; linked: Record<string, string | null> }): boolean {
  if (!e.stateOn) return true;
  const on = payloadHashOn(fp, e, date, m);
  return on === null || on !== payloadHashOn(fp, e, dayBefore(date), m);
}

export function planFor(fp: FlowPlanner, e: EmployeeInput, asOf: string): PlanItem[] {
  const { flow, target, adapter } = fp;
  const s = e.state;
  const key = adapter.spec.naturalKey(s.id, target);
  // What BambooHR said, for the audit: the state's own key order is fixed by employeeStateAsOf,
  // so the native serialisation is stable and much cheaper than the canonical one.
  const sourceHash = sha128(JSON.stringify({ ...s, asOf: undefined }));
  // Every PlanItem field is here, kind, status and remap as placeholders, so each item below is
  // a spread that only overrides: one that adds properties takes V8's slow path (~9 µs an item
  // of this size on Node 20, measured), and all items share one shape.
  const base: PlanItem = {
    flow: flow.name, family: 'employee', type: 'employee', employeeId: s.id, label: labelOf(s), kind: 'none', status: 'planned', key, erpKey: e.link?.erpKey ?? null, payload: null, payloadHash: null,
    sourceHash, effectiveDate: null, retro: false, reason: null, errorCode: null, refs: {}, needs: [], linked: {}, waitsFor: [], remap: undefined,
  };
  if (s.phase !== 'deleted' && !matchesFilter(flow, s)) return [{ ...base, kind: 'none', status: 'skipped', reason: "outside the flow's filter" }];
  const { kind, skip } = decide(s, e.link);
  const state = s.phase === 'deleted' ? { ...s, terminationDate: s.terminationDate ?? asOf } : s;
  const { refs, unmapped, provisioned } = resolveRefs(flow, state, e.provided);
  const fields = fieldsOf(flow, state);
  const needs = needsOf(fp, state, provisioned);
  const linked: Record<string, string | null> = {};
  for (const n of needs) linked[n.slot] = e.linkedKey(n.on);
  // `linked` here is a placeholder the builder overrides (see base above).
  const build = kind === 'none' ? undefined : payloadBuilder(fp, { kind, state, key, refs, fields, linked: {}, names: flow.names, options: flow.options });
  const today = build && unmapped.length === 0 ? build(linked) : undefined;

  // A future hire's own rows (dated on the hire date) are part of the hire, not changes; a
  // future row is shown only when the target would receive something different then. The
  // result is built by push and unshift into one array: spreads and filters here met arrays of
  // different element kinds and kept deoptimising this function (--trace-deopt, "wrong map").
  const out: PlanItem[] = [];
  if (s.phase !== 'deleted') {
    for (const r of scheduledAfter(e.rows, asOf)) {
      if (s.phase === 'pending_hire' && r.date === s.hireDate) continue;
      if (r.table !== 'employmentStatus' && kind !== 'none' && !changesOn(fp, e, r.date!, { kind, key, linked })) continue;
      out.push({ ...base, kind: scheduledKind(r, s.phase), status: 'scheduled', effectiveDate: r.date, sourceHash: stableHash([r.table, r.date, r.data]), reason: `${describeRow(r)} on ${r.date}` });
    }
  }
  if (s.phase === 'pending_hire' && s.hireDate) out.unshift({ ...base, kind: 'create', status: 'scheduled', effectiveDate: s.hireDate, reason: `hire on ${s.hireDate}` });
  if (kind === 'none' || !build) {
    if (s.phase !== 'pending_hire') out.unshift({ ...base, kind, status: 'skipped', reason: skip ?? null });
    return out;
  }

  // A record already in the ERP keeps what we cannot map rather than being parked: leaving a
  // reference unchanged guesses nothing, and a termination must not wait on a lookup table.
  if (unmapped.length > 0 && kind !== 'deactivate') {
    out.unshift({ ...base, kind, refs, status: 'parked', errorCode: 'unmapped', reason: unmapped.join('; ') });
    return out;
  }
  const { payload, payloadHash } = today ?? build(linked);
  out.unshift({
    ...base, kind, payload, payloadHash, refs, needs, linked,
    status: e.link?.payloadHash === payloadHash ? 'unchanged' : 'planned',
    effectiveDate: latestInForce(e.rows, asOf)?.date ?? null,
    retro: isRetro(e, asOf),
    remap: build,
  });
  return out;
}

const TABLES = ['jobInfo', 'employmentStatus', 'compensation'] as const;

/** The latest of the rows in force on `asOf`, over the three tables. */
function latestInForce(rows: readonly DatedRow[], asOf: string): DatedRow | undefined {
  let latest: DatedRow | undefined;
  for (const t of TABLES) {
    const r = rowAsOf(rows, t, asOf);
    if (r && (!latest || compareRows(latest, r) < 0)) latest = r;
  }
  return latest;
}

/**
 * Back-dated: a row that took effect before the day mlc first saw it, and that mlc learned
 * of after it last wrote the employee (so the ERP got it late). Rows of the first read are
 * history, not news: they never make an update retro (issue 8 §6).
 */
function isRetro(e: EmployeeInput, asOf: string): boolean {
  const link = e.link;
  if (!link?.erpKey) return false;
  return e.rows.some((r) => r.date !== null && r.date <= asOf && r.date < e.seenOn(r) && (!link.appliedAt || (r.firstSeenAt ?? '') > link.appliedAt));
}
