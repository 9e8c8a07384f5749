// Reading what changed in BambooHR, in at most five requests whatever the company size
// (DESIGN §7): the changed-ids feed, one changed-tables call per dated table, and one bulk
// read of current fields for the changed ids. A full read swaps the feeds for all rows.
// The feed is read first and its `latest` becomes the cursor candidate, so anything changed
// while we read is newer than the cursor and is read again next time (never lost).
import type { BambooHrSettings } from '../../config/types.js';
import type { DatedRow, TableName } from '../../domain/dated.js';
import type { BambooHrClient } from './client.js';
import { fieldsToRead } from './fields.js';
import { FieldGuard } from './guard.js';
import { mapFields, mapRows, type Notes } from './map.js';

/**
 * `refreshed`: not in the feed, read again because a dated row of theirs takes effect.
 * `missing`: listed as changed but absent from the answer (not visible to the key, or a 404):
 * never taken as a deletion (only the feed's Deleted action is one), an open failure instead.
 */
export type ChangeAction = 'inserted' | 'updated' | 'deleted' | 'listed' | 'refreshed' | 'missing';

export interface EmployeeChange {
  id: string;
  action: ChangeAction;
  lastChanged: string | null;
  /** Current fields; absent for a deleted employee. */
  fields?: Record<string, string | null>;
  /** Every row of each table read for this employee (a set: rows absent here are gone). */
  tables: Partial<Record<TableName, DatedRow[]>>;
}

export interface ChangeSet {
  mode: 'incremental' | 'full';
  since: string | null;
  latest: string | null;
  employees: EmployeeChange[];
  notes: Notes;
}

export const EPOCH = '1970-01-01T00:00:00Z';

