// Which employees a run looks at for a flow, and writing what BambooHR said to the state.
// Candidates: what changed (the feed), what takes effect by date since the last sweep (even
// with no change event: DESIGN §3.3), what is still open from earlier runs (parked or failed
// records are retried), and everyone on --full.
import type { TableName } from '../../domain/dated.js';
import { faultpoint } from '../../domain/failpoints.js';
import { collectGarbage, preferSmallHeap } from '../../domain/memory.js';
import type { Cursor } from '../../store/cursors.js';
import type { State } from '../../store/state.js';
import { unlessStopped } from '../../domain/stop.js';
import { changesOf, mergeChange, type ChangeSet, type ChangeStream, type EmployeeChange } from '../../source/bamboohr/reader.js';
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

/** Up to this many employees, a real run keeps what BambooHR said in memory as well (no re-read). */
export const KEEP_IN_MEMORY = 12_000;

/**
 * A real run stores what BambooHR says page by page as it arrives (one transaction a page).
 * A change set of up to KEEP_IN_MEMORY employees is kept as read, so planning need not read
 * it back; a bigger one keeps only who changed and how, and the view reads the store: a
 * 50,000-person load is never held at once (issue 9 §3). Throws before any ERP write if the
 * state cannot be written.
 */
export async function storeStream(state: State, stream: ChangeStream, now: () => string, stop: AbortSignal): Promise<ChangeSet> {
  const fresh = state.rows.isEmpty();
  const byId = new Map<string, EmployeeChange>();
  let light = false;
  if (stream.listed > KEEP_IN_MEMORY) preferSmallHeap();
  const pages = stream.pages[Symbol.asyncIterator]();
  let pagesRead = 0;
  for (;;) {
    // A stop while a page is on its way ends the run at once: nothing went to the ERP yet.
    const next = await unlessStopped(pages.next(), stop);
    if (next.done) break;
    persistSome(state, next.value, now(), fresh);
    for (const c of next.value) {
      if (!light) mergeChange(byId, c);
      else if (!c.tablesOnly) byId.set(c.id, { id: c.id, action: c.action, lastChanged: c.lastChanged, tables: {} });
      else if (!byId.has(c.id)) byId.set(c.id, { id: c.id, action: c.action, lastChanged: null, tables: {}, tablesOnly: true });
    }
    if (!light && byId.size > KEEP_IN_MEMORY) {
      light = true;
      for (const [id, c] of byId) byId.set(id, { id, action: c.action, lastChanged: c.lastChanged, tables: {}, ...(c.tablesOnly ? { tablesOnly: true as const } : {}) });
    }
    // V8 collects lazily: a big read would leave each page's garbage lying about, and the
    // heap's high-water mark shows as resident memory (see domain/memory.ts).
    if (++pagesRead % 8 === 0 && light) collectGarbage();
  }
  return { mode: stream.mode, since: stream.since, latest: stream.latest, employees: changesOf(byId), notes: stream.notes };
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
