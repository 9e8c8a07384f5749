// The agent's HTTPS protocol v1 (src/agent/sage100/README.md): the only code of this adapter
// that sends requests. The API key goes in X-Api-Key on every request; trust in the agent's
// certificate (pin or CA file) and the client certificate are in the dispatcher the engine
// builds from the target's tls block. Batches are upserts by key that the agent compares
// before writing, so a resent batch never doubles anything: the HTTP layer may retry them.
import type { ZodType } from 'zod';
import { MlcError } from '../../domain/errors.js';
import { withHeaders, type HttpClient, type HttpRequest, type HttpResponse } from '../../http/client.js';
import { agentError, untrustedCertificate } from './errors.js';
import { BatchAnswer, InfoAnswer, TableAnswer, type AgentWrite, type Row, type WriteResult } from './schemas.js';

export const PROTOCOL = 1;
const API_KEY_HEADER = 'x-api-key';

export class AgentClient {
  /** Rows per page: at most the agent's capabilities.paging.maxLimit (set after /v1/info). */
  pageSize = 1000;

  constructor(
    private readonly http: HttpClient,
    private readonly system: string,
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  /** GET /v1/info: what the agent is and can do. */
  async info(): Promise<InfoAnswer> {
    return this.json(await this.send({ method: 'GET', url: '/v1/info' }, 'GET /v1/info'), InfoAnswer, 'GET /v1/info');
  }

  /** GET /v1/tables/{table}, every page (rows in KPRIMARY order; the cursor survives rows added between pages). */
  async rows(table: string, filters: Record<string, string> = {}): Promise<Row[]> {
    const limit = this.pageSize;
    const out: Row[] = [];
    for (let cursor: string | null | undefined; ; ) {
      const what = `GET /v1/tables/${table}`;
      const res = await this.send({ method: 'GET', url: `/v1/tables/${encodeURIComponent(table)}`, query: { ...filters, limit, cursor: cursor ?? undefined } }, what);
      const page = this.json(res, TableAnswer, what);
      out.push(...page.rows);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
  }

  /** POST /v1/batch: the writes in order, one result each (a refused record does not stop the rest). */
  async batch(writes: readonly AgentWrite[]): Promise<WriteResult[]> {
    const what = `POST /v1/batch (${writes.length} writes)`;
    const res = await this.send({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writes }), idempotent: true }, what);
    const { results } = this.json(res, BatchAnswer, what);
    if (results.length !== writes.length) throw new MlcError('bad_response', `${this.system}: ${what} answered ${results.length} results`);
    return results;
  }

  private async send(req: HttpRequest, what: string): Promise<HttpResponse> {
    const headers = { accept: 'application/json', ...req.headers, ...(this.apiKey ? { [API_KEY_HEADER]: this.apiKey } : {}) };
    let res: HttpResponse;
    try {
      res = await this.http.send(withHeaders(req, headers));
    } catch (err) {
      throw (await untrustedCertificate(this.system, this.baseUrl, err)) ?? err;
    }
    if (res.status < 200 || res.status > 299) throw agentError(this.system, res, what);
    const version = res.headers['x-agent-protocol'];
    if (version !== undefined && version !== String(PROTOCOL)) throw new MlcError('http_status', `${this.system}: the agent speaks protocol v${version}; this mlc speaks v${PROTOCOL}`);
    return res;
  }

  private json<T>(res: HttpResponse, schema: ZodType<T>, what: string): T {
    let raw: unknown;
    try {
      raw = JSON.parse(res.text());
    } catch {
      throw new MlcError('bad_response', `${this.system}: ${what} answered something that is not JSON (${res.headers['content-type'] ?? 'no content type'})`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new MlcError('bad_response', `${this.system}: ${what} answered an unexpected shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
}
