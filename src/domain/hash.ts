// Stable hashes of JSON values: object keys sorted, so the same content always hashes the same
// whatever order it was built in. Used for "diff before write" (DESIGN §3.5) and source hashes.
// Hand-rolled rather than JSON.stringify with a replacer: it runs for every row and every
// payload of a 50,000-person load, and the replacer form allocates a sorted copy of every
// object. Loops and one growing string rather than map/join: this is among the hottest code
// of an initial load. The output is stored (links.payload_hash), so it must never change.
import { hash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i === 0 ? '' : ',') + (v === undefined ? 'null' : canonicalJson(v));
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const shape = shapeOf(Object.keys(obj));
  if (shape.plain) {
    const flat = sortedFlatCopy(obj, shape.sorted);
    if (flat) return JSON.stringify(flat);
  }
  let out = '{';
  for (let i = 0; i < shape.sorted.length; i++) {
    const v = obj[shape.sorted[i]!];
    if (v === undefined) continue;
    // Strings, the usual value, are written here rather than by a call per value.
    out += (out.length === 1 ? '' : ',') + shape.quoted[i]! + ':' + (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));
  }
  return out + '}';
}

/**
 * A flat object (dated rows, most reference records) as a copy with its keys in sorted order,
 * for the native JSON.stringify: one flat string instead of one concatenation per key (the
 * rows of a 10,000-person first read made ~100 MB of intermediate strings). Undefined when a
 * value is not a string, finite number, boolean or null: those take the general path. The
 * output is the same either way (test/unit/hash.test.ts compares them).
 */
function sortedFlatCopy(obj: Record<string, unknown>, sorted: readonly string[]): Record<string, unknown> | undefined {
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!;
    const v = obj[k];
    if (v === undefined) continue;
    if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v))) return undefined;
    copy[k] = v;
  }
  return copy;
}

/** An object's keys sorted, and each quoted as JSON, for one order of keys. */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  quoted: readonly string[];
  /**
   * No key that JavaScript orders before the others (an array index such as "7"), and no
   * __proto__ (assigning it sets the prototype): a copy made in sorted order then keeps that
   * order, so JSON.stringify of it is canonical. Few keys only: an object given many keys one
   * by one may turn into a dictionary.
   */
  plain: boolean;
}

const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

// Rows of one table and payloads of one adapter share their keys in the same order, so their
// sorted and quoted keys are remembered instead of made for every object (a 10,000-person load
// hashes ~60,000 of them). Found by the first key, then compared key by key; bounded.
const shapes = new Map<string, Shape[]>();
const MAX_SHAPES = 512;
let shapeCount = 0;

function shapeOf(keys: string[]): Shape {
  const first = keys[0] ?? '';
  const known = shapes.get(first);
  if (known) {
    for (const s of known) if (sameKeys(s.keys, keys)) return s;
  }
  const sorted = [...keys].sort();
  const shape: Shape = { keys, sorted, quoted: sorted.map((k) => JSON.stringify(k)), plain: sorted.length <= 24 && !sorted.some((k) => INDEX_LIKE.test(k) || k === '__proto__') };
  if (shapeCount >= MAX_SHAPES) {
    shapes.clear();
    shapeCount = 0;
  }
  const list = shapes.get(first);
  if (list) list.push(shape);
  else shapes.set(first, [shape]);
  shapeCount++;
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** First 128 bits of SHA-256, in hex. crypto.hash (Node ≥ 20.12) skips the Hash object. */
export function stableHash(value: unknown): string {
  return sha128(canonicalJson(value));
}

export function sha128(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 32);
}
