// The Datasets API (reference §2.4): GET /api/v1_2/datasets, GET /api/v1_2/datasets/{name}/fields
// and POST /api/v2/datasets/{name}/data, the successor of the deprecated custom report. Only
// the `employee` dataset exists here. Errors are RFC 7807 problems with an X-Request-ID.
import type { ApiContext } from '../context.js';
import { DATASET_FIELDS } from '../dataset-fields.js';
import { runQuery, type DatasetPage } from '../dataset-query.js';
import { header, jsonResponse, type SimRequest, type SimResponse } from '../http.js';
import { asProblem, ProblemError, requestId } from '../problem.js';
import type { Router } from '../../common/router.js';

const PROBLEM_V12 = 'application/problem+json';
const DATASETS = [{ name: 'employee', label: 'Employee' }];

const REFUSALS: Record<number, { detail: string; code: string }> = {
  403: { detail: 'You do not have permission to access this dataset', code: 'FORBIDDEN' },
  404: { detail: 'The specified dataset does not exist or is not accessible', code: 'DATASET_NOT_FOUND' },
  422: { detail: 'Validation failed: the filter expression is not supported for this dataset', code: 'VALIDATION_FAILED' },
};

function ok(req: SimRequest, value: unknown): SimResponse {
  return jsonResponse(200, value, { 'X-Request-ID': requestId(req) });
}

function listDatasets(req: SimRequest): Promise<SimResponse> {
  return asProblem(req, PROBLEM_V12, () => ok(req, { datasets: DATASETS }));
}

function positive(raw: string | null, dflt: number, max: number): number {
  const n = raw === null ? dflt : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ProblemError({ status: 422, detail: `expected an integer from 1 to ${max}, got ${raw ?? ''}`, code: 'INVALID_PAGINATION' });
  return n;
}

/** Field descriptors, paged by page/page_size (default 500, max 1000); out-of-range pages are clamped (spec). */
function datasetFields(req: SimRequest, params: Record<string, string>): Promise<SimResponse> {
  return asProblem(req, PROBLEM_V12, () => {
    const name = params['name'] ?? '';
    if (name !== 'employee') throw new ProblemError({ status: 422, detail: `Dataset not found: ${name}`, code: 'DATASET_NOT_FOUND' });
    const size = positive(req.query.get('page_size'), 500, 1000);
    const pages = Math.max(1, Math.ceil(DATASET_FIELDS.length / size));
    const page = Math.min(pages, positive(req.query.get('page'), 1, Number.MAX_SAFE_INTEGER));
    const url = (p: number): string => `${origin(req)}/api/v1_2/datasets/${name}/fields?page=${p}&page_size=${size}`;
    const fields = DATASET_FIELDS.slice((page - 1) * size, page * size).map((f) => ({ name: f.name, label: f.label, parentType: 'page', parentName: f.parentName, entityName: f.entityName }));
    return ok(req, {
      pagination: { total_records: DATASET_FIELDS.length, current_page: page, total_pages: pages, next_page: page < pages ? url(page + 1) : null, prev_page: page > 1 ? url(page - 1) : null },
      name,
      label: 'Employee',
      fields,
    });
  });
}

function origin(req: SimRequest): string {
  return `http://${header(req, 'host') ?? '127.0.0.1'}`;
}

/** `links` as a PHP array: only the links that exist, and `[]` when none does (recorded). */
function links(req: SimRequest, name: string, p: DatasetPage): Record<string, string> | [] {
  const pages = Math.ceil(p.totalItems / p.pageSize);
  const url = (n: number): string => `${origin(req)}/api/v2/datasets/${name}/data?page=${n}&pageSize=${p.pageSize}`;
  const out: Record<string, string> = {};
  if (p.page < pages) out['next'] = url(p.page + 1);
  if (p.page > 1 && pages > 0) out['prev'] = url(Math.min(p.page - 1, pages));
  return Object.keys(out).length > 0 ? out : [];
}

function datasetData(req: SimRequest, params: Record<string, string>, ctx: ApiContext): Promise<SimResponse> {
  const settings = ctx.datasets;
  return asProblem(req, settings.problemType, () => {
    const name = params['name'] ?? '';
    if (settings.refuse !== null) throw new ProblemError({ status: settings.refuse, ...REFUSALS[settings.refuse]! });
    if (name !== 'employee') throw new ProblemError({ status: 404, detail: `Dataset not found: ${name}`, code: 'DATASET_NOT_FOUND' });
    const page = runQuery(req, ctx, settings);
    return ok(req, {
      data: page.rows,
      links: links(req, name, page),
      meta: { page: page.page, pageSize: page.pageSize, totalPages: Math.ceil(page.totalItems / page.pageSize), totalItems: page.totalItems },
    });
  });
}

export function registerDatasetRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1_2/datasets', listDatasets);
  router.add('GET', '/api/v1_2/datasets/:name/fields', datasetFields);
  router.add('POST', '/api/v2/datasets/:name/data', datasetData);
}
