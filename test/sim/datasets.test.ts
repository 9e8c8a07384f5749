// The simulator's Datasets API (reference §2.4) over real HTTP: offset paging with links/meta,
// the OData-style filter and orderBy, hidden fields, unknown fields, 413 for too much data,
// problem answers with X-Request-ID, and the switch that refuses datasets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, control, RESTRICTED_KEY, startSim } from './helpers.js';

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim({ size: 60 });
});
afterAll(() => sim.close());
beforeEach(() => sim.setDatasets({ refuse: null, cellBudget: 250_000, hidden: 'omit', unknownFields: 'reject', problemType: 'application/problem+json' }));

interface Page {
  data: Array<{ fields: Record<string, string | null> }>;
  links: { next?: string; prev?: string } | [];
  meta: { page: number; pageSize: number; totalPages: number; totalItems: number };
}
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  fields?: Record<string, string>;
}

function query(body: unknown, opts: { key?: string; headers?: Record<string, string> } = {}) {
  return call(sim, '/api/v2/datasets/employee/data', {
    method: 'POST',
    key: opts.key,
    headers: { 'Content-Type': 'application/json', ...opts.headers },
    body: JSON.stringify(body),
  });
}

const eeids = (p: Page) => p.data.map((r) => Number(r.fields.eeid));

