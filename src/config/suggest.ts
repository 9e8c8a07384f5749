// "did you mean …?" for unknown keys: find the object schema at the path and the known key
// closest to the typo. Unknown keys are errors precisely because typos are common.
import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  // default/optional/nullable wrappers keep the real schema in def.innerType
  for (let i = 0; i < 10; i++) {
    const inner = (s._zod.def as { innerType?: AnySchema }).innerType;
    if (!inner) break;
    s = inner;
  }
  return s;
}

function objectKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema);
  for (const seg of path) {
    const def = s._zod.def as { shape?: Record<string, AnySchema>; element?: AnySchema };
    if (typeof seg === 'number' && def.element) s = unwrap(def.element);
    else if (def.shape && typeof seg === 'string' && def.shape[seg]) s = unwrap(def.shape[seg]);
    else return [];
  }
  const shape = (s._zod.def as { shape?: Record<string, AnySchema> }).shape;
  return shape ? Object.keys(shape) : [];
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function suggestKey(schema: AnySchema, path: readonly PropertyKey[], typo: string): string | undefined {
  return closest(typo, objectKeysAt(schema, path));
}

/** The candidate nearest to a typo (case-insensitive edit distance), if any is near enough. */
export function closest(typo: string, keys: readonly string[]): string | undefined {
  const lower = typo.toLowerCase();
  const exactCase = keys.find((k) => k.toLowerCase() === lower);
  if (exactCase) return exactCase;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(typo.length / 4)) + 1;
  for (const k of keys) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}
