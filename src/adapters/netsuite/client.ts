// NetSuite REST client: the only code in this adapter that sends requests. Bearer token on
// every call; a 401 renews the token and retries once (an expired token, or the over-
// concurrency INVALID_LOGIN reported in the field, erps.md §4.7), and a 401 again on the
// fresh token is a real refusal (exit 4). 429 and concurrency refusals are retried with
// backoff by the HTTP layer (NetSuite sends no Retry-After).
import { MlcError } from '../../domain/errors.js';
import { withHeaders, type HttpClient, type HttpRequest, type HttpResponse } from '../../http/client.js';
import type { NetSuiteTokens } from './auth.js';
import { netsuiteError } from './errors.js';

export interface SuiteQlRow {
  [column: string]: string | number | boolean | null;
}

export class NetSuiteClient {
  constructor(
    private readonly http: HttpClient,
    private readonly tokens: NetSuiteTokens,
  ) {}

  /**
   * PUT /services/rest/record/v1/employee/eid:{externalId}: create or update by external id
   * (doc section_156335203191), so a retry or a re-run can never create a duplicate.
   * Returns the internal id from the Location header when NetSuite sends one.
   */
  async upsertEmployee(externalId: string, body: Record<string, unknown>): Promise<{ status: number; internalId: string | undefined; attempts: number }> {
    const path = `/services/rest/record/v1/employee/eid:${externalId}`;
    const res = await this.send({ method: 'PUT', url: path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 204 && res.status !== 200) throw netsuiteError(res, `PUT employee eid:${externalId}`);
    const loc = res.headers.location;
    const internalId = loc ? /\/employee\/(\d+)(?:\?|$)/.exec(loc)?.[1] : undefined;
    return { status: res.status, internalId, attempts: res.attempts };
  }

  /** GET …/employee/eid:{externalId}: the internal id, or undefined when absent. */
  async employeeId(externalId: string): Promise<string | undefined> {
    const res = await this.send({ method: 'GET', url: `/services/rest/record/v1/employee/eid:${externalId}` });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw netsuiteError(res, `GET employee eid:${externalId}`);
    const doc = JSON.parse(res.text()) as { id?: unknown };
    return doc.id === undefined ? undefined : String(doc.id);
  }

  /**
   * SuiteQL with `Prefer: transient` (doc section_158394344595), every page. Read-only, so
   * the POST may be retried like a GET.
   */
  async suiteql(q: string): Promise<SuiteQlRow[]> {
    const rows: SuiteQlRow[] = [];
    for (let offset = 0; ; ) {
      const res = await this.send({
        method: 'POST',
        url: '/services/rest/query/v1/suiteql',
        query: { limit: 1000, offset },
        headers: { 'content-type': 'application/json', prefer: 'transient' },
        body: JSON.stringify({ q }),
        idempotent: true,
      });
      if (res.status !== 200) throw netsuiteError(res, 'SuiteQL query');
      const page = JSON.parse(res.text()) as { items?: Array<Record<string, unknown>>; hasMore?: boolean; count?: number };
      for (const item of page.items ?? []) {
        const { links: _links, ...cols } = item;
        rows.push(cols as SuiteQlRow);
      }
      if (!page.hasMore || !page.items?.length) return rows;
      offset += page.items.length;
    }
  }

  private async send(req: HttpRequest): Promise<HttpResponse> {
    const attempt = (token: string) => this.http.send(withHeaders(req, { accept: 'application/json', ...req.headers, authorization: `Bearer ${token}` }));
    const used = this.tokens.fresh() ?? (await this.tokens.get());
    let res = await attempt(used);
    if (res.status === 401) {
      await this.tokens.renewIfStill(used);
      res = await attempt(await this.tokens.get());
      if (res.status === 401) throw netsuiteError(res, `${req.method} ${req.url}`);
    }
    return res;
  }
}

export function assertSafeExternalId(id: string): void {
  // NetSuite accepts only letters, digits, _ and - in eid: paths (doc section_156334828635).
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new MlcError('internal', `unsafe NetSuite external id "${id}"`);
}
