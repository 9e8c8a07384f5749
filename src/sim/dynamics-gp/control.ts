// Control API for tests and the demo when the simulator runs in another process: /_sim/*, no
// auth, JSON in and out, bodies validated with zod (400 naming the offending keys). What a GP
// user would do in GP itself (close a period, inactivate an account, post a transaction)
// happens here, because SBA offers no call for it.
import { z } from 'zod';
import { parseControlBody } from '../common/control.js';
import { Router } from '../common/router.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import { GpError, type GpResponse, type SimRequest } from './http.js';
import type { NtlmAuthenticator } from './ntlm-auth.js';
import type { ActiveResource } from './resources.js';
import type { GpCompanyStore } from './store.js';
import type { GpStats, RecordedRequest } from './types.js';

export interface ControlContext {
  tenant: string;
  stores: ReadonlyMap<string, GpCompanyStore>;
  resources: readonly ActiveResource[];
  stats: GpStats;
  faults: FaultInjector;
  auth: NtlmAuthenticator;
  requests: RecordedRequest[];
  latency: { get(): number; set(ms: number): void };
  dropConnections(keep?: object): void;
}

const json = (status: number, value: unknown): GpResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
const ok = (value: unknown = { ok: true }, status = 200): GpResponse => json(status, value);
const fail = (status: number, message: string): GpError => new GpError(status, 'Control', message);

const parse = <T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> => parseControlBody(schema, req.body.toString('utf8'), fail);

const TABLES = {
  vendors: (s: GpCompanyStore) => s.vendors.all(),
  employees: (s: GpCompanyStore) => s.employees.all(),
  accounts: (s: GpCompanyStore) => s.accounts.all(),
  'cost-centers': (s: GpCompanyStore) => s.costCenters.all(),
  periods: (s: GpCompanyStore) => s.periods.all(),
  transactions: (s: GpCompanyStore) => s.transactions.all(),
} as const;

function companyRoutes(r: Router<object>, ctx: ControlContext): void {
  const store = (p: Record<string, string>): GpCompanyStore => {
    const s = ctx.stores.get(p['company'] ?? '');
    if (!s) throw fail(404, `no company ${p['company'] ?? ''}; companies: ${[...ctx.stores.keys()].join(' | ')}`);
    return s;
  };
  const exists = <T>(row: T | undefined, what: string): T => {
    if (row === undefined) throw fail(404, `no ${what}`);
    return row;
  };
  r.add('GET', '/_sim/companies/:company/:table', (_q, p) => {
    const name = p['table'] ?? '';
    const list = Object.hasOwn(TABLES, name) ? TABLES[name as keyof typeof TABLES] : undefined;
    if (!list) throw fail(404, `unknown table ${p['table'] ?? ''}; use ${Object.keys(TABLES).join(', ')}`);
    return ok({ items: list(store(p)) });
  });
  r.add('POST', '/_sim/companies/:company/accounts', (q, p) => {
    const b = parse(S.AccountBody, q);
    return ok(store(p).addAccount({ AccountNumber: b.AccountNumber, Description: b.Description, PostingType: b.PostingType ?? 'ProfitAndLoss', IsActive: b.IsActive ?? true }), 201);
  });
  r.add('PATCH', '/_sim/companies/:company/accounts/:number', (q, p) => {
    const s = store(p);
    exists(s.accounts.get(p['number'] ?? ''), `account ${p['number'] ?? ''}`);
    return ok(s.setAccountActive(p['number'] ?? '', parse(S.ActiveBody, q).IsActive));
  });
  r.add('POST', '/_sim/companies/:company/cost-centers', (q, p) => {
    const b = parse(S.CostCenterBody, q);
    return ok(store(p).addCostCenter({ CostCenterId: b.CostCenterId, Description: b.Description, IsActive: b.IsActive ?? true }), 201);
  });
  r.add('PATCH', '/_sim/companies/:company/cost-centers/:id', (q, p) => {
    const s = store(p);
    exists(s.costCenters.get(p['id'] ?? ''), `cost centre ${p['id'] ?? ''}`);
    return ok(s.setCostCenterActive(p['id'] ?? '', parse(S.ActiveBody, q).IsActive));
  });
  r.add('PATCH', '/_sim/companies/:company/periods/:year/:period', (q, p) => {
    const s = store(p);
    const [year, period] = [Number(p['year']), Number(p['period'])];
    exists(s.periods.get(`${year};${period}`), `fiscal period ${p['year'] ?? ''}/${p['period'] ?? ''}`);
    const b = parse(S.PeriodBody, q);
    return ok(s.setPeriodClosed(year, period, b.Closed, b.Series));
  });
  r.add('POST', '/_sim/companies/:company/transactions/:journalId/post', (_q, p) => ok(store(p).post(Number(p['journalId']))));
}

function simRoutes(r: Router<object>, ctx: ControlContext): void {
  r.add('GET', '/_sim/state', () =>
    ok({
      tenant: ctx.tenant,
      companies: [...ctx.stores.values()].map((s) => ({ name: s.name, companyId: s.companyId, counts: s.counts() })),
      resources: ctx.resources.map((x) => ({ name: x.def.name, path: x.path })),
      stats: ctx.stats,
      latencyMs: ctx.latency.get(),
      lastAuthFailure: ctx.auth.lastFailure,
    }),
  );
  r.add('POST', '/_sim/faults', (q) => {
    ctx.faults.set(parse(S.FaultsBody, q) ?? undefined);
    return ok();
  });
  r.add('POST', '/_sim/latency', (q) => {
    ctx.latency.set(parse(S.LatencyBody, q).ms);
    return ok();
  });
  r.add('POST', '/_sim/users', (q) => {
    const u = parse(S.UserBody, q);
    ctx.auth.addUser({ domain: u.domain, user: u.user, password: u.password, ...(u.companies ? { companies: u.companies } : {}) });
    return ok();
  });
  r.add('POST', '/_sim/connections/drop', (_q, _p, socket) => {
    ctx.dropConnections(socket);
    return ok();
  });
  r.add('GET', '/_sim/requests', () => ok({ requests: ctx.requests }));
  r.add('DELETE', '/_sim/requests', () => {
    ctx.requests.length = 0;
    return ok();
  });
}

/** Control failures answer `{"error": …}`: GpError keeps its status, RangeError (bad input to the store) is a 400. */
function failure(err: unknown): GpResponse {
  if (err instanceof GpError) return json(err.status, { error: err.message });
  return json(err instanceof RangeError ? 400 : 500, { error: err instanceof Error ? err.message : 'internal error' });
}

export function controlHandler(ctx: ControlContext): (req: SimRequest, socket: object) => Promise<GpResponse> {
  const router = new Router<object>();
  simRoutes(router, ctx);
  companyRoutes(router, ctx);
  return async (req, socket) => {
    const match = router.match(req.method, req.path);
    if ('status' in match) return json(match.status, { error: match.status === 405 ? 'method not allowed' : `not found: ${req.path}` });
    return Promise.resolve()
      .then(() => match.handler(req, match.params, socket))
      .catch(failure);
  };
}
