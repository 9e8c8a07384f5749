// Master records written through SBA (vendors, employees): POST creates and refuses an
// existing key, PATCH updates and refuses a missing one — no upsert (erps.md §8 B.1: "The
// object … must exist for this to be used"). Answers: 201 + Location + the record, 204 for
// PATCH/DELETE, 404 NotFound, 409 AlreadyExists (codes and statuses are assumptions, B.2).
import type { z } from 'zod';
import { filterFor, type Filterable } from './filter.js';
import { emptyResponse, GpError, payloadOf, payloadResponse } from './http.js';
import type { Call, ResourceHandlers } from './resource.js';
import type { GpCompanyStore } from './store.js';
import type { Table } from './table.js';
import { parseWith, withoutStamps } from './validation.js';

type Stamped = { CreatedDate: string; ModifiedDate: string };

export interface CrudSpec<T extends Stamped> {
  noun: string;
  keyField: keyof T & string;
  table(store: GpCompanyStore): Table<T>;
  createSchema: z.ZodType<Record<string, unknown>>;
  updateSchema: z.ZodType<Record<string, unknown>>;
  build(input: Record<string, unknown>, now: string): T;
  /** Business rules GP's window logic applies (class exists, required fields…). */
  check?(store: GpCompanyStore, input: Record<string, unknown>, creating: boolean): void;
  filterable: Filterable<T>;
  deletable: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** PATCH merges: given fields replace, nested objects (Address) merge one level down. */
function merge<T>(old: T, input: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(old as Record<string, unknown>) };
  for (const [k, v] of Object.entries(input)) out[k] = isObject(v) && isObject(out[k]) ? { ...(out[k] as object), ...v } : v;
  return out as T;
}

function found<T extends Stamped>(spec: CrudSpec<T>, c: Call, key: string): T {
  const row = spec.table(c.store).get(key);
  if (!row) throw new GpError(404, 'NotFound', `The ${spec.noun} '${key}' does not exist.`);
  return row;
}

export function crudHandlers<T extends Stamped>(spec: CrudSpec<T>): ResourceHandlers {
  const handlers: ResourceHandlers = {
    list: (c) => payloadResponse(200, spec.table(c.store).all().filter(filterFor(c.req.query, spec.filterable)), c.format),
    get: (c, [key = '']) => payloadResponse(200, found(spec, c, key), c.format),
    create: (c) => {
      const input = withoutStamps(parseWith(spec.createSchema, payloadOf(c.req), spec.noun));
      const key = String(input[spec.keyField]);
      if (spec.table(c.store).has(key)) throw new GpError(409, 'AlreadyExists', `The ${spec.noun} '${key}' already exists.`);
      spec.check?.(c.store, input, true);
      const row = spec.table(c.store).put(spec.build(input, c.store.stamp()));
      c.stats.writes += 1;
      return payloadResponse(201, row, c.format, { Location: c.location(key) });
    },
    update: (c, [key = '']) => {
      const old = found(spec, c, key);
      const input = withoutStamps(parseWith(spec.updateSchema, payloadOf(c.req), spec.noun));
      const bodyKey = input[spec.keyField];
      if (bodyKey !== undefined && String(bodyKey).toUpperCase() !== key.toUpperCase()) {
        throw new GpError(400, 'InvalidRequest', `${spec.keyField} '${String(bodyKey)}' in the payload does not match '${key}' in the URL; keys cannot be changed.`);
      }
      spec.check?.(c.store, input, false);
      spec.table(c.store).put({ ...merge(old, input), [spec.keyField]: old[spec.keyField], ModifiedDate: c.store.stamp() });
      c.stats.writes += 1;
      return emptyResponse();
    },
  };
  if (spec.deletable) {
    handlers.remove = (c, [key = '']) => {
      found(spec, c, key);
      spec.table(c.store).delete(key);
      c.stats.writes += 1;
      return emptyResponse();
    };
  }
  return handlers;
}
