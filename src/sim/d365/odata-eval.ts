// Evaluates a $filter tree against a row. Strings compare case-insensitively, as F&O's SQL
// collation does; a `*` inside an `eq` string literal is a wildcard (odata.md: "contains"
// is written with wildcards, reference §8 A.3); enums allow only eq/ne.
import { odataException } from './http.js';
import type { CmpOp, Expr, Operand } from './odata-filter.js';
import { NAMESPACE, type EntitySetDef } from './schema.js';
import type { Value } from './types.js';

type Scalar = Value | boolean;
type Row = Readonly<Record<string, Value>>;

/** Throws ODataLib's 400 for a property the type does not have, or an enum ordered compare. */
export function checkFilter(def: EntitySetDef, e: Expr | Operand): void {
  switch (e.k) {
    case 'and':
    case 'or':
      checkFilter(def, e.l);
      checkFilter(def, e.r);
      return;
    case 'not':
      return checkFilter(def, e.e);
    case 'fn':
      for (const a of e.args) checkFilter(def, a);
      return;
    case 'cmp': {
      checkFilter(def, e.l);
      checkFilter(def, e.r);
      const isEnum = (o: Operand) => o.k === 'prop' && def.props.find((p) => p.name === o.name)?.enumType !== undefined;
      if ((isEnum(e.l) || isEnum(e.r)) && e.op !== 'eq' && e.op !== 'ne') throw odataException(`The operator '${e.op}' is not supported for enumeration properties.`);
      return;
    }
    case 'prop':
      if (!def.props.some((p) => p.name === e.name)) throw odataException(`Could not find a property named '${e.name}' on type '${NAMESPACE}.${def.type}'.`);
      return;
    case 'lit':
      return;
  }
}

function operand(o: Operand, row: Row): Scalar {
  if (o.k === 'prop') return row[o.name] ?? null;
  if (o.k === 'lit') return o.v;
  return call(o.name, o.args.map((a) => operand(a, row)));
}

const text = (v: Scalar): string => (v === null ? '' : String(v)).toUpperCase();

function call(name: string, args: Scalar[]): Scalar {
  const [a = null, b = null] = args;
  switch (name) {
    case 'startswith':
      return text(a).startsWith(text(b));
    case 'endswith':
      return text(a).endsWith(text(b));
    case 'contains':
      return text(a).includes(text(b));
    case 'tolower':
      return a === null ? null : String(a).toLowerCase();
    default:
      return a === null ? null : String(a).toUpperCase();
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'is');
}

function order(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const da = typeof a === 'string' ? Date.parse(a) : NaN;
  const db = typeof b === 'string' ? Date.parse(b) : NaN;
  if (!Number.isNaN(da) && !Number.isNaN(db) && /^\d{4}-/.test(String(a)) && /^\d{4}-/.test(String(b))) return da - db;
  return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
}

function equal(a: Scalar, b: Scalar, literal: Operand): boolean {
  if (a === null || b === null) return a === b;
  if (literal.k === 'lit' && typeof b === 'string' && b.includes('*') && !literal.enumLiteral) return wildcard(b).test(String(a));
  return order(a, b) === 0;
}

function compare(op: CmpOp, l: Operand, r: Operand, row: Row): boolean {
  const a = operand(l, row);
  const b = operand(r, row);
  switch (op) {
    case 'eq':
      return equal(a, b, r);
    case 'ne':
      return !equal(a, b, r);
    case 'gt':
      return a !== null && b !== null && order(a, b) > 0;
    case 'ge':
      return a !== null && b !== null && order(a, b) >= 0;
    case 'lt':
      return a !== null && b !== null && order(a, b) < 0;
    case 'le':
      return a !== null && b !== null && order(a, b) <= 0;
  }
}

export function matches(e: Expr, row: Row): boolean {
  switch (e.k) {
    case 'and':
      return matches(e.l, row) && matches(e.r, row);
    case 'or':
      return matches(e.l, row) || matches(e.r, row);
    case 'not':
      return !matches(e.e, row);
    case 'cmp':
      return compare(e.op, e.l, e.r, row);
    case 'fn':
      return operand(e, row) === true;
  }
}

/**
 * A cheap test every row matching `e` passes (a superset), or undefined: for filters such as
 * `dataAreaId eq 'usmf' and (VendorAccountNumber eq 'A' or VendorAccountNumber eq 'B' …)`,
 * the shape of mlc's reads before a write. Scanning 10,000 vendors with fifty such clauses
 * each was most of a 10,000-employee bench; the index F&O's SQL would use is what this
 * stands for. `matches` still decides, so the answer is the same.
 */
export function prefilter(e: Expr): ((row: Row) => boolean) | undefined {
  const sets = keySets(e);
  if (sets.length === 0) return undefined;
  return (row) =>
    sets.every(({ name, values }) => {
      const v = row[name] ?? null;
      return v !== null && values.has(text(v));
    });
}

type KeySet = { name: string; values: Set<string> };

/** Constraints every row matching `e` meets: `name` is one of `values` (upper-cased). */
function keySets(e: Expr): KeySet[] {
  if (e.k === 'cmp') {
    if (e.op !== 'eq' || e.l.k !== 'prop' || e.r.k !== 'lit' || e.r.enumLiteral) return [];
    const v = e.r.v;
    // Text equality only: a date-like or wildcard literal compares otherwise (see equal()).
    if (typeof v !== 'string' || v.includes('*') || /^\d{4}-/.test(v)) return [];
    return [{ name: e.l.name, values: new Set([text(v)]) }];
  }
  if (e.k === 'and') return [...keySets(e.l), ...keySets(e.r)];
  if (e.k !== 'or') return [];
  const [l, r] = [keySets(e.l), keySets(e.r)];
  if (l.length !== 1 || r.length !== 1 || l[0]!.name !== r[0]!.name) return [];
  return [{ name: l[0]!.name, values: new Set([...l[0]!.values, ...r[0]!.values]) }];
}

/** $orderby (stable: ties keep the order they came in). */
export function sortRows<T>(rows: T[], orderBy: ReadonlyArray<{ name: string; desc: boolean }>, valuesOf: (t: T) => Row): T[] {
  return rows.sort((a, b) => {
    const x = valuesOf(a);
    const y = valuesOf(b);
    for (const o of orderBy) {
      const c = order(x[o.name] ?? null, y[o.name] ?? null);
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
}
