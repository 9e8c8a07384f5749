// Which employees a run looks at for a flow, and writing what BambooHR said to the state.
// Candidates: what changed (the feed), what takes effect by date since the last sweep (even
// with no change event: DESIGN §3.3), what is still open from earlier runs (parked or failed
// records are retried), and everyone on --full.
import type { TableName } from '../../domain/dated.js';
import { faultpoint } from '../../domain/failpoints.js';
import type { Cursor } from '../../store/cursors.js';
import type { State } from '../../store/state.js';
import type { ChangeSet } from '../../source/bamboohr/reader.js';
import type { EmployeeView } from './view.js';

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Employees with a stored row taking effect since the earliest sweep of these flows. */
export function dueIds(state: State | undefined, sweptThrough: ReadonlyArray<string | null>, asOf: string): string[] {
  if (!state) return [];
  const from = sweptThrough.map((d) => d ?? dayBefore(asOf)).sort()[0] ?? dayBefore(asOf);
  return from < asOf ? state.rows.dueBetween(from, asOf) : [];
}

/** The tables of those rows, per employee: read again with the employees' current fields. */
export function dueTablesOf(state: State, sweptThrough: ReadonlyArray<string | null>, asOf: string): Map<string, TableName[]> {
  const from = sweptThrough.map((d) => d ?? dayBefore(asOf)).sort()[0] ?? dayBefore(asOf);
  return from < asOf ? state.rows.dueTables(from, asOf) : new Map();
}

export function candidates(state: State | undefined, view: EmployeeView, flow: string, cursor: Cursor | undefined, asOf: string, full: boolean): string[] {
  // changedIds() includes the refreshed ones: employees due today and webhook hints.
  const ids = new Set(view.changedIds());
  if (state) {
    const from = cursor?.sweptThrough ?? dayBefore(asOf);
    if (from < asOf) for (const id of state.rows.dueBetween(from, asOf)) ids.add(id);
    // The business clock ran ahead last time (MLC_NOW, a host's skewed clock) and applied rows
    // dated after today early: their employees are planned again, so today's state wins.
    if (from > asOf) for (const id of state.rows.dueBetween(asOf, from)) ids.add(id);
    for (const id of state.audit.openEmployees(flow)) ids.add(id);
    if (full) for (const id of state.rows.allEmployeeIds()) ids.add(id);
    for (const id of owedDependents(state, flow, ids)) ids.add(id);
  }
  // Ascending ids: managers, created first in BambooHR, tend to come first (fewer waves).
  return [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Records owed a link to another record (issue 8 §1): planned again when that record has its
 * ERP key now, or may get it in this run (it is a candidate itself).
 */
export function owedDependents(state: State, flow: string, candidates: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const o of state.owed.all(flow)) {
    if (o.family !== 'employee' || candidates.has(o.sourceKey)) continue;
    if ((o.on.family === 'employee' && candidates.has(o.on.sourceKey)) || state.links.get(flow, o.on.sourceKey, o.on.family)?.erpKey) out.push(o.sourceKey);
  }
  return out;
}

/** The cursor only moves forward, and only to a timestamp BambooHR itself reported. */
export function laterCursor(current: string | undefined, latest: string | null): string | null {
  if (!latest || Number.isNaN(Date.parse(latest))) return current ?? null;
  if (!current || Date.parse(latest) > Date.parse(current)) return latest;
  return current;
}

/** Current fields and dated rows as read, in one transaction (a cache of BambooHR's truth). */
export function persistChanges(state: State, changes: ChangeSet, now: string): void {
  persistSome(state, changes.employees, now, state.rows.isEmpty());
}

/**
 * The same, for a big change set, in slices between the network waits of the apply phase
 * (it is CPU work, and the apply phase mostly waits on the ERP). `done` resolves when all is
 * stored; the cursor commit waits for it, so a crash before then only means a re-read.
 */
export function persistInBackground(state: State, changes: ChangeSet, now: string, slice = 500): { done: Promise<void> } {
  const fresh = state.rows.isEmpty();
  const list = changes.employees;
  if (list.length <= slice) {
    persistSome(state, list, now, fresh);
    return { done: Promise.resolve() };
  }
  const done = new Promise<void>((resolve, reject) => {
    let at = 0;
    const step = () => {
      try {
        persistSome(state, list.slice(at, at + slice), now, fresh);
        at += slice;
        if (at < list.length) setImmediate(step);
        else resolve();
      } catch (err) {
        reject(err);
      }
    };
    setImmediate(step);
  });
  done.catch(() => undefined); // observed by the cursor commit that awaits it
  return { done };
}

function persistSome(state: State, list: ChangeSet['employees'], now: string, fresh: boolean): void {
  state.transaction(() => {
    faultpoint('persist-slice');
    for (const c of list) {
      if (c.action === 'deleted') {
        state.rows.markDeleted(c.id, c.lastChanged, now);
        continue;
      }
      if (c.fields) state.rows.saveEmployee(c.id, c.fields, c.lastChanged ?? c.fields.lastChanged ?? null, now);
      state.rows.replaceTables(c.id, c.tables, now, fresh ? { hasRows: false } : undefined);
    }
  });
}
