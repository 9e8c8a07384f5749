// The GP SBA client: the only code of this adapter that sends requests, all through the NTLM
// pool (transport.ts). JSON is asked for with the `.json` suffix and request bodies are
// wrapped as `{"Payload": …}`; answers come wrapped the same way (erps.md §3.2). POST creates
// (no key in the URL), PATCH updates an existing record, DELETE deletes (§8 B.1).
import { z } from 'zod';
import type { HttpMethod, HttpResponse } from '../../http/client.js';
import type { GpResource, GpSettings } from './config.js';
import { badJson, gpError } from './errors.js';
import type { NtlmPool } from './transport.js';
import { resourceUrl, tenantPath } from './url.js';

const Company = z.looseObject({ Name: z.string(), CompanyId: z.string().optional() });
export type GpCompany = z.infer<typeof Company>;

export interface WriteOptions {
  headers?: Record<string, string>;
  /** Safe to send twice (a guard catches a duplicate: look-up before create, 409 → PATCH). */
  idempotent?: boolean;
}

export class GpClient {
  constructor(
    readonly s: GpSettings,
    private readonly pool: NtlmPool,
  ) {}

  get logons(): number {
    return this.pool.logons;
  }

  send(method: HttpMethod, url: string, body?: unknown, o: WriteOptions = {}): Promise<HttpResponse> {
    const json = body === undefined ? undefined : JSON.stringify({ Payload: body });
    return this.pool.send({
      method,
      url,
      headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...o.headers },
      ...(json === undefined ? {} : { body: json }),
      ...(o.idempotent === undefined ? {} : { idempotent: o.idempotent }),
    });
  }

  url(resource: GpResource, key?: readonly string[], filter?: string): string {
    return resourceUrl(this.s, this.s.paths[resource], key, filter);
  }

  /** The `Payload` of a JSON answer, checked with `schema`. */
  payload<T>(res: HttpResponse, schema: z.ZodType<T>, what: string): T {
    let doc: unknown;
    try {
      doc = JSON.parse(res.text());
    } catch {
      throw badJson(this.s.name, what, res);
    }
    const parsed = z.object({ Payload: schema }).safeParse(doc);
    if (!parsed.success) throw badJson(this.s.name, `${what} (not the expected {"Payload": …}: ${parsed.error.issues[0]?.message ?? ''})`, res);
    return parsed.data.Payload;
  }

  async list<T>(resource: GpResource, schema: z.ZodType<T>, filter?: string): Promise<T[]> {
    const what = `GET ${this.s.paths[resource]}`;
    const res = await this.send('GET', this.url(resource, undefined, filter));
    if (res.status !== 200) throw gpError(res, what, this.s.name);
    return this.payload(res, z.array(schema), what);
  }

  /** The companies this Windows account may use (`GET …/Companies.json`). */
  async companies(): Promise<GpCompany[]> {
    const res = await this.send('GET', `${tenantPath(this.s)}/Companies.json`);
    if (res.status !== 200) throw gpError(res, 'GET Companies', this.s.name);
    return this.payload(res, z.array(Company), 'GET Companies');
  }

  /** The tenant's discovery page (erps.md §3.1), HTML. */
  async help(): Promise<string> {
    const res = await this.send('GET', `${tenantPath(this.s)}/help`);
    if (res.status !== 200) throw gpError(res, 'GET help', this.s.name);
    return res.text();
  }
}
