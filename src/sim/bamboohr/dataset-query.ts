// One POST /api/v2/datasets/{name}/data query: body checks, filter, order, the page, and the
// data budget (spec get-data-from-dataset-v2; reference §2.4). Offset paging by `page` and
// `pageSize` (default 100, max 1000); `meta` gives page, pageSize, totalPages, totalItems;
// `links` carries next/prev URLs and is `[]` when there is neither (recorded, reference §2.4).
import { z } from 'zod';
import type { ApiContext } from './context.js';
import { datasetField, isHiddenFor, type DatasetField } from './dataset-fields.js';
import { compileFilter, type FieldValue } from './dataset-filter.js';
import type { FieldCtx } from './fields.js';
import { header, type SimRequest } from './http.js';
import type { SimEmployee } from './model.js';
import { ProblemError } from './problem.js';

export interface DatasetSettings {
  refuse: 403 | 404 | 422 | null;
  cellBudget: number;
  hidden: 'omit' | 'null';
  unknownFields: 'reject' | 'omit';
  problemType: 'application/problem+json' | 'application/json';
}

export const DEFAULT_DATASET_SETTINGS: DatasetSettings = {
  refuse: null,
  cellBudget: 250_000,
  hidden: 'omit',
  unknownFields: 'reject',
  problemType: 'application/problem+json',
};

const Body = z.looseObject({
  fields: z.array(z.string()).min(1),
  filter: z.string().nullish(),
  orderBy: z.string().nullish(),
  page: z.unknown().optional(),
  pageSize: z.unknown().optional(),
});

function bad(status: number, detail: string, extra: { code?: string; fields?: Record<string, string> } = {}): ProblemError {
  return new ProblemError({ status, detail, ...extra });
}

function parseBody(req: SimRequest): z.infer<typeof Body> {
  const media = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (media !== 'application/json') throw bad(400, 'The request body must be JSON (Content-Type: application/json)');
  let raw: unknown;
  try {
    raw = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw bad(400, 'The request body is not valid JSON');
  }
  const parsed = Body.safeParse(raw);
  if (!parsed.success) throw bad(400, `Missing or invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** page ≥ 1 (default 1), 1 ≤ pageSize ≤ 1000 (default 100); anything else is a 422. */
function paging(b: z.infer<typeof Body>): { page: number; pageSize: number } {
  const int = (v: unknown, dflt: number, min: number, max: number, name: string): number => {
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(422, `${name} must be an integer from ${min} to ${max}`, { code: 'INVALID_PAGINATION' });
    return v;
  };
  return { page: int(b.page, 1, 1, Number.MAX_SAFE_INTEGER, 'page'), pageSize: int(b.pageSize, 100, 1, 1000, 'pageSize') };
}

function columns(b: z.infer<typeof Body>, settings: DatasetSettings): DatasetField[] {
  const unknown = [...new Set(b.fields.filter((f) => !datasetField(f)))];
  if (unknown.length > 0 && settings.unknownFields === 'reject') {
    throw bad(400, `Unknown field${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`, { code: 'INVALID_FIELDS', fields: Object.fromEntries(unknown.map((f) => [f, 'unknown field'])) });
  }
  return [...new Set(b.fields)].map(datasetField).filter((d): d is DatasetField => d !== undefined);
}

function order(text: string | null | undefined, selected: readonly DatasetField[]): Array<{ def: DatasetField; desc: boolean }> {
  if (!text || text.trim() === '') return [];
  return text.split(',').map((rule) => {
    const [name = '', dir = 'asc', ...rest] = rule.trim().split(/\s+/);
    const def = selected.find((d) => d.name === name);
    if (!def) throw bad(422, `orderBy field "${name}" must also appear in fields`, { code: 'INVALID_ORDER_BY' });
    if (rest.length > 0 || !['asc', 'desc'].includes(dir.toLowerCase())) throw bad(422, `orderBy rule "${rule.trim()}" must be a field followed by asc or desc`, { code: 'INVALID_ORDER_BY' });
    return { def, desc: dir.toLowerCase() === 'desc' };
  });
}

/** Field values of one employee; the dated-row view is computed only if a field needs it. */
function accessor(ctx: ApiContext, e: SimEmployee, hidden: ReadonlySet<string>): FieldValue {
  let view: FieldCtx | undefined;
  return (name) => {
    const def = datasetField(name);
    if (!def || isHiddenFor(def, hidden)) return null;
    if (def.own) return def.own(e);
    view ??= ctx.company.view(e);
    return def.value(view);
  };
}

function sortKey(def: DatasetField, v: string | null): number | string | null {
  if (v === null) return null;
  if (def.type === 'int') return Number(v);
  return def.type === 'timestamp' ? Date.parse(v) : v;
}

function byRules(rules: ReadonlyArray<{ def: DatasetField; desc: boolean }>) {
  return (a: FieldValue, b: FieldValue): number => {
    for (const { def, desc } of rules) {
      const x = sortKey(def, a(def.name));
      const y = sortKey(def, b(def.name));
      if (x === y) continue;
      // Nulls first ascending, last descending (as List Employees documents its sort).
      const c = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
      return desc ? -c : c;
    }
    return 0;
  };
}

export interface DatasetPage {
  rows: Array<{ fields: Record<string, string | null> }>;
  page: number;
  pageSize: number;
  totalItems: number;
}

export function runQuery(req: SimRequest, ctx: ApiContext, settings: DatasetSettings): DatasetPage {
  const body = parseBody(req);
  const { page, pageSize } = paging(body);
  const selected = columns(body, settings);
  const rules = order(body.orderBy, selected);
  const matches = compileFilter(body.filter);
  const hidden = ctx.principal.hidden;
  let found = ctx.company.list().filter((e) => !ctx.principal.invisible.has(e.id)).map((e) => accessor(ctx, e, hidden)).filter((get) => matches(get));
  if (rules.length > 0) {
    const cmp = byRules(rules);
    if (found.some((get, i) => i > 0 && cmp(found[i - 1]!, get) > 0)) found = [...found].sort(cmp);
  }
  const slice = found.slice((page - 1) * pageSize, page * pageSize);
  const cells = slice.length * selected.length;
  if (cells > settings.cellBudget) {
    throw bad(413, `The request produced too much data: ${slice.length} rows × ${selected.length} fields is over ${settings.cellBudget} values; ask for fewer rows (pageSize) or fields`, { code: 'TOO_MUCH_DATA' });
  }
  const rows = slice.map((get) => {
    const out: Array<[string, string | null]> = [];
    for (const def of selected) {
      if (isHiddenFor(def, hidden)) {
        if (settings.hidden === 'null') out.push([def.name, null]);
      } else {
        out.push([def.name, get(def.name)]);
      }
    }
    return { fields: Object.fromEntries(out) };
  });
  return { rows, page, pageSize, totalItems: found.length };
}
