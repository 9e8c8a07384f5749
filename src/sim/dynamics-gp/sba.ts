// Dispatch of an authenticated SBA request: tenant, company (and the GP user's access to it,
// erps.md §8 B.1), resource, verb. The verb map follows §3.2: GET collection = list, GET key =
// one, POST collection = create (no key in the URL), PATCH key = update, DELETE key = delete.
import type { AuthedUser } from './ntlm-auth.js';
import { GpError, payloadResponse, type GpResponse, type SimRequest } from './http.js';
import { helpPage } from './help.js';
import type { Call, ResourceHandlers } from './resource.js';
import { findResource, type ActiveResource } from './resources.js';
import type { GpCompanyStore } from './store.js';
import type { GpStats } from './types.js';
import { companySegment, tenantBase, type SbaPath } from './url.js';

export interface SbaContext {
  tenant: string;
  stores: ReadonlyMap<string, GpCompanyStore>;
  resources: readonly ActiveResource[];
  stats: GpStats;
  baseUrl(): string;
}

const mayUse = (user: AuthedUser, company: string): boolean => !user.companies || user.companies.includes(company);

function company(ctx: SbaContext, name: string, user: AuthedUser): GpCompanyStore {
  const store = ctx.stores.get(name);
  if (!store) throw new GpError(404, 'CompanyNotFound', `The company '${name}' does not exist in tenant ${ctx.tenant}.`);
  if (!mayUse(user, name)) throw new GpError(403, 'AccessDenied', `User ${user.domain}\\${user.user} has no access to company '${name}'.`);
  return store;
}

type Verb = keyof ResourceHandlers;

function verb(method: string, keyed: boolean): Verb | undefined {
  if (method === 'GET') return keyed ? 'get' : 'list';
  if (method === 'POST' && !keyed) return 'create';
  if (method === 'PATCH' && keyed) return 'update';
  if (method === 'DELETE' && keyed) return 'remove';
  return undefined;
}

function allowed(h: ResourceHandlers, keyed: boolean): string {
  const pairs: Array<[Verb, string]> = keyed ? [['get', 'GET'], ['update', 'PATCH'], ['remove', 'DELETE']] : [['list', 'GET'], ['create', 'POST']];
  return pairs.filter(([v]) => h[v]).map(([, m]) => m).join(', ');
}

function resource(ctx: SbaContext, req: SimRequest, p: Extract<SbaPath, { kind: 'resource' }>, user: AuthedUser): GpResponse {
  const store = company(ctx, p.company, user);
  const r = findResource(ctx.resources, p.collection);
  if (!r) throw new GpError(404, 'NotFound', `No resource ${p.collection} on this server; see ${tenantBase('', ctx.tenant).slice(1)}/help.`);
  if (p.key && p.key.length !== r.def.keyArity) throw new GpError(400, 'InvalidKey', `${r.path} takes the key ${r.def.keyTemplate}.`);
  const h = r.def.handlers;
  const v = verb(req.method, p.key !== undefined);
  const handler = v ? h[v] : undefined;
  if (!handler) throw new GpError(405, 'MethodNotAllowed', `${req.method} is not available on ${r.path}${p.key ? `(${r.def.keyTemplate})` : ''}.`, [], { Allow: allowed(h, p.key !== undefined) });
  const call: Call = {
    req,
    store,
    format: p.format,
    stats: ctx.stats,
    location: (key) => `${tenantBase(ctx.baseUrl(), ctx.tenant)}/${companySegment(store.name)}/${r.path}(${encodeURIComponent(key)})${p.format === 'json' ? '.json' : ''}`,
  };
  return handler(call, p.key ?? []);
}

export function answerSba(ctx: SbaContext, req: SimRequest, p: Exclude<SbaPath, { kind: 'unknown' }>, user: AuthedUser): GpResponse {
  if (p.tenant.toLowerCase() !== ctx.tenant.toLowerCase()) throw new GpError(404, 'TenantNotFound', `The tenant '${p.tenant}' does not exist.`);
  if (p.kind === 'help') return helpPage(ctx.tenant, ctx.resources);
  if (p.kind === 'companies') {
    if (req.method !== 'GET') throw new GpError(405, 'MethodNotAllowed', `${req.method} is not available on Companies.`, [], { Allow: 'GET' });
    const list = [...ctx.stores.values()].filter((s) => mayUse(user, s.name)).map((s) => ({ Name: s.name, CompanyId: s.companyId }));
    return payloadResponse(200, list, p.format);
  }
  return resource(ctx, req, p, user);
}
