// Stable hashes of JSON values: object keys sorted, so the same content always hashes the same
// whatever order it was built in. Used for "diff before write" (DESIGN §3.5) and source hashes.
// Hand-rolled rather than JSON.stringify with a replacer: it runs for every employee of a
// 50,000-person load, and the replacer form allocates a sorted copy of every object.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}
