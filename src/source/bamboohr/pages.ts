// The reads behind the reader, as async generators of employee chunks (≤ 1000 each). Tables are
// read first (they carry no paging: one answer per table), then the bulk read of current fields
// page by page; each chunk leaves with its tables attached and is not held afterwards.
import type { BambooHrSettings } from '../../config/types.js';
import type { DatedRow, TableName } from '../../domain/dated.js';
import { collectGarbage } from '../../domain/memory.js';
import { PAGE_MAX, type BulkReader } from './bulk.js';
import type { EmployeeChange } from './changes.js';
import type { BambooHrClient } from './client.js';
import type { FieldGuard } from './guard.js';
import { mapFields, mapRow, mapRows, type Notes } from './map.js';

export interface ReadContext {
  client: BambooHrClient;
  s: BambooHrSettings;
  notes: Notes;
  guard: FieldGuard;
  bulk: BulkReader;
  /** Classic field aliases to read (fieldsToRead). */
  fields: string[];
}

export function* chunks<T>(list: readonly T[], size = PAGE_MAX): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/**
 * An all-rows table, each row mapped as it is parsed (the raw rows are never all held), grouped
 * by employee in BambooHR's order (a row's `seq` is its place among the employee's rows).
 */
async function tableRows(ctx: ReadContext, table: TableName): Promise<Map<string, DatedRow[]>> {
  const grouped = new Map<string, DatedRow[]>();
  const columns = new Set<string>();
  let n = 0;
  await ctx.client.allTableEach(table, (raw) => {
    for (const k in raw) columns.add(k);
    const id = String(raw.employeeId);
    let list = grouped.get(id);
    if (!list) grouped.set(id, (list = []));
    list.push(mapRow(table, raw, list.length, id, ctx.notes));
    // Parsing leaves a raw object behind per row: collected as we go, not in one late heap.
    if (++n % 25_000 === 0) collectGarbage();
  });
  if (grouped.size > 0) ctx.guard.columns(table, [Object.fromEntries([...columns].map((c) => [c, null]))]);
  return grouped;
}

/**
 * A full read, in bounded memory (issue 9 §3): the first bulk page is read first, then each
 * all-rows table is read, checked, handed on in chunks of its employees' rows (`tablesOnly`:
 * stored, nothing more) and let go before the next one; the silent-drop guard then names
 * every field and column left out at once, before any employee is handed on; then everyone the bulk read returns, page by page, each with an empty set for
 * a table that had no row of theirs (so stale stored rows go); then feed entries the bulk
 * read did not return.
 */
export async function* fullPages(ctx: ReadContext, feed: Map<string, EmployeeChange>): AsyncGenerator<EmployeeChange[]> {
  const bulk = ctx.bulk.everyone(ctx.fields)[Symbol.asyncIterator]();
  const firstPage = await bulk.next();
  const present = new Map<TableName, Set<string>>();
  for (const table of ctx.s.tables) {
    collectGarbage(); // the last table's rows are gone: start the next big answer from a small heap
    const grouped = await tableRows(ctx, table);
    present.set(table, new Set(grouped.keys()));
    for (const ids of chunks([...grouped.keys()])) {
      yield ids.map((id): EmployeeChange => {
        const rows = grouped.get(id)!;
        grouped.delete(id);
        return { id, action: 'listed', lastChanged: null, tables: { [table]: rows }, tablesOnly: true };
      });
    }
  }
  ctx.guard.verdict();
  const emptyTables = (id: string) => Object.fromEntries([...present].filter(([, ids]) => !ids.has(id)).map(([t]) => [t, []]));
  const toChange = (row: Record<string, unknown>): EmployeeChange => {
    const id = String(row.id);
    const prev = feed.get(id);
    feed.delete(id);
    return { id, action: prev?.action === 'inserted' ? 'inserted' : 'listed', lastChanged: prev?.lastChanged ?? null, fields: mapFields(row, id, ctx.notes), tables: emptyTables(id) };
  };
  for (let page = firstPage; !page.done; page = await bulk.next()) yield page.value.map(toChange);
  ctx.guard.verdict();
  // Listed by the feed, absent from the bulk read: not visible to the key, never a deletion.
  yield* chunks([...feed.values()].map((e) => (e.action === 'deleted' ? e : { ...e, action: 'missing' as const, tables: emptyTables(e.id) })));
}

/**
 * An incremental read: the changed-table feeds (one request per table, rows of the changed
 * employees only), then current fields for the live ones in chunks, then the deleted.
 */
