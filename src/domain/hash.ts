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
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
  }
  return out + '}';
}

/** First 128 bits of SHA-256, in hex. crypto.hash (Node ≥ 20.12) skips the Hash object. */
export function stableHash(value: unknown): string {
  return sha128(canonicalJson(value));
}

export function sha128(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 32);
}
