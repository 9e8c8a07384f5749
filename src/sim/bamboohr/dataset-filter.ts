// The v2 dataset `filter`: "OData-style filter expression. Supported operators: eq, ne, lt, le,
// gt, ge, and, or, in" (spec get-data-from-dataset-v2; example
// `status eq 'Active' and department in ('Engineering','Sales')`). Parentheses group. Literals
// are 'quoted' ('' escapes a quote), numbers, null, true, false. Numbers compare as numbers on
// int fields, timestamps as instants, everything else as text. A malformed expression or an
// unknown field is a 422 ("Validation failed, such as an invalid filter expression").
import { SimError } from './company-inputs.js';
import { datasetField, type DatasetFieldType } from './dataset-fields.js';

export type FieldValue = (name: string) => string | null;
export type Predicate = (get: FieldValue) => boolean;

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string };
type Literal = string | null;

const COMPARE = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
const TOKEN = /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_][\w.]*)|([(),]))/y;

function invalid(detail: string): SimError {
  return new SimError(422, `Invalid filter expression: ${detail}`);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw invalid(`unexpected character at ${at + 1}`);
    if (m[1] !== undefined) out.push({ kind: 'string', text: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) out.push({ kind: 'number', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'word', text: m[3] });
    else out.push({ kind: 'punct', text: m[4] ?? '' });
  }
  return out;
}

/** Normalises a value for comparison on a field of the given type (undefined: not comparable). */
function key(type: DatasetFieldType, v: Literal): number | string | null | undefined {
  if (v === null) return null;
  if (type === 'int') return /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
  if (type === 'timestamp') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return v;
}

function compare(op: string, a: number | string | null | undefined, b: number | string | null | undefined): boolean {
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (op === 'lt') return a < b;
  if (op === 'le') return a <= b;
  if (op === 'gt') return a > b;
  return a >= b;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Predicate {
    const p = this.or();
    if (this.i < this.tokens.length) throw invalid(`unexpected "${this.tokens[this.i]?.text ?? ''}"`);
    return p;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.i];
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  private next(what: string): Token {
    const t = this.tokens[this.i++];
    if (!t) throw invalid(`expected ${what} at the end`);
    return t;
  }

  private expect(text: string): void {
    const t = this.next(`"${text}"`);
    if (t.text !== text) throw invalid(`expected "${text}", got "${t.text}"`);
  }

  private or(): Predicate {
    const parts = [this.and()];
    while (this.peekWord('or')) (this.i++, parts.push(this.and()));
    return parts.length === 1 ? parts[0]! : (get) => parts.some((p) => p(get));
  }

  private and(): Predicate {
    const parts = [this.unary()];
    while (this.peekWord('and')) (this.i++, parts.push(this.unary()));
    return parts.length === 1 ? parts[0]! : (get) => parts.every((p) => p(get));
  }

  private unary(): Predicate {
    if (this.tokens[this.i]?.text === '(') {
      this.i++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const name = this.next('a field name');
    const def = name.kind === 'word' ? datasetField(name.text) : undefined;
    if (!def) throw invalid(`unknown field "${name.text}"`);
    const op = this.next('an operator').text.toLowerCase();
    if (op === 'in') return this.inList(def.name, def.type);
    if (!COMPARE.has(op)) throw invalid(`unknown operator "${op}"`);
    const want = key(def.type, this.literal());
    return (get) => compare(op, key(def.type, get(def.name)), want);
  }

  private inList(name: string, type: DatasetFieldType): Predicate {
    this.expect('(');
    const values = new Set<number | string | null | undefined>([key(type, this.literal())]);
    while (this.tokens[this.i]?.text === ',') (this.i++, values.add(key(type, this.literal())));
    this.expect(')');
    return (get) => values.has(key(type, get(name)));
  }

  private literal(): Literal {
    const t = this.next('a value');
    if (t.kind === 'string' || t.kind === 'number') return t.text;
    if (t.kind === 'word' && ['null', 'true', 'false'].includes(t.text.toLowerCase())) return t.text.toLowerCase() === 'null' ? null : t.text.toLowerCase();
    throw invalid(`expected a value, got "${t.text}"`);
  }
}

/** Compiles a filter once per request; undefined/empty matches everything. */
export function compileFilter(text: string | null | undefined): Predicate {
  if (text === null || text === undefined || text.trim() === '') return () => true;
  return new Parser(tokenize(text)).parse();
}
