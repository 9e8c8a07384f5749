// GET /v1/tables/{table}: rows in the table's primary-key order, filtered by equality
// (`where.<Column>=v`) and prefix (`prefix.<Column>=v`), paged with `limit` and an opaque
// `cursor` (the last row's primary key). README "Protocol v1".
import { columnsOf, isTableName, TABLES, type TableName, type UdfSpec } from '../boi/catalog.js';
import type { Row } from '../boi/port.js';
import type { BoiHost } from '../boi-host.js';
import type { AgentRequest, AgentResponse } from '../server/types.js';
import { ApiError, json } from './errors.js';

export interface TableContext {
  host: BoiHost;
  udfs: readonly UdfSpec[];
  defaultLimit: number;
  maxLimit: number;
}

interface Query {
  limit: number;
  after?: string;
  where: Array<[string, string]>;
  prefix: Array<[string, string]>;
  fields?: string[];
}

const keyOf = (table: TableName, row: Row): string => TABLES[table].primaryKey.map((f) => String(row[f] ?? '')).join('\u0000');

function encodeCursor(table: TableName, key: string): string {
  return Buffer.from(JSON.stringify({ t: table, k: key }), 'utf8').toString('base64url');
}

function decodeCursor(table: TableName, cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; k?: unknown };
    if (parsed.t === table && typeof parsed.k === 'string') return parsed.k;
  } catch {
    // reported below
  }
  throw new ApiError(400, 'invalid_cursor', `the cursor does not belong to a read of ${table}`);
}

function parseQuery(ctx: TableContext, table: TableName, params: URLSearchParams, columns: readonly string[]): Query {
  const q: Query = { limit: ctx.defaultLimit, where: [], prefix: [] };
  const column = (name: string): string => {
    if (!columns.includes(name)) throw new ApiError(400, 'unknown_field', `${table} has no column ${name}`);
    return name;
  };
  for (const [name, value] of params) {
    if (name === 'limit') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > ctx.maxLimit) throw new ApiError(400, 'invalid_parameter', `limit must be an integer from 1 to ${ctx.maxLimit}`);
      q.limit = n;
    } else if (name === 'cursor') q.after = decodeCursor(table, value);
    else if (name === 'fields') q.fields = value.split(',').map(column);
    else if (name.startsWith('where.')) q.where.push([column(name.slice(6)), value]);
    else if (name.startsWith('prefix.')) q.prefix.push([column(name.slice(7)), value]);
    else throw new ApiError(400, 'invalid_parameter', `unknown query parameter ${name}`);
  }
  return q;
}

function matches(q: Query, row: Row): boolean {
  return q.where.every(([f, v]) => String(row[f] ?? '') === v) && q.prefix.every(([f, v]) => String(row[f] ?? '').startsWith(v));
}

function project(row: Row, fields: readonly string[] | undefined): Row {
  return fields ? Object.fromEntries(fields.map((f) => [f, row[f] ?? ''])) : row;
}

export async function readTable(ctx: TableContext, tableName: string, req: AgentRequest): Promise<AgentResponse> {
  if (!isTableName(tableName)) throw new ApiError(404, 'unknown_table', `unknown table ${tableName}`);
  const table = tableName;
  const { columns } = columnsOf(table, table === 'GL_SubAccount' ? ctx.udfs : []);
  const q = parseQuery(ctx, table, req.query, columns);
  const { rows, more } = await ctx.host.run(({ session }) => {
    const found: Row[] = [];
    let extra = false;
    session.scan(table, (row) => {
      if (q.after !== undefined && keyOf(table, row) <= q.after) return true;
      if (!matches(q, row)) return true;
      if (found.length === q.limit) {
        extra = true;
        return false;
      }
      found.push(row);
      return true;
    });
    return { rows: found, more: extra };
  });
  const last = rows.at(-1);
  const nextCursor = more && last ? encodeCursor(table, keyOf(table, last)) : null;
  return json(200, { table, rows: rows.map((r) => project(r, q.fields)), nextCursor }, {}, { table, rows: rows.length });
}