describe('POST /api/v2/datasets/employee/data', () => {
  it('pages by page/pageSize with meta, links to the next and previous page, and [] links on a single page', async () => {
    const count = sim.company.list().length;
    const first = (await query({ fields: ['eeid', 'firstName'], pageSize: 25 })).json<Page>();
    expect(first.meta).toEqual({ page: 1, pageSize: 25, totalPages: Math.ceil(count / 25), totalItems: count });
    expect(Object.keys(first.links)).toEqual(['next']);
    expect((first.links as { next: string }).next).toMatch(/\/api\/v2\/datasets\/employee\/data\?page=2&pageSize=25$/);
    const last = (await query({ fields: ['eeid'], pageSize: 25, page: first.meta.totalPages })).json<Page>();
    expect(Object.keys(last.links)).toEqual(['prev']);
    const seen = new Set<number>();
    for (let page = 1; page <= first.meta.totalPages; page++) for (const id of eeids((await query({ fields: ['eeid'], pageSize: 25, page })).json<Page>())) seen.add(id);
    expect(seen.size).toBe(count);
    const one = (await query({ fields: ['eeid'], pageSize: 1000 })).json<Page>();
    expect(one.links).toEqual([]);
    // pageSize defaults to 100 (spec).
    expect((await query({ fields: ['eeid'] })).json<Page>().meta.pageSize).toBe(100);
  });

  it('wraps values in `fields` under the dataset names, empty ones as null, with an X-Request-ID', async () => {
    const e = sim.company.list()[3]!;
    const res = await query({ fields: ['eeid', 'email', 'jobInformationDepartment', 'supervisorEid', 'compensationPayRate', 'compensationPayRateCurrencyCode', 'lastChanged', 'preferredName'], filter: `eeid eq ${e.id}` }, { headers: { 'X-Request-ID': 'trace-1' } });
    expect(res.headers.get('x-request-id')).toBe('trace-1');
    const row = res.json<Page>().data[0]!.fields;
    const view = sim.company.view(e);
    expect(row).toEqual({
      eeid: String(e.id),
      email: e.workEmail,
      jobInformationDepartment: view.d.job?.department ?? null,
      supervisorEid: view.d.job?.reportsTo === null || view.d.job?.reportsTo === undefined ? null : String(view.d.job.reportsTo),
      compensationPayRate: view.d.pay?.rate.value ?? null,
      compensationPayRateCurrencyCode: view.d.pay?.rate.currency ?? null,
      lastChanged: e.lastChanged.replace(/\.\d{3}Z$|Z$/, '+00:00'),
      preferredName: e.preferredName,
    });
  });

  it('filters with eq, ne, gt, in, and, or and parentheses; quoted or bare numbers', async () => {
    const ids = sim.company.list().map((e) => e.id);
    const [a, b, c] = ids;
    const got = async (filter: string) => eeids((await query({ fields: ['eeid'], filter, pageSize: 1000 })).json<Page>()).sort((x, y) => x - y);
    expect(await got(`eeid in (${a}, '${b}', ${c})`)).toEqual([a, b, c]);
    expect(await got(`eeid gt ${ids.at(-3)}`)).toEqual(ids.slice(-2));
    expect(await got(`(eeid eq ${a} or eeid eq ${b}) and eeid ne ${b}`)).toEqual([a]);
    const active = await got("status eq 'Active'");
    expect(active.length).toBe(sim.company.list().filter((e) => sim.company.view(e).d.status === 'Active').length);
    expect(active.length).toBeLessThan(ids.length);
    const since = sim.company.list().map((e) => e.lastChanged).sort().at(-1)!;
    expect((await got(`lastChanged ge '${since}'`)).length).toBeGreaterThan(0);
    expect(await got(`lastChanged gt '${since}'`)).toEqual([]);
  });

  it('sorts by orderBy (fields it names must be requested)', async () => {
    const desc = eeids((await query({ fields: ['eeid', 'lastName'], orderBy: 'eeid desc', pageSize: 5 })).json<Page>());
    const all = sim.company.list().map((e) => e.id).sort((x, y) => y - x);
    expect(desc).toEqual(all.slice(0, 5));
    const names = (await query({ fields: ['eeid', 'lastName'], orderBy: 'lastName asc, eeid asc', pageSize: 1000 })).json<Page>().data.map((r) => r.fields.lastName!);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    const bad = await query({ fields: ['eeid'], orderBy: 'lastName asc' });
    expect(bad.status).toBe(422);
    expect(bad.json<Problem>().detail).toBe('orderBy field "lastName" must also appear in fields');
  });

  it('answers problems: 422 for a bad filter or page size, 400 for unknown fields (or leaves them out), 404 for an unknown dataset', async () => {
    const filter = await query({ fields: ['eeid'], filter: "eeid in (1, 2" });
    expect(filter.status).toBe(422);
    expect(filter.headers.get('content-type')).toBe('application/problem+json');
    expect(filter.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(filter.json<Problem>()).toMatchObject({ type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: 'Invalid filter expression: expected ")" at the end' });
    expect((await query({ fields: ['eeid'], filter: 'salary gt 5' })).json<Problem>().detail).toBe('Invalid filter expression: unknown field "salary"');
    expect((await query({ fields: ['eeid'], pageSize: 1001 })).json<Problem>()).toMatchObject({ status: 422, code: 'INVALID_PAGINATION' });
    const unknown = await query({ fields: ['eeid', 'workEmail'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json<Problem>()).toMatchObject({ detail: 'Unknown field: workEmail', code: 'INVALID_FIELDS', fields: { workEmail: 'unknown field' } });
    sim.setDatasets({ unknownFields: 'omit' });
    expect(Object.keys((await query({ fields: ['eeid', 'workEmail'], pageSize: 1 })).json<Page>().data[0]!.fields)).toEqual(['eeid']);
    const missing = await call(sim, '/api/v2/datasets/payroll/data', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"fields":["eeid"]}' });
    expect(missing.json<Problem>()).toMatchObject({ status: 404, code: 'DATASET_NOT_FOUND' });
    expect((await query({})).json<Problem>().status).toBe(400);
  });

  it('leaves out (or nulls) the fields a restricted key may not read', async () => {
    const fields = ['eeid', 'firstName', 'compensationPayRate', 'compensationPayType'];
    const omitted = (await query({ fields, pageSize: 2 }, { key: RESTRICTED_KEY })).json<Page>();
    expect(omitted.data.every((r) => Object.keys(r.fields).join() === 'eeid,firstName')).toBe(true);
    sim.setDatasets({ hidden: 'null' });
    const nulled = (await query({ fields, pageSize: 2 }, { key: RESTRICTED_KEY })).json<Page>();
    expect(nulled.data.every((r) => r.fields.compensationPayRate === null && r.fields.compensationPayType === null)).toBe(true);
  });

  it('answers 413 when rows × fields is over the budget', async () => {
    sim.setDatasets({ cellBudget: 30 });
    const big = await query({ fields: ['eeid', 'firstName', 'lastName'], pageSize: 11 });
    expect(big.status).toBe(413);
    expect(big.json<Problem>()).toMatchObject({ title: 'Content Too Large', status: 413, code: 'TOO_MUCH_DATA' });
    expect(big.json<Problem>().detail).toMatch(/^The request produced too much data: 11 rows × 3 fields is over 30 values/);
    expect((await query({ fields: ['eeid', 'firstName', 'lastName'], pageSize: 10 })).status).toBe(200);
  });

  it('refuses every data request when told to (control API), in the chosen media type', async () => {
    for (const refuse of [403, 404, 422] as const) {
      expect((await control(sim, 'POST', '/_sim/datasets', { refuse })).status).toBe(200);
      const res = await query({ fields: ['eeid'] });
      expect(res.status).toBe(refuse);
      expect(res.json<Problem>().status).toBe(refuse);
    }
    await control(sim, 'POST', '/_sim/datasets', { problemType: 'application/json' });
    expect((await query({ fields: ['eeid'] })).headers.get('content-type')).toBe('application/json');
    expect((await control(sim, 'POST', '/_sim/datasets', { refuse: 500 })).status).toBe(400);
    expect((await control(sim, 'GET', '/_sim/datasets')).json()).toMatchObject({ refuse: 422, problemType: 'application/json' });
  });
});

describe('GET /api/v1_2/datasets and …/fields', () => {
  it('lists the employee dataset and its fields, paged with the spec Pagination object', async () => {
    expect((await call(sim, '/api/v1_2/datasets')).json()).toEqual({ datasets: [{ name: 'employee', label: 'Employee' }] });
    const first = (await call(sim, '/api/v1_2/datasets/employee/fields?page_size=10')).json<{ pagination: Record<string, unknown>; fields: Array<{ name: string }> }>();
    expect(first.fields).toHaveLength(10);
    expect(first.fields[0]).toEqual({ name: 'eeid', label: 'EEID', parentType: 'page', parentName: 'Calculated', entityName: 'calculated' });
    expect(first.pagination).toMatchObject({ current_page: 1, prev_page: null });
    expect(first.pagination['next_page']).toMatch(/\/api\/v1_2\/datasets\/employee\/fields\?page=2&page_size=10$/);
    const total = first.pagination['total_pages'] as number;
    // Out-of-range pages are clamped (spec).
    expect((await call(sim, `/api/v1_2/datasets/employee/fields?page_size=10&page=${total + 5}`)).json<{ pagination: { current_page: number; next_page: null } }>().pagination).toMatchObject({ current_page: total, next_page: null });
    const none = await call(sim, '/api/v1_2/datasets/payroll/fields');
    expect(none.status).toBe(422);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(none.json<Problem>().code).toBe('DATASET_NOT_FOUND');
  });
});
