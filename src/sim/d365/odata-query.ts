// System query options on a collection ($filter, $select, $orderby, $top, $skip, $count) and
// server-driven paging: at most `pageSize` rows per answer (F&O: 10,000, reference §5.2),
// then `@odata.nextLink` with `$skip` (assumption: the token format is not documented;
// clients must follow the link as given). `Prefer: odata.maxpagesize` can lower the page.
import { odataException } from './http.js';
import { checkFilter, matches, prefilter, sortRows } from './odata-eval.js';
import { parseFilter, type Expr } from './odata-filter.js';
import { NAMESPACE, type EntitySetDef } from './schema.js';
import type { Value } from './types.js';

type Row = Readonly<Record<string, Value>>;

export interface QueryOptions {
  filter?: Expr;
  select?: string[];
  orderBy: Array<{ name: string; desc: boolean }>;
  top?: number;
  skip: number;
  count: boolean;
}

const KNOWN = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$expand', '$format', '$skiptoken']);

function nonNegative(name: string, raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw odataException(`Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  return Number(raw);
}

function propertyList(def: EntitySetDef, raw: string, option: string): string[] {
  return raw.split(',').map((p) => {
    const name = p.trim();
    if (!def.props.some((x) => x.name === name)) throw odataException(`Could not find a property named '${name}' on type '${NAMESPACE}.${def.type}'. (${option})`);
    return name;
  });
}

export function parseQuery(def: EntitySetDef, query: URLSearchParams): QueryOptions {
  for (const key of query.keys()) if (key.startsWith('$') && !KNOWN.has(key)) throw odataException(`The query parameter '${key}' is not supported.`);
  const filterText = query.get('$filter');
  const filter = filterText === null ? undefined : parseFilter(filterText);
  if (filter) checkFilter(def, filter);
  const selectText = query.get('$select');
  const orderText = query.get('$orderby');
  const orderBy = (orderText === null ? [] : orderText.split(',')).map((part) => {
    const [name = '', dir = 'asc'] = part.trim().split(/\s+/);
    if (dir !== 'asc' && dir !== 'desc') throw odataException(`Syntax error in $orderby: '${part}'.`);
    propertyList(def, name, '$orderby');
    return { name, desc: dir === 'desc' };
  });
  const count = query.get('$count');
  if (count !== null && count !== 'true' && count !== 'false') throw odataException(`'${count}' is not a valid count option.`);
  const top = nonNegative('$top', query.get('$top'));
  return {
    ...(filter ? { filter } : {}),
    ...(selectText !== null && selectText.trim() !== '*' ? { select: propertyList(def, selectText, '$select') } : {}),
    orderBy,
    ...(top !== undefined ? { top } : {}),
    skip: nonNegative('$skip', query.get('$skip')) ?? 0,
    count: count === 'true',
  };
}

export interface Page<T> {
  rows: T[];
  total: number;
  /** The $skip/$top of the next page, when there is one. */
  next?: { skip: number; top?: number };
}

/** Filter → order (given order, then the incoming key order) → skip → top → page. */
export function page<T>(all: T[], opts: QueryOptions, pageSize: number, valuesOf: (t: T) => Row): Page<T> {
  const filter = opts.filter;
  const pre = filter ? prefilter(filter) : undefined;
  const filtered = filter ? all.filter((r) => (pre === undefined || pre(valuesOf(r))) && matches(filter, valuesOf(r))) : all;
  const ordered = opts.orderBy.length > 0 ? sortRows([...filtered], opts.orderBy, valuesOf) : filtered;
  const window = ordered.slice(opts.skip, opts.top === undefined ? undefined : opts.skip + opts.top);
  const rows = window.slice(0, pageSize);
  if (rows.length === window.length) return { rows, total: filtered.length };
  const top = opts.top === undefined ? undefined : opts.top - rows.length;
  return { rows, total: filtered.length, next: { skip: opts.skip + rows.length, ...(top !== undefined ? { top } : {}) } };
}

/** The next-page URL: the same query with $skip/$top moved on; `$` kept literal as F&O shows it. */
export function nextLink(base: string, query: URLSearchParams, next: { skip: number; top?: number }): string {
  const parts: string[] = [];
  for (const [k, v] of query) if (k !== '$skip' && k !== '$top') parts.push(`${k}=${encodeURIComponent(v)}`);
  if (next.top !== undefined) parts.push(`$top=${next.top}`);
  parts.push(`$skip=${next.skip}`);
  return `${base}?${parts.join('&')}`;
}

/** `Prefer: odata.maxpagesize=N` (OData 4.0 §8.2.8.3); the server's own page size still caps it. */
export function preferredPageSize(prefer: string | undefined, serverPageSize: number): number {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? Math.min(n, serverPageSize) : serverPageSize;
}
