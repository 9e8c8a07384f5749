// $filter → expression tree. The subset F&O clients use: eq/ne/gt/ge/lt/le, and/or/not,
// parentheses, string literals with doubled quotes, numbers, true/false/null, date-times,
// enum literals `Microsoft.Dynamics.DataEntities.NoYes'Yes'` (reference §5.2) and the
// functions startswith/endswith/contains. `in` and `has` are refused, as F&O documents
// (odata.md, reference §8 A.3).
import { odataException } from './http.js';
import { readLiteral } from './odata-key.js';
import type { Value } from './types.js';

export type CmpOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Operand = { k: 'prop'; name: string } | { k: 'lit'; v: Value | boolean; enumLiteral?: boolean } | FnCall;
export interface FnCall {
  k: 'fn';
  name: string;
  args: Operand[];
}
export type Expr = { k: 'and' | 'or'; l: Expr; r: Expr } | { k: 'not'; e: Expr } | { k: 'cmp'; op: CmpOp; l: Operand; r: Operand } | FnCall;

type Token = { t: 'punct'; v: '(' | ')' | ',' } | { t: 'word'; v: string } | { t: 'lit'; v: Value | boolean; enumLiteral?: boolean };

const CMP = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains', 'tolower', 'toupper']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'" || /[A-Za-z]/.test(c) && /^[\w.]+'/.test(text.slice(i))) {
      const lit = readLiteral(text, i);
      out.push({ t: 'lit', v: lit.value, ...(c !== "'" ? { enumLiteral: true } : {}) });
      i = lit.end;
    } else if (DATE_TIME.test(text.slice(i)) && /^\d{4}-/.test(text.slice(i))) {
      const m = DATE_TIME.exec(text.slice(i))?.[0] ?? '';
      out.push({ t: 'lit', v: m });
      i += m.length;
    } else if (/[-\d]/.test(c)) {
      const lit = readLiteral(text, i);
      out.push({ t: 'lit', v: lit.value });
      i = lit.end;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[\w$]+/.exec(text.slice(i))?.[0] ?? '';
      out.push({ t: 'word', v: m });
      i += m.length;
    } else {
      throw odataException(`Syntax error at position ${i} in '${text}'.`);
    }
  }
  return out;
}

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): Expr {
    const e = this.or();
    if (this.i < this.tokens.length) this.fail();
    return e;
  }

  private fail(): never {
    throw odataException(`Syntax error at position ${this.i} in '${this.text}'.`);
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.i];
    return t?.t === 'word' ? t.v.toLowerCase() : undefined;
  }

  private punct(v: '(' | ')' | ','): boolean {
    const t = this.tokens[this.i];
    if (t?.t === 'punct' && t.v === v) {
      this.i++;
      return true;
    }
    return false;
  }

  private or(): Expr {
    let l = this.and();
    while (this.peekWord() === 'or') {
      this.i++;
      l = { k: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.unary();
    while (this.peekWord() === 'and') {
      this.i++;
      l = { k: 'and', l, r: this.unary() };
    }
    return l;
  }

  private unary(): Expr {
    if (this.peekWord() === 'not') {
      this.i++;
      return { k: 'not', e: this.unary() };
    }
    const save = this.i;
    if (this.punct('(')) {
      const inner = this.or();
      if (!this.punct(')')) this.fail();
      if (!CMP.has(this.peekWord() ?? '')) return inner;
      this.i = save;
    }
    const l = this.operand();
    const op = this.peekWord();
    if (op === 'in' || op === 'has') throw odataException(`The '${op}' operator is not supported.`);
    if (op === undefined || !CMP.has(op)) {
      if (l.k === 'fn') return l;
      return this.fail();
    }
    this.i++;
    return { k: 'cmp', op: op as CmpOp, l, r: this.operand() };
  }

  private operand(): Operand {
    const t = this.tokens[this.i];
    if (!t) return this.fail();
    if (t.t === 'lit') {
      this.i++;
      return { k: 'lit', v: t.v, ...(t.enumLiteral ? { enumLiteral: true } : {}) };
    }
    if (t.t === 'punct') {
      if (!this.punct('(')) this.fail();
      const inner = this.operand();
      if (!this.punct(')')) this.fail();
      return inner;
    }
    this.i++;
    const lower = t.v.toLowerCase();
    if (lower === 'true' || lower === 'false') return { k: 'lit', v: lower === 'true' };
    if (lower === 'null') return { k: 'lit', v: null };
    if (this.punct('(')) {
      if (!FUNCTIONS.has(lower)) throw odataException(`Unknown function '${t.v}'.`);
      const args: Operand[] = [this.operand()];
      while (this.punct(',')) args.push(this.operand());
      if (!this.punct(')')) this.fail();
      return { k: 'fn', name: lower, args };
    }
    return { k: 'prop', name: t.v };
  }
}

export function parseFilter(text: string): Expr {
  return new Parser(tokenize(text), text).parse();
}