/** Seconds precision with Z: BambooHR's `since` takes no fractions, and Z needs no %2B. */
export function sinceFrom(cursor: string | undefined, overlapMs: number): string {
  if (!cursor) return EPOCH;
  const t = Date.parse(cursor);
  if (Number.isNaN(t)) return EPOCH;
  return new Date(Math.max(0, t - overlapMs)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function actionOf(a: string): ChangeAction {
  const l = a.toLowerCase();
  return l === 'inserted' ? 'inserted' : l === 'deleted' ? 'deleted' : 'updated';
}

/**
 * `refresh`: employees whose dated rows take effect today (the due-date sweep). BambooHR's
 * current fields (the supervisor, above all) switch on that date too, so they are read again
 * in the same bulk read as the changed ones.
 */
export interface ReadOptions {
  cursor?: string | undefined;
  full: boolean;
  refresh?: readonly string[];
  /** lastChanged mlc stored for an employee when it last read them. */
  known?: ((id: string) => string | null | undefined) | undefined;
}

/**
 * The overlap makes every run see again the employees changed shortly before the cursor.
 * One whose lastChanged is what mlc stored, and strictly before the cursor, has not changed
 * since: any later edit would carry a lastChanged at or after the cursor (BambooHR's clock
 * only moves forward). Only the same-second case at the cursor itself must be read again.
 */
function alreadyRead(id: string, lastChanged: string | null, cursor: string | undefined, known: ReadOptions['known']): boolean {
  if (!lastChanged || !cursor || !known) return false;
  const at = Date.parse(lastChanged);
  const stored = known(id);
  return !Number.isNaN(at) && at < Date.parse(cursor) && !!stored && Date.parse(stored) === at;
}

export async function readChanges(client: BambooHrClient, s: BambooHrSettings, opts: ReadOptions): Promise<ChangeSet> {
  const notes: Notes = [];
  const since = opts.full ? EPOCH : sinceFrom(opts.cursor, s.changedOverlapMs);
  const feed = await client.changed(since);
  const latest = feed.latest ?? null;
  const byId = new Map<string, EmployeeChange>();
  for (const [key, e] of Object.entries(feed.employees)) {
    const id = e.id ?? key;
    if (!opts.full && actionOf(e.action) !== 'deleted' && alreadyRead(id, e.lastChanged ?? null, opts.cursor, opts.known)) continue;
    byId.set(id, { id, action: actionOf(e.action), lastChanged: e.lastChanged ?? null, tables: {} });
  }
  const refresh = (opts.refresh ?? []).filter((id) => !byId.has(id));
  if (!opts.full && byId.size === 0 && refresh.length === 0) return { mode: 'incremental', since, latest, employees: [], notes };

  const fields = fieldsToRead({ tables: s.tables, extra: s.fields });
  const guard = new FieldGuard(s);
  if (opts.full) {
    // One answer at a time: each raw answer is mapped and dropped before the next request,
    // so a 50,000-employee read never holds two of them.
    {
      const report = await client.customReport(fields);
      guard.fields(fields, report.fields.map((f) => f.id), report.employees);
      for (const row of report.employees) {
        const id = String(row.id);
        const prev = byId.get(id);
        byId.set(id, { id, action: prev?.action === 'inserted' ? 'inserted' : 'listed', lastChanged: prev?.lastChanged ?? null, fields: mapFields(row, id, notes), tables: {} });
      }
    }
    for (const table of s.tables) {
      const rows = await client.allTable(table);
      guard.columns(table, rows);
      const grouped = new Map<string, Array<Record<string, unknown>>>();
      for (const r of rows) {
        const id = String(r.employeeId);
        const list = grouped.get(id);
        if (list) list.push(r);
        else grouped.set(id, [r]);
      }
      for (const e of byId.values()) if (e.action !== 'deleted') e.tables[table] = mapRows(table, grouped.get(e.id) ?? [], e.id, notes);
    }
    guard.verdict();
    return { mode: 'full', since: null, latest, employees: [...byId.values()], notes };
  }

  const refreshed: EmployeeChange[] = refresh.map((id) => ({ id, action: 'refreshed', lastChanged: null, tables: {} }));
  const live = [...byId.values(), ...refreshed].filter((e) => e.action !== 'deleted');
  // The table feeds and the current-fields read depend only on the id feed: each request
  // goes out while the answer before it is handled (BambooHR prepares one while mlc maps
  // the other), and at most two answers are held at once.
  const steps: Array<() => Promise<() => void>> = (byId.size > 0 ? s.tables : []).map((table) => async () => {
    const res = await client.changedTable(table, since);
    return () => {
      const all = Object.values(res.employees).flatMap((e) => e.rows);
      guard.columns(table, all);
      for (const [id, e] of Object.entries(res.employees)) {
        const change = byId.get(id);
        // Rows of an employee the id feed did not list: the feeds were read a moment apart.
        if (change && change.action !== 'deleted') change.tables[table] = mapRows(table, e.rows, id, notes);
      }
    };
  });
  steps.push(async () => {
    await readCurrentFields(client, s, fields, live, notes, guard);
    return () => undefined;
  });
  await inTurn(steps);
  for (const e of refreshed) byId.set(e.id, e);
  guard.verdict();
  return { mode: 'incremental', since, latest, employees: [...byId.values()], notes };
}

/**
 * Runs fetch steps with the next one started before the current one's answer is handled
 * (two in flight at most). A failure surfaces in order; a later step's failure is observed
 * so it never becomes an unhandled rejection.
 */
async function inTurn(steps: ReadonlyArray<() => Promise<() => void>>): Promise<void> {
  let next = steps[0]?.();
  for (let i = 0; i < steps.length; i++) {
    const current = next!;
    next = steps[i + 1]?.();
    next?.catch(() => undefined);
    (await current)();
  }
}

/** Current fields for the given employees: one report, or one GET each for a handful. */
async function readCurrentFields(client: BambooHrClient, s: BambooHrSettings, fields: string[], list: EmployeeChange[], notes: Notes, guard: FieldGuard): Promise<void> {
  if (list.length === 0) return;
  const numeric = list.every((e) => /^\d+$/.test(e.id));
  if (list.length <= s.perEmployeeMax || !numeric) {
    for (const e of list) {
      const row = await client.employee(e.id, fields);
      if (!row) {
        e.action = 'missing';
        continue;
      }
      guard.fields(fields, Object.keys(row), [row]);
      e.fields = mapFields(row, e.id, notes);
    }
    return;
  }
  const report = await client.customReport(fields, list.map((e) => Number(e.id)));
  guard.fields(fields, report.fields.map((f) => f.id), report.employees);
  const rows = new Map(report.employees.map((r) => [String(r.id), r]));
  for (const e of list) {
    const row = rows.get(e.id);
    if (row) e.fields = mapFields(row, e.id, notes);
    else e.action = 'missing';
  }
}

/**
 * Current data of named employees (replays, webhook hints): per employee for a handful,
 * otherwise one report and the all-rows tables, so the request count stays bounded.
 */
export async function readEmployees(client: BambooHrClient, s: BambooHrSettings, ids: readonly string[]): Promise<ChangeSet> {
  const notes: Notes = [];
  const guard = new FieldGuard(s);
  const fields = fieldsToRead({ tables: s.tables, extra: s.fields });
  const list: EmployeeChange[] = ids.map((id) => ({ id, action: 'updated', lastChanged: null, tables: {} }));
  const few = ids.length <= 5;
  await readCurrentFields(client, few ? { ...s, perEmployeeMax: Math.max(s.perEmployeeMax, 5) } : s, fields, list, notes, guard);
  const live = list.filter((e) => e.action !== 'deleted' && e.action !== 'missing');
  for (const table of s.tables) {
    if (few) {
      for (const e of live) {
        const rows = await client.employeeTable(e.id, table);
        guard.columns(table, rows);
        e.tables[table] = mapRows(table, rows, e.id, notes);
      }
      continue;
    }
    const rows = await client.allTable(table);
    guard.columns(table, rows);
    const wanted = new Set(live.map((e) => e.id));
    const grouped = new Map<string, Array<Record<string, unknown>>>();
    for (const r of rows) {
      const id = String(r.employeeId);
      if (wanted.has(id)) grouped.set(id, [...(grouped.get(id) ?? []), r]);
    }
    for (const e of live) e.tables[table] = mapRows(table, grouped.get(e.id) ?? [], e.id, notes);
  }
  guard.verdict();
  return { mode: 'incremental', since: null, latest: null, employees: list, notes };
}
