// COMFND's <Where>: a list of <Expression> (OpenBracket, AndOr, Column, Condition, Value,
// CloseBracket), erps.md §1.4 and SYSPRO's COMFND sample (§8 C.1). The first expression's
// AndOr is ignored; AND binds tighter than OR, as in the SQL it stands for.
import { EnetError } from './errors.js';
import type { FieldSpec } from './fields.js';
import type { SysproRow } from './types.js';
import { leaf, type XmlNode } from './xml.js';

export type RowTest = (row: SysproRow) => boolean;

type Token = '(' | ')' | 'AND' | 'OR' | RowTest;

const CONDITIONS = ['EQ', 'NE', 'LT', 'LE', 'GT', 'GE', 'LIKE'] as const;
type Condition = (typeof CONDITIONS)[number];

function likePattern(value: string): RegExp {
  const body = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** Text compares as SQL's char columns do: trailing spaces do not count. */
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).trimEnd();
  const y = String(b).trimEnd();
  return x < y ? -1 : x > y ? 1 : 0;
}

function predicate(column: FieldSpec, condition: Condition, raw: string): RowTest {
  if (condition === 'LIKE') {
    const re = likePattern(raw);
    return (row) => re.test(String(row[column.name] ?? '').trimEnd());
  }
  const value = column.kind === 'number' ? Number(raw) : raw;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new EnetError(`ERROR: Invalid numeric value '${raw}' for column '${column.name}'`);
  const ok: Record<Exclude<Condition, 'LIKE'>, (c: number) => boolean> = {
    EQ: (c) => c === 0,
    NE: (c) => c !== 0,
    LT: (c) => c < 0,
    LE: (c) => c <= 0,
    GT: (c) => c > 0,
    GE: (c) => c >= 0,
  };
  const test = ok[condition];
  return (row) => test(compare(row[column.name] ?? '', value));
}

function tokens(expressions: XmlNode[], column: (name: string) => FieldSpec): Token[] {
  const out: Token[] = [];
  expressions.forEach((e, i) => {
    if (i > 0) out.push((leaf(e, 'AndOr') ?? 'And').trim().toUpperCase() === 'OR' ? 'OR' : 'AND');
    for (const ch of leaf(e, 'OpenBracket') ?? '') if (ch === '(') out.push('(');
    const condition = (leaf(e, 'Condition') ?? 'EQ').trim().toUpperCase();
    if (!CONDITIONS.includes(condition as Condition)) throw new EnetError(`ERROR: Invalid condition '${condition}' in Where`);
    out.push(predicate(column(leaf(e, 'Column')?.trim() ?? ''), condition as Condition, leaf(e, 'Value') ?? ''));
    for (const ch of leaf(e, 'CloseBracket') ?? '') if (ch === ')') out.push(')');
  });
  return out;
}

/** Recursive descent over the tokens: or := and (OR and)*; and := atom (AND atom)*. */
function parse(ts: Token[]): RowTest {
  let i = 0;
  const unbalanced = (): never => {
    throw new EnetError('ERROR: Unbalanced brackets in Where');
  };
  const atom = (): RowTest => {
    const t = ts[i++];
    if (t === '(') {
      const inner = or();
      if (ts[i++] !== ')') unbalanced();
      return inner;
    }
    return typeof t === 'function' ? t : unbalanced();
  };
  const and = (): RowTest => {
    let left = atom();
    while (ts[i] === 'AND') {
      i += 1;
      const l = left;
      const r = atom();
      left = (row) => l(row) && r(row);
    }
    return left;
  };
  const or = (): RowTest => {
    let left = and();
    while (ts[i] === 'OR') {
      i += 1;
      const l = left;
      const r = and();
      left = (row) => l(row) || r(row);
    }
    return left;
  };
  const test = or();
  if (i !== ts.length) unbalanced();
  return test;
}

export function compileWhere(expressions: XmlNode[], column: (name: string) => FieldSpec): RowTest {
  return expressions.length === 0 ? () => true : parse(tokens(expressions, column));
}