export async function* incrementalPages(ctx: ReadContext, feed: Map<string, EmployeeChange>, refreshed: EmployeeChange[], since: string, dueTables?: ReadonlyMap<string, readonly TableName[]>): AsyncGenerator<EmployeeChange[]> {
  // Each table request goes out while the answer before it is handled (two held at most).
  const steps = (feed.size > 0 ? ctx.s.tables : []).map((table) => async () => {
    const res = await ctx.client.changedTable(table, since);
    return () => {
      ctx.guard.columns(table, Object.values(res.employees).flatMap((e) => e.rows));
      for (const [id, e] of Object.entries(res.employees)) {
        const change = feed.get(id);
        // Rows of an employee the id feed did not list: the feeds were read a moment apart.
        if (change && change.action !== 'deleted') change.tables[table] = mapRows(table, e.rows, id, ctx.notes);
      }
    };
  });
  await inTurn(steps);
  await refreshDueTables(ctx, refreshed, dueTables);
  const all = [...feed.values(), ...refreshed];
  const gone = all.filter((e) => e.action === 'deleted');
  let first = true;
  for await (const part of currentFields(ctx, all.filter((e) => e.action !== 'deleted'))) {
    if (first) ctx.guard.verdict();
    first = false;
    yield part;
  }
  ctx.guard.verdict();
  yield* chunks(gone);
}

/** Up to this many (employee, table) pairs are read one by one; more through one all-rows read per table. */
const FEW_PAIRS = 3;

/**
 * The tables holding the rows due today, read again for the employees due today: a future row
 * deleted in BambooHR without a lastChanged bump must not be applied from the stored copy
 * (issue 8 §6). A few pairs one by one, many through one all-rows read per table (DESIGN §7).
 */
async function refreshDueTables(ctx: ReadContext, refreshed: readonly EmployeeChange[], due: ReadonlyMap<string, readonly TableName[]> | undefined): Promise<void> {
  if (!due || due.size === 0) return;
  const pairs = refreshed.flatMap((e) => (due.get(e.id) ?? []).filter((t) => ctx.s.tables.includes(t)).map((table) => ({ e, table })));
  if (pairs.length <= FEW_PAIRS) {
    for (const { e, table } of pairs) {
      const rows = await ctx.client.employeeTable(e.id, table);
      ctx.guard.columns(table, rows);
      e.tables[table] = mapRows(table, rows, e.id, ctx.notes);
    }
    return;
  }
  for (const table of new Set(pairs.map((p) => p.table))) {
    const rows = await ctx.client.allTable(table);
    ctx.guard.columns(table, rows);
    const mine = new Map<string, Array<Record<string, unknown>>>();
    for (const r of rows) {
      const id = String(r.employeeId);
      (mine.get(id) ?? mine.set(id, []).get(id)!).push(r);
    }
    for (const { e } of pairs.filter((p) => p.table === table)) e.tables[table] = mapRows(table, mine.get(e.id) ?? [], e.id, ctx.notes);
  }
}

/**
 * Current fields for the given employees: one GET each for a handful (or ids that are not
 * numbers, which no bulk filter takes), otherwise the bulk read, ≤ 1000 per request. An
 * employee the answer leaves out (a 404, or absent from the bulk read) comes back `missing`:
 * it may be invisible to the key, so it is never read as a deletion.
 */
export async function* currentFields(ctx: ReadContext, list: EmployeeChange[]): AsyncGenerator<EmployeeChange[]> {
  if (list.length === 0) return;
  if (list.length <= ctx.s.perEmployeeMax || !list.every((e) => /^\d+$/.test(e.id))) {
    for (const part of chunks(list)) {
      for (const e of part) {
        const row = await ctx.client.employee(e.id, ctx.fields);
        if (!row) {
          e.action = 'missing';
          continue;
        }
        ctx.guard.fields(ctx.fields, Object.keys(row), [row]);
        e.fields = mapFields(row, e.id, ctx.notes);
      }
      yield part;
    }
    return;
  }
  const byId = new Map(list.map((e) => [e.id, e]));
  for await (const { ids, rows } of ctx.bulk.some(ctx.fields, [...byId.keys()])) {
    for (const row of rows) {
      const e = byId.get(String(row.id));
      if (e) e.fields = mapFields(row, e.id, ctx.notes);
    }
    const part = ids.map((id) => byId.get(id)!);
    for (const e of part) if (!e.fields) e.action = 'missing';
    yield part;
  }
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
