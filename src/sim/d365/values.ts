// Typed values of entity properties: defaults of a new row and the JSON → value check of a
// request body. F&O strings are never null (empty is ""), empty dates are 1900-01-01 and
// enums travel as member names (reference §5.2).
import { odataException, isPlainObject } from './http.js';
import { ENUMS, NAMESPACE, type EntitySetDef, type PropertyDef } from './schema.js';
import type { Value } from './types.js';

export const EMPTY_DATE = '1900-01-01T12:00:00Z';

export function defaultValue(p: PropertyDef): Value {
  if (p.enumType) return ENUMS[p.enumType]?.[0]?.[0] ?? '';
  if (p.type === 'Edm.DateTimeOffset') return EMPTY_DATE;
  if (p.type === 'Edm.Int32' || p.type === 'Edm.Decimal') return 0;
  return '';
}

export function defaults(def: EntitySetDef): Record<string, Value> {
  return Object.fromEntries(def.props.map((p) => [p.name, defaultValue(p)]));
}

export function isEnumMember(enumType: string, name: string): boolean {
  return (ENUMS[enumType] ?? []).some(([m]) => m === name);
}

const typeName = (def: EntitySetDef): string => `${NAMESPACE}.${def.type}`;

function badValue(p: PropertyDef, raw: unknown): never {
  const expected = p.enumType ? `${NAMESPACE}.${p.enumType}` : p.type;
  throw odataException(`Cannot convert the literal '${String(raw)}' to the expected type '${expected}'.`);
}

/** One property value from JSON: type-checked, enums by member name (assumption for the wording). */
export function coerce(p: PropertyDef, raw: unknown): Value {
  if (raw === null) return defaultValue(p);
  if (p.enumType) {
    if (typeof raw !== 'string' || !isEnumMember(p.enumType, raw)) badValue(p, raw);
    return raw;
  }
  switch (p.type) {
    case 'Edm.String':
      if (typeof raw !== 'string') badValue(p, raw);
      return raw;
    case 'Edm.Int32':
      if (typeof raw !== 'number' || !Number.isInteger(raw)) badValue(p, raw);
      return raw;
    case 'Edm.Decimal':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
      return badValue(p, raw);
    case 'Edm.DateTimeOffset':
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) badValue(p, raw);
      return new Date(raw).toISOString().replace('.000Z', 'Z');
  }
}

/**
 * The properties a POST/PATCH body sets. Unknown names are ODataLib's 400 (the type is not
 * open); `@odata.*` annotations are ignored; read-only (computed) properties are dropped.
 */
export function parseEntityBody(def: EntitySetDef, body: unknown): Record<string, Value> {
  if (!isPlainObject(body)) throw odataException('The request body must be a JSON object describing one entity.');
  const out: Record<string, Value> = {};
  for (const [name, raw] of Object.entries(body)) {
    if (name.startsWith('@') || name.includes('@odata.')) continue;
    const p = def.props.find((x) => x.name === name);
    if (!p) {
      throw odataException(
        `The property '${name}' does not exist on type '${typeName(def)}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (p.readOnly) continue;
    out[name] = coerce(p, raw);
  }
  return out;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw odataException('The request body is not valid JSON.');
  }
}
