// What every /data handler gets: the environment, counters, URLs and whether it runs inside
// a $batch (the business-error stack trace and status differ there, reference §8 A.3/A.4).
import { odataException, writeError, type InfologEntry, type ODataError } from './http.js';
import type { EntitySetDef } from './schema.js';
import type { D365State } from './state.js';
import type { StoredRow, Table } from './table.js';
import type { D365Stats, Value } from './types.js';

export interface DataContext {
  state: D365State;
  stats: D365Stats;
  /** `http://127.0.0.1:<port>/data` */
  serviceRoot: string;
  inBatch: boolean;
  crossCompany: boolean;
}

/** Business validation failure: 400 on current builds, 500 on legacy ones (A.3). */
export function businessError(ctx: DataContext, def: EntitySetDef, entries: readonly InfologEntry[], op: 'create' | 'update'): ODataError {
  return writeError(ctx.state.settings.build === 'legacy' ? 500 : 400, def.entity, entries, op, ctx.inBatch);
}

/** The X++ "validateField failed" companion warning of a field-level failure (A.3). */
export function fieldFailure(def: EntitySetDef, field: string, text: string): InfologEntry[] {
  return [
    { level: 'Warning', text },
    { level: 'Warning', text: `validateField failed on field '${def.entity}.${field}'.` },
  ];
}

/** "The value 'X' in field 'Vendor group' is not found in the related table 'Vendor groups'." (A.3) */
export function foreignKeyFailure(def: EntitySetDef, field: string, value: string, label: string, table: string): InfologEntry[] {
  return fieldFailure(def, field, `The value '${value}' in field '${label}' is not found in the related table '${table}'.`);
}

/** X++ label @SYS26332 "Field '%1' must be filled in." plus the validateWrite companion. */
export function mandatoryFailure(labels: readonly string[], dataSource: string): InfologEntry[] {
  if (labels.length === 0) return [];
  return [
    ...labels.map((l): InfologEntry => ({ level: 'Warning', text: `Field '${l}' must be filled in.` })),
    { level: 'Warning', text: `validateWrite failed on data source '${dataSource} (${dataSource})'.` },
  ];
}

export const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const str = (v: Value | undefined): string => (v === null || v === undefined ? '' : String(v));

/**
 * Insert of an existing key: "Cannot create a record in <label> (<table>). <key label>: <values>.
 * The record already exists." (A.3 template; level and double full stop as in the recorded answer).
 */
export function rejectDuplicate(ctx: DataContext, def: EntitySetDef, table: Table, row: Readonly<Record<string, Value>>, shown: string): void {
  if (!table.get(row)) return;
  const text = `Cannot create a record in ${def.table.label} (${def.table.name}). ${def.table.keyLabel}: ${shown}.\nThe record already exists..`;
  throw businessError(ctx, def, [{ level: 'Info', text }], 'create');
}

/** Key values cannot change through PATCH (assumption: the wording is not documented). */
export function keysUnchanged(def: EntitySetDef, existing: StoredRow, changes: Readonly<Record<string, Value>>): void {
  for (const k of def.keys) {
    if (k in changes && str(changes[k]).toUpperCase() !== str(existing.values[k]).toUpperCase()) throw odataException(`The key property '${k}' cannot be changed.`);
  }
}

/** Counters move only when the write commits (a rolled-back changeset wrote nothing). */
export function countWrite(ctx: DataContext, kind: 'creates' | 'updates'): void {
  ctx.state.db.afterCommit(() => {
    ctx.stats[kind] += 1;
    ctx.stats.writes += 1;
  });
}
