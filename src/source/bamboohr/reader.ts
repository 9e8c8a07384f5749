// Reading what changed in BambooHR, in at most five requests for up to 1,000 changed people
// (DESIGN §7): the changed-ids feed, one changed-tables call per dated table, and one bulk
// read of current fields for the changed ids (a dataset page of ≤ 1000, or the custom report;
// bulk.ts). More changed people cost one more request per 1,000. A full read swaps the feeds
// for all rows and reads the bulk in pages: 50,000 people = 1 + 3 + 50 requests.
// The feed is read first and its `latest` becomes the cursor candidate, so anything changed
// while we read is newer than the cursor and is read again next time (never lost).
import type { BambooHrSettings } from '../../config/types.js';
import type { TableName } from '../../domain/dated.js';
import { BulkReader, type BulkMemory } from './bulk.js';
import type { ChangeAction, ChangeSet, ChangeStream, EmployeeChange } from './changes.js';
import type { BambooHrClient } from './client.js';
import { fieldsToRead } from './fields.js';
import { FieldGuard } from './guard.js';
import { mapRows, type Notes } from './map.js';
import { currentFields, fullPages, incrementalPages, type ReadContext } from './pages.js';

export type { BulkMemory } from './bulk.js';
export type { ChangeAction, ChangeSet, ChangeStream, EmployeeChange } from './changes.js';

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
  /** Where the bulk-read mode chosen in auto mode is remembered (the state's kv store). */
  memory?: BulkMemory | undefined;
  /** For refreshed employees due today: the tables holding their due rows, read again. */
  dueTables?: ReadonlyMap<string, readonly TableName[]> | undefined;
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

function readContext(client: BambooHrClient, s: BambooHrSettings, notes: Notes, memory: BulkMemory | undefined, probe: boolean): ReadContext {
  const guard = new FieldGuard(s);
  return { client, s, notes, guard, bulk: new BulkReader(client, s, guard, notes, memory, probe), fields: fieldsToRead({ tables: s.tables, extra: s.fields }) };
}

/** Nothing changed: a stream without pages. */
async function* nothing(): AsyncGenerator<EmployeeChange[]> {}

/** The read as pages of ≤ 1000 employees (see ChangeStream); readChanges collects them. */
export async function openChanges(client: BambooHrClient, s: BambooHrSettings, opts: ReadOptions): Promise<ChangeStream> {
  const notes: Notes = [];
  const since = opts.full ? EPOCH : sinceFrom(opts.cursor, s.changedOverlapMs);
  const feed = await client.changed(since);
  const latest = feed.latest ?? null;
  const byId = new Map<string, EmployeeChange>();
  for (const [key, e] of Object.entries(feed.employees)) {
    const id = e.id === undefined ? key : String(e.id);
    if (!opts.full && actionOf(e.action) !== 'deleted' && alreadyRead(id, e.lastChanged ?? null, opts.cursor, opts.known)) continue;
    byId.set(id, { id, action: actionOf(e.action), lastChanged: e.lastChanged ?? null, tables: {} });
  }
  const refresh = (opts.refresh ?? []).filter((id) => !byId.has(id));
  if (!opts.full && byId.size === 0 && refresh.length === 0) return { mode: 'incremental', since, latest, notes, listed: 0, pages: nothing() };
  // A full read already makes many requests: one more re-tries datasets after a remembered refusal.
  const ctx = readContext(client, s, notes, opts.memory, opts.full);
  const listed = byId.size + refresh.length;
  if (opts.full) return { mode: 'full', since: null, latest, notes, listed, pages: fullPages(ctx, byId) };
  const refreshed = refresh.map((id): EmployeeChange => ({ id, action: 'refreshed', lastChanged: null, tables: {} }));
  return { mode: 'incremental', since, latest, notes, listed, pages: incrementalPages(ctx, byId, refreshed, since, opts.dueTables) };
}

export async function readChanges(client: BambooHrClient, s: BambooHrSettings, opts: ReadOptions): Promise<ChangeSet> {
  const stream = await openChanges(client, s, opts);
  const byId = new Map<string, EmployeeChange>();
  for await (const page of stream.pages) for (const e of page) mergeChange(byId, e);
  return { mode: stream.mode, since: stream.since, latest: stream.latest, employees: changesOf(byId), notes: stream.notes };
}

/**
 * One employee's entries of a stream (a full read hands on tables ahead of fields) as one
 * change. An entry that only ever carried tables stays marked `tablesOnly`.
 */
export function mergeChange(byId: Map<string, EmployeeChange>, e: EmployeeChange): void {
  const prev = byId.get(e.id);
  if (!prev) {
    byId.set(e.id, { ...e, tables: { ...e.tables } });
    return;
  }
  Object.assign(prev.tables, e.tables);
  if (e.tablesOnly) return;
  delete prev.tablesOnly;
  prev.action = e.action;
  prev.lastChanged = e.lastChanged;
  if (e.fields) prev.fields = e.fields;
}

/** The changes of a merged stream: entries that only carried tables are rows, not changes. */
export function changesOf(byId: ReadonlyMap<string, EmployeeChange>): EmployeeChange[] {
  return [...byId.values()].filter((c) => !c.tablesOnly);
}

/**
 * Current data of named employees (replays, webhook hints): per employee for a handful,
 * otherwise the bulk read and the all-rows tables, so the request count stays bounded.
 */
export async function readEmployees(client: BambooHrClient, s: BambooHrSettings, ids: readonly string[], opts: { memory?: BulkMemory | undefined } = {}): Promise<ChangeSet> {
  const notes: Notes = [];
  const few = ids.length <= 5;
  const ctx = readContext(client, few ? { ...s, perEmployeeMax: Math.max(s.perEmployeeMax, 5) } : s, notes, opts.memory, false);
  const list: EmployeeChange[] = ids.map((id) => ({ id, action: 'updated', lastChanged: null, tables: {} }));
  for await (const part of currentFields(ctx, list)) void part; // fills `list` in place
  const live = list.filter((e) => e.action !== 'deleted' && e.action !== 'missing');
  for (const table of s.tables) {
    if (few) {
      for (const e of live) {
        const rows = await client.employeeTable(e.id, table);
        ctx.guard.columns(table, rows);
        e.tables[table] = mapRows(table, rows, e.id, notes);
      }
      continue;
    }
    const rows = await client.allTable(table);
    ctx.guard.columns(table, rows);
    const wanted = new Set(live.map((e) => e.id));
    const grouped = new Map<string, Array<Record<string, unknown>>>();
    for (const r of rows) {
      const id = String(r.employeeId);
      if (wanted.has(id)) grouped.set(id, [...(grouped.get(id) ?? []), r]);
    }
    for (const e of live) e.tables[table] = mapRows(table, grouped.get(e.id) ?? [], e.id, notes);
  }
  ctx.guard.verdict();
  return { mode: 'incremental', since: null, latest: null, employees: list, notes };
}
