// BambooHR API client: the only code that calls BambooHR's endpoints. Every call sends
// `Accept: application/json` (XML is BambooHR's default; reference §1.2) and pre-emptive
// credentials; a 401 renews OAuth credentials and retries exactly once.
import type { z } from 'zod';
import { forEachArrayElement } from './json-array.js';
import { MlcError } from '../../domain/errors.js';
import { withHeaders, type HttpClient, type HttpRequest, type HttpResponse } from '../../http/client.js';
import type { BambooAuth } from './auth.js';
import { bambooErrorMessage, bambooHttpError, expectJson, expectJsonAnswer, malformedJson } from './errors.js';
import {
  AllTableResponse,
  ChangedResponse,
  ChangedTableResponse,
  CustomReportResponse,
  DatasetResponse,
  EmployeeResponse,
  MetaFieldsResponse,
  MetaListsResponse,
  CreatedWebhook,
  MonitorFields,
  WebhookList,
} from './schema.js';

/** The body of a dataset read (spec get-data-from-dataset-v2; OData-style `filter`, `orderBy`). */
export interface DatasetQuery {
  fields: string[];
  filter?: string;
  orderBy?: string;
  page: number;
  pageSize: number;
}

const isTableRow = (v: unknown): v is Record<string, unknown> & { employeeId: string | number } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (typeof (v as { employeeId?: unknown }).employeeId === 'string' || typeof (v as { employeeId?: unknown }).employeeId === 'number');

export class BambooHrClient {
  constructor(
    private readonly http: HttpClient,
    readonly auth: BambooAuth,
  ) {}

  // https://documentation.bamboohr.com/reference/get-changed-employee-ids
  changed(since: string): Promise<ChangedResponse> {
    return this.json({ method: 'GET', url: '/api/v1/employees/changed', query: { since } }, ChangedResponse);
  }

  // https://documentation.bamboohr.com/reference/get-changed-employee-table-data
  changedTable(table: string, since: string): Promise<ChangedTableResponse> {
    return this.json({ method: 'GET', url: `/api/v1/employees/changed/tables/${encodeURIComponent(table)}`, query: { since } }, ChangedTableResponse);
  }

  // GET /api/v1/employees/all/tables/{table}: every row of every employee the key can see.
  allTable(table: string): Promise<z.infer<typeof AllTableResponse>> {
    return this.json({ method: 'GET', url: `/api/v1/employees/all/tables/${encodeURIComponent(table)}` }, AllTableResponse);
  }

  /**
   * The same, one row at a time (a full read: the answer of a 50,000-person company is tens of
   * MB): each row is parsed and handed on by itself, never the whole parsed array at once.
   */
  async allTableEach(table: string, each: (row: Record<string, unknown> & { employeeId: string | number }) => void): Promise<void> {
    const req: HttpRequest = { method: 'GET', url: `/api/v1/employees/all/tables/${encodeURIComponent(table)}` };
    const res = await this.send(req);
    const what = `${req.method} ${req.url}`;
    if (res.status < 200 || res.status >= 300) throw bambooHttpError(res, what);
    expectJsonAnswer(res, what);
    try {
      forEachArrayElement(res.body, (row, i) => {
        if (!isTableRow(row)) throw new MlcError('bad_response', `BambooHR ${what} answered unexpected data (${i}: expected a row with an employeeId)`);
        each(row);
      });
    } catch (err) {
      throw err instanceof SyntaxError ? malformedJson(res, what, err) : err;
    }
  }

  /** GET /api/v1/employees/{id}/tables/{table}: every row of one employee (replays). */
  employeeTable(id: string, table: string): Promise<z.infer<typeof AllTableResponse>> {
    return this.json({ method: 'GET', url: `/api/v1/employees/${encodeURIComponent(id)}/tables/${encodeURIComponent(table)}` }, AllTableResponse);
  }

