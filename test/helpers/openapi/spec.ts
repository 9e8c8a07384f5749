// Loads BambooHR's OpenAPI 3.1 file once per test worker and answers two
// questions about it: "which operation does this URL hit?" and "give me a
// compiled JSON Schema validator for the node at this pointer".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { FORMATS } from './exceptions.js';

export type Json = Record<string, unknown>;

const SPEC_FILE = new URL('../../fixtures/specs/bamboohr-openapi.yaml', import.meta.url);
// An absolute $id so that the spec's own '#/components/...' refs resolve
// against the whole document, wherever the compiled fragment sits.
export const SPEC_ID = 'https://mlc.test/specs/bamboohr-openapi.json';
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Loaded {
  doc: Json;
  ajv: Ajv2020;
  routes: Route[];
  validators: Map<string, ValidateFunction>;
}

interface Route {
  template: string;
  segments: Array<{ literal: string } | { regex: RegExp; names: string[] }>;
  // Per segment: 2 literal, 1 mixed ("{id}.json"), 0 pure parameter.
  rank: number[];
}

let loaded: Loaded | undefined;

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function load(): Loaded {
  if (loaded) return loaded;
  // The file is 688 KB; parsing takes ~0.5 s, so it happens once, on first use.
  const doc = parse(readFileSync(SPEC_FILE, 'utf8')) as Json;
  // ajv's CJS default export arrives as the module object under NodeNext.
  const ajv = new Ajv2020Module.default({ strict: false, allErrors: true, verbose: true, validateFormats: true });
  addFormatsModule.default(ajv);
  // The file's own formats (time as HH:MM, decimal, integer): see exceptions.ts.
  for (const f of FORMATS) ajv.addFormat(f.name, f.format);
  ajv.addSchema({ ...doc, $id: SPEC_ID }, undefined, undefined, false);
  const paths = isObj(doc['paths']) ? doc['paths'] : {};
  loaded = { doc, ajv, routes: Object.keys(paths).map(toRoute), validators: new Map() };
  return loaded;
}

export function specDoc(): Json {
  return load().doc;
}

function toRoute(template: string): Route {
  const parts = template.split('/').slice(1);
  const segments: Route['segments'] = [];
  const rank: number[] = [];
  for (const part of parts) {
    if (!part.includes('{')) {
      segments.push({ literal: part });
      rank.push(2);
      continue;
    }
    const names: string[] = [];
    const source = part.replace(/\{([^}]+)\}|[^{]+/g, (m, name: string | undefined) => {
      if (name === undefined) return m.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    });
    segments.push({ regex: new RegExp(`^${source}$`), names });
    rank.push(/^\{[^}]+\}$/.test(part) ? 0 : 1);
  }
  return { template, segments, rank };
}

// Reduces a request path to the spec's path space: drops any base-URL prefix
// before '/api/', and maps the legacy gateway form
// '/api/gateway.php/{company}/v1/...' onto '/api/v1/...'.
export function normalisePath(rawPath: string): string {
  let path = rawPath.split('?')[0] ?? '';
  const at = path.indexOf('/api/');
  if (at > 0) path = path.slice(at);
  const gateway = /^\/api\/gateway\.php\/[^/]+\/(v\d[\w]*\/.*)$/.exec(path);
  if (gateway) path = `/api/${gateway[1] ?? ''}`;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  pathItem: Json;
}

// Concrete segments beat templated ones, compared left to right, as OpenAPI
// requires: '/api/v1/employees/changed' never resolves to '/employees/{id}'.
export function matchRoute(rawPath: string): RouteMatch | undefined {
  const { doc, routes } = load();
  const parts = normalisePath(rawPath).split('/').slice(1);
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((seg, i) => {
      const part = parts[i] ?? '';
      if ('literal' in seg) return seg.literal === part;
      const m = seg.regex.exec(part);
      seg.names.forEach((name, j) => (params[name] = safeDecode(m?.[j + 1] ?? '')));
      return m !== null;
    });
    if (ok && (!best || outranks(route.rank, best.route.rank))) best = { route, params };
  }
  if (!best) return undefined;
  const paths = doc['paths'] as Json;
  const pathItem = paths[best.route.template];
  return { template: best.route.template, params: best.params, pathItem: isObj(pathItem) ? pathItem : {} };
}

export type OperationMatch =
  | { ok: true; route: RouteMatch; operation: Json; method: string }
  | { ok: false; message: string; template?: string };

// The path template is chosen first (literal before templated, whatever the
// method), then the method must exist on it: POST /api/v1/employees/changed
// is "no operation", not an update of employee "changed".
export function findOperation(method: string, path: string): OperationMatch {
  const route = matchRoute(path);
  if (!route) return { ok: false, message: 'no operation: no path in the spec matches' };
  const m = method.toLowerCase();
  const operation = route.pathItem[m];
  if (isObj(operation)) return { ok: true, route, operation, method: m };
  const declared = METHODS.filter((x) => isObj(route.pathItem[x])).map((x) => x.toUpperCase());
  return { ok: false, template: route.template, message: `no operation: ${route.template} declares ${declared.join(', ')}` };
}

function outranks(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function pointer(...tokens: string[]): string {
  return tokens.map((t) => '/' + encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))).join('');
}

// Follows local '$ref's (components/parameters, components/schemas, ...) and
// reports where the node really lives, so validators compile from that spot.
export function deref(node: unknown, at: string): { node: unknown; at: string } {
  let current = node;
  let where = at;
  for (let hops = 0; isObj(current) && typeof current['$ref'] === 'string' && hops < 20; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#/')) break;
    where = ref.slice(1);
    current = ref
      .slice(2)
      .split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((acc, key) => (isObj(acc) ? acc[key] : undefined), load().doc);
  }
  return { node: current, at: where };
}

// `at` is a JSON pointer into the spec (as produced by pointer()).
export function validatorAt(at: string): ValidateFunction {
  const { ajv, validators } = load();
  let fn = validators.get(at);
  if (!fn) {
    fn = ajv.compile({ $ref: `${SPEC_ID}#${at}` });
    validators.set(at, fn);
  }
  return fn;
}
