// Resource paths: `VendorsV2`, `VendorsV2(dataAreaId='usmf',VendorAccountNumber='V''1')`,
// `VendorsV2/$count`. Every key property must be given (odata.md, reference §5.2); quotes
// inside string literals are doubled (OData ABNF).
import { odataException } from './http.js';
import { NAMESPACE, type EntitySetDef } from './schema.js';
import type { Value } from './types.js';

export interface ResourcePath {
  set: string;
  /** The raw text between the parentheses, when a key was given. */
  keyText?: string;
  /** `$count`, an action name, … after the set or the key. */
  rest: string[];
}

/** Splits `/data/…` (already without the `/data/` prefix) into set, key text and the rest. */
export function parseResourcePath(rawSegments: string[]): ResourcePath {
  const [first = '', ...rest] = rawSegments.map((s) => decodeURIComponent(s));
  const open = first.indexOf('(');
  if (open < 0) return { set: first, rest };
  if (!first.endsWith(')')) throw odataException(`Bad Request - Error in query syntax: '${first}'.`);
  return { set: first.slice(0, open), keyText: first.slice(open + 1, -1), rest };
}

/** Reads one literal at `i`: 'string' (doubled quotes), integer, or NS.Enum'Member'. */
export function readLiteral(text: string, i: number): { value: Value; end: number } {
  let j = i;
  if (/[A-Za-z]/.test(text[j] ?? '')) {
    while (j < text.length && /[\w.]/.test(text[j] ?? '')) j++;
    if (text[j] !== "'") throw odataException(`Unrecognized literal at position ${i} in '${text}'.`);
  }
  if (text[j] === "'") {
    let out = '';
    j++;
    for (;;) {
      if (j >= text.length) throw odataException(`Unterminated string literal at position ${i} in '${text}'.`);
      const c = text[j];
      if (c === "'") {
        if (text[j + 1] === "'") {
          out += "'";
          j += 2;
          continue;
        }
        return { value: out, end: j + 1 };
      }
      out += c;
      j++;
    }
  }
  const m = /^-?\d+(\.\d+)?/.exec(text.slice(j));
  if (!m) throw odataException(`Unrecognized literal at position ${i} in '${text}'.`);
  return { value: Number(m[0]), end: j + m[0].length };
}

function keyCountError(def: EntitySetDef): never {
  throw odataException(`The number of keys specified in the URI does not match number of key properties for the resource '${NAMESPACE}.${def.type}'.`);
}

export function parseKey(def: EntitySetDef, text: string): Record<string, Value> {
  const out: Record<string, Value> = {};
  let i = 0;
  while (i < text.length) {
    const nameMatch = /^\s*([A-Za-z_]\w*)\s*=/.exec(text.slice(i));
    if (!nameMatch) {
      if (def.keys.length !== 1 || i !== 0) keyCountError(def);
      const lit = readLiteral(text, i);
      if (lit.end !== text.length) keyCountError(def);
      return { [def.keys[0] ?? '']: lit.value };
    }
    const name = nameMatch[1] ?? '';
    if (!def.keys.includes(name) || name in out) keyCountError(def);
    const lit = readLiteral(text, i + nameMatch[0].length);
    out[name] = lit.value;
    i = lit.end;
    while (text[i] === ' ') i++;
    if (i < text.length) {
      if (text[i] !== ',') throw odataException(`Bad Request - Error in query syntax: '(${text})'.`);
      i++;
    }
  }
  if (def.keys.some((k) => !(k in out))) keyCountError(def);
  return out;
}

/** `dataAreaId='usmf',VendorAccountNumber='V''1'`: the canonical key text of a row. */
export function formatKey(def: EntitySetDef, values: Readonly<Record<string, Value>>): string {
  return def.keys
    .map((k) => {
      const v = values[k] ?? '';
      return `${k}=${typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`}`;
    })
    .join(',');
}
