// The F&O OData client: the only code in this adapter that sends requests. Bearer token on
// every call; a 401 renews the token (once for all requests in flight) and sends again, and a
// 401 with the fresh token is a refusal (exit 4). 429 with Retry-After, 503 and resets are
// retried by the HTTP layer, whose adaptive gate lowers the requests in flight while F&O
// throttles (erps.md §8 A.5). Reads follow @odata.nextLink (server-driven paging, §5.2).
import { MlcError } from '../../domain/errors.js';
import { withHeaders, type HttpClient, type HttpRequest, type HttpResponse } from '../../http/client.js';
import type { EntraTokens } from './auth.js';
import { batchBody, parseBatchAnswer, type BatchAnswer, type BatchRequest } from './batch.js';
import type { D365Settings } from './config.js';
import { readError, refused } from './errors.js';

const ODATA_HEADERS = { accept: 'application/json', 'odata-version': '4.0', 'odata-maxversion': '4.0' };

/** An OData string literal: single quotes, doubled inside (OData ABNF). */
export const literal = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export class D365Client {
  constructor(
    private readonly s: D365Settings,
    private readonly http: HttpClient,
    readonly tokens: EntraTokens,
  ) {}

  /** `https://env/data/<path>`; the environment may sit under a path (a proxy). */
  url(path: string): string {
    return `${this.s.baseUrl}/data/${path}`;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const attempt = (token: string) => this.http.send(withHeaders(req, { ...ODATA_HEADERS, ...req.headers, authorization: `Bearer ${token}` }));
    const used = await this.tokens.current();
    const res = await attempt(used);
    if (res.status !== 401) return res;
    await this.tokens.refused(used);
    const again = await attempt(await this.tokens.current());
    if (again.status === 401) throw refused(401, `${req.method} ${new URL(req.url).pathname}`);
    return again;
  }

  /** `https://env/data/<set>?<query>`, encoded with %20 (OData reads `+` as a plus, not a space). */
  queryUrl(path: string, query: Record<string, string> = {}): string {
    const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`).join('&');
    return qs ? `${this.url(path)}?${qs}` : this.url(path);
  }

  /** Every row of a query, page after page. */
  async rows(path: string, query: Record<string, string> = {}): Promise<Row[]> {
    return this.rowsFrom(this.queryUrl(path, query), `GET ${path}`);
  }

  /** Rows from `url` on, following @odata.nextLink. */
  async rowsFrom(url: string | undefined, what: string, seed: Row[] = []): Promise<Row[]> {
    const out = [...seed];
    let next = url;
    while (next) {
      const res = await this.send({ method: 'GET', url: next });
      if (res.status !== 200) throw readError(res.status, res.text(), what);
      const page = rowsPage(res.text(), what);
      out.push(...page.rows);
      next = page.next;
    }
    return out;
  }

  /**
   * Several queries' rows: in one $batch (GETs outside changesets) when `batch` allows and
   * there is more than one, else side by side. A part not answered 200 is read again on its own,
   * so its error is that request's; a page beyond the first is fetched plainly.
   */
  async rowsMany(queries: ReadonlyArray<{ path: string; query: Record<string, string> }>): Promise<Row[][]> {
    if (!this.s.batch || queries.length < 2) return Promise.all(queries.map((q) => this.rows(q.path, q.query)));
    const answers = await this.batch(queries.map((q) => ({ method: 'GET', url: this.queryUrl(q.path, q.query) })));
    return Promise.all(queries.map(async (q, i) => {
      const what = `GET ${q.path} (in $batch)`;
      const a = answers.find((x) => x.contentId === String(i + 1)) ?? answers[i];
      if (!a || a.status !== 200) {
        if (a && (a.status === 401 || a.status === 403)) throw readError(a.status, a.text, what);
        return this.rows(q.path, q.query);
      }
      const page = rowsPage(a.text, what);
      return page.next ? this.rowsFrom(page.next, what, page.rows) : page.rows;
    }));
  }

  /** A write of its own (batch: false). Every mlc write is an upsert step the next round checks, so a resend is safe. */
  write(method: 'POST' | 'PATCH', url: string, body: unknown): Promise<HttpResponse> {
    return this.send({ method, url, headers: { 'content-type': 'application/json; odata.metadata=minimal', prefer: 'return=minimal' }, body: JSON.stringify(body), idempotent: true });
  }

  /**
   * One $batch. A throttled or interrupted batch is sent again whole (the HTTP layer honours
   * Retry-After): a create that did land meets its duplicate key next time and becomes an
   * update, so resending never makes a second record. `continue-on-error` keeps one failing
   * changeset from stopping the ones after it.
   */
  async batch(requests: readonly BatchRequest[]): Promise<BatchAnswer[]> {
    const { contentType, body } = batchBody(requests);
    const res = await this.send({ method: 'POST', url: this.url('$batch'), headers: { 'content-type': contentType, prefer: 'odata.continue-on-error' }, body, idempotent: true });
    if (res.status !== 200) throw readError(res.status, res.text(), 'POST $batch');
    try {
      return parseBatchAnswer(res.headers['content-type'], res.text());
    } catch (err) {
      throw new MlcError('bad_response', `D365 POST $batch: ${(err as Error).message}`, { retryable: true });
    }
  }

  /** GET /data/$metadata (CSDL XML; large on real environments, read only by config check). */
  async metadata(): Promise<string> {
    const res = await this.send({ method: 'GET', url: this.url('$metadata'), headers: { accept: 'application/xml' } });
    if (res.status !== 200) throw readError(res.status, res.text(), 'GET $metadata');
    return res.text();
  }
}

type Row = Record<string, unknown>;

/** One page of a collection: `{"value":[…],"@odata.nextLink":…}`. */
export function rowsPage(text: string, what: string): { rows: Row[]; next: string | undefined } {
  let doc: { value?: unknown; '@odata.nextLink'?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new MlcError('bad_response', `D365 ${what}: the answer is not JSON (${text.trim().slice(0, 40)})`, { retryable: true });
  }
  if (!Array.isArray(doc.value)) throw new MlcError('bad_response', `D365 ${what}: the answer has no value array`, { retryable: true });
  return { rows: doc.value as Row[], next: typeof doc['@odata.nextLink'] === 'string' ? doc['@odata.nextLink'] : undefined };
}
