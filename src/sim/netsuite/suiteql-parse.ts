// The SuiteQL subset the simulator understands (enough for reference lookups and
// duplicate checks, section_158394344595):
//   SELECT <col, …| *> FROM <table> [WHERE <col> = '<v>' [AND …]] [ORDER BY <col> [ASC|DESC]]
// Keywords and identifiers are case-insensitive; anything else is INVALID_PARAMETER.
import { NsError } from './http.js';

export interface SuiteQlQuery {
  columns: string[] | '*';
  table: string;
  where: Array<{ column: string; value: string }>;
  orderBy?: { column: string; descending: boolean };
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; at: number };

export const SUPPORTED =
  "The simulator supports only SELECT <columns|*> FROM <table> [WHERE <column> = '<value>' [AND …]] [ORDER BY <column> [ASC|DESC]].";

export function unsupported(why: string): NsError {
  return new NsError(400, 'INVALID_PARAMETER', `Invalid search query. ${why} ${SUPPORTED}`);
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i))?.[0] ?? ch;
      out.push({ kind: 'word', text: m.toLowerCase(), at: i });
      i += m.length;
    } else if (/\d/.test(ch)) {
      const m = /^\d+/.exec(q.slice(i))?.[0] ?? ch;
      out.push({ kind: 'number', text: m, at: i });
      i += m.length;
    } else if (ch === "'") {
      let j = i + 1;
      let text = '';
      // SQL escapes a quote inside a literal by doubling it: 'O''Brien'.
      while (q[j] !== "'" || q[j + 1] === "'") {
        if (j >= q.length) throw unsupported(`Unterminated string literal at position ${i}.`);
        text += q[j] ?? '';
        j += q[j] === "'" ? 2 : 1;
      }
      out.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (ch === ',' || ch === '=' || ch === '*') {
      out.push({ kind: 'symbol', text: ch, at: i });
      i += 1;
    } else {
      throw unsupported(`Unsupported character '${ch}' at position ${i}.`);
    }
  }
  return out;
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(what: string): Token {
    const t = this.tokens[this.i++];
    if (!t) throw unsupported(`Expected ${what} but the query ended.`);
    return t;
  }
  accept(word: string): boolean {
    const t = this.peek();
    if (!t || t.kind === 'string' || t.text !== word) return false;
    this.i += 1;
    return true;
  }
  expect(word: string): void {
    const t = this.next(word.toUpperCase());
    if (t.kind === 'string' || t.text !== word) throw unsupported(`Expected ${word.toUpperCase()} at position ${t.at}, found '${t.text}'.`);
  }
  identifier(what: string): string {
    const t = this.next(what);
    if (t.kind !== 'word' || KEYWORDS.has(t.text)) throw unsupported(`Expected ${what} at position ${t.at}, found '${t.text}'.`);
    return t.text;
  }
}

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'order', 'by', 'asc', 'desc', 'not', 'in', 'like', 'is', 'null', 'join', 'as', 'group', 'having', 'distinct', 'top']);

export function parseSuiteQl(q: string): SuiteQlQuery {
  const c = new Cursor(tokenize(q));
  c.expect('select');
  let columns: string[] | '*' = '*';
  if (!c.accept('*')) {
    columns = [c.identifier('a column name')];
    while (c.accept(',')) columns.push(c.identifier('a column name'));
  }
  c.expect('from');
  const query: SuiteQlQuery = { columns, table: c.identifier('a table name'), where: [] };
  if (c.accept('where')) {
    do {
      const column = c.identifier('a column name');
      c.expect('=');
      const v = c.next('a value');
      if (v.kind !== 'string' && v.kind !== 'number') throw unsupported(`Expected a quoted value or a number at position ${v.at}, found '${v.text}'.`);
      query.where.push({ column, value: v.text });
    } while (c.accept('and'));
  }
  if (c.accept('order')) {
    c.expect('by');
    const column = c.identifier('a column name');
    const descending = c.accept('desc');
    if (!descending) c.accept('asc');
    query.orderBy = { column, descending };
  }
  const rest = c.peek();
  if (rest) throw unsupported(`Unexpected '${rest.text}' at position ${rest.at}.`);
  return query;
}
