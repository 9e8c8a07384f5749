// Parameter checks for one operation: presence of required parameters and
// their values against the declared schemas. HTTP gives us strings, so values
// are first coerced to what the schema asks for (OpenAPI style=form/deepObject).
import { deref, isObj, pointer, validatorAt } from './spec.js';
import type { Json } from './spec.js';
import { describeErrors } from './errors.js';

export interface ParamInput {
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  pathParams: Record<string, string>;
}

interface Param {
  name: string;
  in: string;
  required: boolean;
  explode: boolean;
  style: string;
  description: string;
  schema: unknown;
  schemaAt: string;
}

// OpenAPI 3.1 §4.8.12.1: header parameters named Accept, Content-Type or
// Authorization "SHALL be ignored". This also covers the spec's
// components/parameters/AcceptHeaderParameter, whose `name` is literally
// "AcceptHeaderParameter" (no request could ever carry it).
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export function collectParams(template: string, method: string, pathItem: Json, operation: Json): Param[] {
  const byKey = new Map<string, Param>();
  const add = (list: unknown, at: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { node, at: where } = deref(raw, `${at}/${i}`);
      if (!isObj(node) || typeof node['name'] !== 'string' || typeof node['in'] !== 'string') return;
      const style = typeof node['style'] === 'string' ? node['style'] : node['in'] === 'query' ? 'form' : 'simple';
      const resolved = deref(node['schema'], `${where}/schema`);
      byKey.set(`${node['in']}:${node['name']}`, {
        name: node['name'],
        in: node['in'],
        required: node['required'] === true || node['in'] === 'path',
        explode: typeof node['explode'] === 'boolean' ? node['explode'] : style === 'form' || style === 'deepObject',
        style,
        description: typeof node['description'] === 'string' ? node['description'] : '',
        schema: resolved.node,
        schemaAt: resolved.at,
      });
    });
  };
  add(pathItem['parameters'], pointer('paths', template, 'parameters'));
  // Operation-level entries override path-level ones with the same name+in.
  add(operation['parameters'], pointer('paths', template, method, 'parameters'));
  return [...byKey.values()];
}

export function checkParams(params: Param[], input: ParamInput): string[] {
  const problems: string[] = [];
  const headers = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const p of params) {
    if (p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())) continue;
    if (p.in === 'cookie') continue;
    const raw = rawValue(p, input, headers);
    if (raw === undefined) {
      if (p.required) problems.push(`${p.in} parameter ${p.name} is required but missing`);
      continue;
    }
    // Strict: enums as written. The report `format` parameter's description says
    // "Case-insensitive", but its enum is lower case, so `JSON` is reported (an independent
    // validator, Prism, fails it too); mlc sends `json`.
    const value = coerce(raw, p.schema);
    if (p.schema === undefined) continue;
    const validate = validatorAt(p.schemaAt);
    if (!validate(value)) {
      for (const msg of describeErrors(validate.errors)) {
        // Type/format/enum lines already quote the (coerced) value.
        const got = msg.includes(', got ') ? '' : ` (got ${JSON.stringify(raw)})`;
        problems.push(`${p.in} parameter ${p.name}: ${msg.replace(/^\(root\) /, '')}${got}`);
      }
    }
  }
  return problems;
}

function rawValue(p: Param, input: ParamInput, headers: Record<string, string>): unknown {
  if (p.in === 'path') return input.pathParams[p.name];
  if (p.in === 'header') return headers[p.name.toLowerCase()];
  if (p.style === 'deepObject') {
    // filter[ids]=1,2 / filter[ids][]=1&filter[ids][]=2 -> { ids: ... }
    const out: Record<string, string | string[]> = {};
    let found = false;
    for (const [key, v] of Object.entries(input.query)) {
      const m = /^([^[]+)\[([^\]]+)\](\[\])?$/.exec(key);
      if (!m || m[1] !== p.name || m[2] === undefined) continue;
      found = true;
      out[m[2]] = m[3] ? ([] as string[]).concat(v) : v;
    }
    return found ? out : undefined;
  }
  return input.query[p.name];
}

function typesOf(schema: Json): string[] {
  const t = schema['type'];
  const own = Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
  if (own.length > 0) return own;
  // No own type: borrow the branches' types (allOf/anyOf/oneOf wrappers).
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  return branches.flatMap((b) => {
    const n = deref(b, '').node;
    return isObj(n) ? typesOf(n) : [];
  });
}

function propertySchema(schema: Json, key: string): unknown {
  const props = schema['properties'];
  if (isObj(props) && key in props) return props[key];
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[k];
    if (!Array.isArray(list)) continue;
    for (const b of list) {
      const n = deref(b, '').node;
      const found = isObj(n) ? propertySchema(n, key) : undefined;
      if (found !== undefined) return found;
    }
  }
  return isObj(schema['additionalProperties']) ? schema['additionalProperties'] : undefined;
}

// Turns query/path/header strings into the JSON types the schema expects.
// A string where an array is expected is split on commas: the spec documents
// comma-separated lists for array parameters (GET /api/v1/employees `fields`,
// example 'workEmail,mobilePhone', and `filter[ids]=123,124`).
export function coerce(value: unknown, schemaNode: unknown, depth = 0): unknown {
  const schema = deref(schemaNode, '').node;
  if (!isObj(schema) || depth > 10) return value;
  const types = typesOf(schema);
  if (types.includes('array')) {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
    return list.map((v) => coerce(v, schema['items'], depth + 1));
  }
  if (Array.isArray(value)) return value.length === 1 ? coerce(value[0], schema, depth + 1) : value;
  if (isObj(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(v, propertySchema(schema, k), depth + 1)]));
  }
  if (typeof value !== 'string' || types.includes('string')) return value;
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('null') && value === '') return null;
  return value;
}