  /**
   * POST /api/v1/reports/custom: one bulk read (deprecated; the fallback when datasets are
   * refused). The JSON body is only recognised with a Content-Type of exactly
   * `application/json` (with "; charset=…" BambooHR parses XML and answers 400), and
   * `format=json` picks the output (reference §2.3): lower case, as the spec's enum is written,
   * although its description calls the value case-insensitive. Read-only, so it may be retried
   * like a GET.
   */
  customReport(fields: readonly string[], employeeIds?: readonly number[]): Promise<CustomReportResponse> {
    const body = { title: 'mlc sync', fields, filterDuplicates: 'yes', ...(employeeIds ? { filters: { employeeIds } } : {}) };
    return this.json(
      {
        method: 'POST',
        url: '/api/v1/reports/custom',
        query: { format: 'json', onlyCurrent: 'true' },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        idempotent: true,
      },
      CustomReportResponse,
    );
  }

  // https://documentation.bamboohr.com/reference/get-data-from-dataset-v2
  /**
   * POST /api/v2/datasets/employee/data: one page of current fields (pageSize ≤ 1000). Paging
   * and filtering live in the body; errors are RFC 7807 problems. Read-only, so retried like a GET.
   */
  datasetData(query: DatasetQuery): Promise<DatasetResponse> {
    return this.json(
      {
        method: 'POST',
        url: '/api/v2/datasets/employee/data',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(query),
        idempotent: true,
      },
      DatasetResponse,
    );
  }

  /** GET /api/v1/employees/{id}; undefined when BambooHR answers 404 (deleted or unknown). */
  async employee(id: string, fields: readonly string[]): Promise<z.infer<typeof EmployeeResponse> | undefined> {
    const req: HttpRequest = { method: 'GET', url: `/api/v1/employees/${encodeURIComponent(id)}`, query: { fields: fields.join(','), onlyCurrent: 'true' } };
    const res = await this.send(req);
    if (res.status === 404) return undefined;
    return this.parse(res, req, EmployeeResponse);
  }

  metaFields(): Promise<z.infer<typeof MetaFieldsResponse>> {
    return this.json({ method: 'GET', url: '/api/v1/meta/fields' }, MetaFieldsResponse);
  }

  // GET /api/v1/meta/lists — values the BambooHR account uses for list fields.
  metaLists(): Promise<z.infer<typeof MetaListsResponse>> {
    return this.json({ method: 'GET', url: '/api/v1/meta/lists' }, MetaListsResponse);
  }

  // Webhooks API (permissioned webhooks), reference §4.2.
  createWebhook(body: Record<string, unknown>): Promise<z.infer<typeof CreatedWebhook>> {
    return this.json({ method: 'POST', url: '/api/v1/webhooks', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, CreatedWebhook);
  }

  listWebhooks(): Promise<z.infer<typeof WebhookList>> {
    return this.json({ method: 'GET', url: '/api/v1/webhooks' }, WebhookList);
  }

  monitorFields(): Promise<z.infer<typeof MonitorFields>> {
    return this.json({ method: 'GET', url: '/api/v1/webhooks/monitor_fields' }, MonitorFields);
  }

  async deleteWebhook(id: string): Promise<void> {
    const req: HttpRequest = { method: 'DELETE', url: `/api/v1/webhooks/${encodeURIComponent(id)}` };
    const res = await this.send(req);
    if (res.status < 200 || res.status >= 300) throw bambooHttpError(res, `DELETE /api/v1/webhooks/${id}`);
  }

  private async json<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    return this.parse(await this.send(req), req, schema);
  }

  private async send(req: HttpRequest): Promise<HttpResponse> {
    const withAuth = async (): Promise<HttpRequest> => withHeaders(req, { accept: 'application/json', ...req.headers, authorization: await this.auth.header() });
    let res = await this.http.send(await withAuth());
    if (res.status === 401 && (await this.auth.renew())) res = await this.http.send(await withAuth());
    return res;
  }

  private parse<S extends z.ZodType>(res: HttpResponse, req: HttpRequest, schema: S): z.infer<S> {
    const what = `${req.method} ${req.url}`;
    if (res.status < 200 || res.status >= 300) throw bambooHttpError(res, what);
    const data = expectJson(res, what);
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    // A 200 carrying an error document (BambooHR does this for throttled webhook logs, §4.2).
    const vendor = data && typeof data === 'object' && 'error' in data ? bambooErrorMessage(res) : undefined;
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
    throw new MlcError('bad_response', vendor ? `BambooHR ${what} answered HTTP ${res.status} with an error: ${vendor}` : `BambooHR ${what} answered unexpected data (${where})`, {
      retryable: vendor !== undefined,
    });
  }
}
