// "did you mean …?" for unknown keys: find the object schema at the path and the known key
// closest to the typo. Unknown keys are errors precisely because typos are common.
import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

type Def = {
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
};

const def = (s: AnySchema): Def => s._zod.def as Def;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  // default/optional/nullable keep the real schema in innerType, a pipe in `in`
  for (let i = 0; i < 10; i++) {
    const inner = def(s).innerType ?? def(s).in;
    if (!inner) break;
    s = inner;
  }
  return s;
}

/**
 * A union's option for the value written: the one its discriminator names (a target's
 * `type: netsuite`), else the object options whose keys the value uses most.
 */
function pickOption(options: AnySchema[], discriminator: string | undefined, value: unknown): AnySchema[] {
  const objects = options.map(unwrap).filter((o) => def(o).shape);
  const v = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (discriminator && v[discriminator] !== undefined) {
    const named = objects.filter((o) => (def(def(o).shape![discriminator]!)  as { values?: unknown[] }).values?.includes(v[discriminator]));
    if (named.length) return named;
  }
  const score = (o: AnySchema) => Object.keys(v).filter((k) => k in def(o).shape!).length;
  const best = Math.max(0, ...objects.map(score));
  return objects.filter((o) => score(o) === best);
}

/** Known keys of the object schema at `path`; `raw` (the parsed YAML) picks union options. */
function objectKeysAt(schema: AnySchema, path: readonly PropertyKey[], raw: unknown): string[] {
  let level = [unwrap(schema)];
  let value = raw;
  const steps = [...path, undefined];
  for (const seg of steps) {
    level = level.flatMap((s) => (def(s).options ? pickOption(def(s).options!, def(s).discriminator, value) : [s]));
    if (seg === undefined) break;
    level = level.flatMap((s) => {
      const d = def(s);
      if (typeof seg === 'number' && d.element) return [unwrap(d.element)];
      if (d.shape && typeof seg === 'string' && d.shape[seg]) return [unwrap(d.shape[seg])];
      if (d.valueType && !d.shape) return [unwrap(d.valueType)]; // a record: targets.<name>, flows.<name>
      return [];
    });
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  return [...new Set(level.flatMap((s) => Object.keys(def(s).shape ?? {})))];
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

export function suggestKey(schema: AnySchema, path: readonly PropertyKey[], typo: string, raw?: unknown): string | undefined {
  return closest(typo, objectKeysAt(schema, path, raw));
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
