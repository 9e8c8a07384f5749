// List filtering. SBA's query syntax is NOT FOUND (erps.md §8 B.2); the simulator takes an
// OData-style `$filter` (SBA's URLs are OData-shaped): `<Field> <op> <literal> [and …]`,
// op = eq|ne|gt|ge|lt|le; literals: 'text' (apostrophe doubled inside), numbers, true/false,
// and date-times with both date and time given (as the legacy GP criteria demand, erps.md
// §8 B.3), bare or quoted. Only the fields a resource names are filterable; anything else,
// and any other `$` option, is a 400 so a client learns at once what is not supported.
import { GpError } from './http.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'datetime';
export type Filterable<T> = Record<string, { type: FieldType; get: (row: T) => string | number | boolean }>;

const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type Op = (typeof OPS)[number];
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

interface Token {
  text: string;
  quoted: boolean;
}

const bad = (message: string): GpError => new GpError(400, 'InvalidFilter', message);

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  const src = filter.trim();
  const re = /\s*(?:'((?:[^']|'')*)'|([^\s']+))/y;
  for (let pos = 0; pos < src.length; pos = re.lastIndex) {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw bad(`Cannot parse $filter near: ${src.slice(pos)}`);
    tokens.push(m[1] !== undefined ? { text: m[1].replace(/''/g, "'"), quoted: true } : { text: m[2] ?? '', quoted: false });
  }
  return tokens;
}

function literal(t: Token, type: FieldType, field: string): string | number | boolean {
  if (type === 'string') {
    if (!t.quoted) throw bad(`${field} takes a quoted string, e.g. ${field} eq 'ABC'.`);
    return t.text;
  }
  if (type === 'datetime') {
    if (!DATETIME.test(t.text)) throw bad(`${field} takes a date and a time, e.g. 2026-11-01T00:00:00Z.`);
    return Date.parse(t.text);
  }
  if (t.quoted) throw bad(`${field} takes an unquoted ${type}.`);
  if (type === 'boolean' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
  throw bad(`${field} takes a ${type}, not ${t.text}.`);
}

function compare(a: string | number | boolean, op: Op, b: string | number | boolean): boolean {
  const x = typeof a === 'string' && typeof b === 'string' ? a.toUpperCase() : a;
  const y = typeof a === 'string' && typeof b === 'string' ? b.toUpperCase() : b;
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
  }
}

/** A predicate for `query`'s `$filter` over the resource's filterable fields. */
export function filterFor<T>(query: URLSearchParams, fields: Filterable<T>): (row: T) => boolean {
  const unsupported = [...query.keys()].filter((k) => k.startsWith('$') && k !== '$filter');
  if (unsupported.length > 0) throw bad(`Query option(s) not supported: ${unsupported.join(', ')}.`);
  const text = query.get('$filter');
  if (text === null || text.trim() === '') return () => true;
  const tokens = tokenize(text);
  const tests: Array<(row: T) => boolean> = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [f, o, v, join] = tokens.slice(i, i + 4);
    if (!f || !o || !v) throw bad('Each $filter condition is <Field> <op> <value>.');
    if (join && join.text !== 'and') throw bad(`Conditions are joined with 'and', not ${join.text}.`);
    const def = fields[f.text];
    if (!def) throw bad(`Cannot filter on ${f.text}; filterable fields: ${Object.keys(fields).join(', ')}.`);
    const op = OPS.find((x) => x === o.text);
    if (!op) throw bad(`Unknown operator ${o.text}; use ${OPS.join(', ')}.`);
    const value = literal(v, def.type, f.text);
    const get = def.type === 'datetime' ? (row: T) => Date.parse(String(def.get(row))) : def.get;
    tests.push((row) => compare(get(row), op, value));
  }
  if (tokens.length % 4 === 0) throw bad("$filter ends with 'and'.");
  return (row) => tests.every((t) => t(row));
}
