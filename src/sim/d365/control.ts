// Control API for tests and the demo when the simulator runs in another process: /_sim/*,
// no auth, JSON in and out, bodies validated with zod (400 naming the offending keys).
import type { z } from 'zod';
import { ControlError, controlDispatch, parseControlBody } from '../common/control.js';
import { Router } from '../common/router.js';
import type { AppRegistry } from './apps.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import type { SimRequest, SimResponse } from './http.js';
import { Schema } from './schema.js';
import type { D365State } from './state.js';
import type { ServiceProtection } from './throttle.js';
import type { TokenStore } from './tokens.js';
import type { D365Stats, RecordedRequest } from './types.js';

export interface ControlContext {
  state: D365State;
  stats: D365Stats;
  faults: FaultInjector;
  throttle: ServiceProtection;
  tokens: TokenStore;
  apps: AppRegistry;
  requests: RecordedRequest[];
  latency: { get(): number; set(ms: number): void };
  info: { tenantId: string; environmentHost: string; tokenUrl: () => string };
}

const json = (status: number, value: unknown): SimResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
const ok = (value: unknown = { ok: true }, status = 200): SimResponse => json(status, value);

const parse = <T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> => parseControlBody(schema, req.body.toString('utf8'));

function dimensionRoutes(r: Router<void>, ctx: ControlContext): void {
  const st = ctx.state;
  r.add('GET', '/_sim/dimension-values', () => ok({ values: st.dimensionValueList() }));
  r.add('POST', '/_sim/dimension-values', (q) => {
    st.addDimensionValue(parse(S.DimensionValueBody, q));
    return ok(undefined, 201);
  });
  r.add('PATCH', '/_sim/dimension-values/:dimension/:value', (q, p) => {
    const body = parse(S.DimensionValuePatch, q);
    const key = { FinancialDimension: p['dimension'] ?? '', LegalEntityId: body.legalEntityId ?? '', DimensionValue: p['value'] ?? '' };
    const row = st.dimensionValues.get(key);
    if (!row) throw new ControlError(404, `no value ${key.DimensionValue} of dimension ${key.FinancialDimension}`);
    const values = { ...row.values };
    if (body.description !== undefined) values['Description'] = body.description;
    if (body.suspended !== undefined) values['IsSuspended'] = body.suspended ? 'Yes' : 'No';
    st.dimensionValues.put({ ...row, values, rv: st.db.rv(), used: body.used ?? row.used === true, overridden: row.overridden === true || body.suspended !== undefined });
    return ok();
  });
  r.add('GET', '/_sim/format', () => ok({ format: st.format, delimiter: st.delimiter }));
  r.add('PUT', '/_sim/format', (q) => {
    st.setFormat(parse(S.FormatBody, q));
    return ok();
  });
}

function dataRoutes(r: Router<void>, ctx: ControlContext): void {
  const st = ctx.state;
  r.add('GET', '/_sim/vendors', (q) => ok({ vendors: st.vendorList(q.query.get('dataAreaId') ?? undefined) }));
  r.add('GET', '/_sim/vendors/:dataAreaId/:account', (_q, p) => {
    const v = st.vendor(p['dataAreaId'] ?? '', p['account'] ?? '');
    if (!v) throw new ControlError(404, `no vendor ${p['account'] ?? ''} in ${p['dataAreaId'] ?? ''}`);
    return ok(v);
  });
  r.add('POST', '/_sim/vendors', (q) => {
    st.seedVendor(parse(S.VendorBody, q));
    return ok(undefined, 201);
  });
  r.add('POST', '/_sim/vendor-groups', (q) => {
    const g = parse(S.VendorGroupBody, q);
    st.addVendorGroup(g.dataAreaId, g.id, g.description);
    return ok(undefined, 201);
  });
  r.add('POST', '/_sim/schema', (q) => {
    st.schema = new Schema(parse(S.SchemaBody, q));
    return ok();
  });
  r.add('PATCH', '/_sim/settings', (q) => {
    const { messages, ...rest } = parse(S.SettingsBody, q);
    st.settings = { ...st.settings, ...rest, messages: { ...st.settings.messages, ...messages } };
    return ok({ settings: st.settings });
  });
}

function plumbingRoutes(r: Router<void>, ctx: ControlContext): void {
  r.add('GET', '/_sim/state', () =>
    ok({
      ...ctx.info,
      tokenUrl: ctx.info.tokenUrl(),
      defaultCompany: ctx.state.defaultCompany,
      counts: ctx.state.counts(),
      stats: ctx.stats,
      format: ctx.state.format,
      delimiter: ctx.state.delimiter,
      settings: ctx.state.settings,
      throttle: ctx.throttle.current ?? null,
      latencyMs: ctx.latency.get(),
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
  r.add('POST', '/_sim/throttle', (q) => {
    ctx.throttle.set(parse(S.ThrottleBody, q) ?? undefined);
    return ok();
  });
  r.add('POST', '/_sim/throttle/reset', () => {
    ctx.throttle.reset();
    return ok();
  });
  r.add('GET', '/_sim/apps', () => ok({ apps: ctx.apps.list() }));
  r.add('POST', '/_sim/apps', (q) => {
    ctx.apps.register(parse(S.AppBody, q));
    return ok(undefined, 201);
  });
  r.add('POST', '/_sim/tokens/expire', () => {
    ctx.tokens.expireAll();
    return ok();
  });
  r.add('GET', '/_sim/requests', () => ok({ requests: ctx.requests }));
  r.add('DELETE', '/_sim/requests', () => {
    ctx.requests.length = 0;
    return ok();
  });
}

export function controlHandler(ctx: ControlContext): (req: SimRequest) => Promise<SimResponse> {
  const router = new Router<void>();
  plumbingRoutes(router, ctx);
  dataRoutes(router, ctx);
  dimensionRoutes(router, ctx);
  return controlDispatch(router, json);
}
