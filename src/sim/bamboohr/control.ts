// Control API for tests and the demo when the simulator runs in another process: /_sim/*,
// no auth, JSON in and out, bodies validated with zod (400 with the offending keys).
import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { DatasetSettings } from './dataset-query.js';
import type { SimCompany } from './company.js';
import { SimError } from './company-inputs.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import { bodyText, jsonResponse, type SimRequest, type SimResponse } from './http.js';
import { TABLE_NAMES, type TableName } from './model.js';
import type { OAuthServer } from './oauth.js';
import type { RecordedRequest, SimDatasetOptions } from './options.js';
import { parseControlBody } from '../common/control.js';
import { Router } from '../common/router.js';
import type { WebhookDispatcher } from './webhook-delivery.js';

export interface ControlContext {
  company: SimCompany;
  clock: Clock;
  faults: FaultInjector;
  setLatency: (ms: number) => void;
  requests: RecordedRequest[];
  oauth: OAuthServer;
  dispatcher: WebhookDispatcher;
  datasets: DatasetSettings;
  setDatasets: (patch: SimDatasetOptions) => void;
}

const parse = <T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> => parseControlBody(schema, bodyText(req), (st, m) => new SimError(st, m));

function idOf(params: Record<string, string>): number {
  const raw = params['id'] ?? '';
  if (!/^\d+$/.test(raw)) throw new SimError(404, `no employee with id ${raw}`);
  return Number(raw);
}

function summary(ctx: ControlContext): Record<string, unknown> {
  const employees = ctx.company.data.employees.map((e) => {
    const v = ctx.company.view(e);
    return { id: e.id, employeeNumber: e.employeeNumber, firstName: e.firstName, lastName: e.lastName, status: v.d.status, department: v.d.job?.department ?? null, lastChanged: e.lastChanged, deleted: e.deleted };
  });
  const live = employees.filter((e) => !e.deleted);
  return {
    now: ctx.clock.now().toISOString(),
    today: ctx.clock.today(),
    timeZone: ctx.clock.timeZone,
    companyId: ctx.company.companyId,
    counts: { employees: live.length, active: live.filter((e) => e.status === 'Active').length, inactive: live.filter((e) => e.status === 'Inactive').length, deleted: employees.length - live.length },
    employees,
  };
}

const ok = (value: unknown = { ok: true }, status = 200): SimResponse => jsonResponse(status, value);

export function controlRouter(): Router<ControlContext> {
  const r = new Router<ControlContext>();
  r.add('GET', '/_sim/state', (_q, _p, ctx) => ok(summary(ctx)));
  r.add('POST', '/_sim/clock', (q, _p, ctx) => {
    const body = parse(S.ClockBody, q);
    if (body.set !== undefined) ctx.clock.set(body.set);
    if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
    return ok({ now: ctx.clock.now().toISOString(), today: ctx.clock.today() });
  });
  r.add('POST', '/_sim/employees', (q, _p, ctx) => ok({ id: ctx.company.hire(parse(S.HireBody, q)) }, 201));
  r.add('GET', '/_sim/employees/:id', (_q, p, ctx) => {
    const e = ctx.company.get(idOf(p));
    if (!e) throw new SimError(404, `no employee with id ${p['id'] ?? ''}`);
    const v = ctx.company.view(e);
    return ok({ ...e, current: { status: v.d.status, terminationDate: v.d.terminationDate, jobInfoRowId: v.d.job?.id ?? null, employmentStatusRowId: v.d.employment?.id ?? null, compensationRowId: v.d.pay?.id ?? null } });
  });
  r.add('PATCH', '/_sim/employees/:id', (q, p, ctx) => {
    ctx.company.update(idOf(p), parse(S.UpdateBody, q));
    return ok({ id: idOf(p) });
  });
  r.add('DELETE', '/_sim/employees/:id', (_q, p, ctx) => {
    ctx.company.remove(idOf(p));
    return ok({ id: idOf(p) });
  });
  r.add('POST', '/_sim/employees/:id/jobInfo', (q, p, ctx) => ok({ rowId: ctx.company.addJobInfo(idOf(p), parse(S.JobInfoBody, q)) }, 201));
  r.add('POST', '/_sim/employees/:id/employmentStatus', (q, p, ctx) => ok({ rowId: ctx.company.addEmploymentStatus(idOf(p), parse(S.EmploymentStatusBody, q)) }, 201));
  r.add('POST', '/_sim/employees/:id/compensation', (q, p, ctx) => ok({ rowId: ctx.company.addCompensation(idOf(p), parse(S.CompensationBody, q)) }, 201));
  r.add('DELETE', '/_sim/employees/:id/rows/:table/:rowId', (_q, p, ctx) => {
    const table = p['table'] as TableName;
    if (!TABLE_NAMES.includes(table)) throw new SimError(404, `unknown table ${p['table'] ?? ''}`);
    ctx.company.removeRow(idOf(p), table, Number(p['rowId']));
    return ok();
  });
  r.add('POST', '/_sim/employees/:id/terminate', (q, p, ctx) => {
    const { date, ...details } = parse(S.TerminateBody, q);
    return ok({ rowId: ctx.company.terminate(idOf(p), date, details) }, 201);
  });
  r.add('POST', '/_sim/employees/:id/rehire', (q, p, ctx) => {
    const { date, employmentStatus } = parse(S.RehireBody, q);
    return ok({ rowId: ctx.company.rehire(idOf(p), date, employmentStatus ? { employmentStatus } : {}) }, 201);
  });
  r.add('POST', '/_sim/faults', (q, _p, ctx) => {
    ctx.faults.set(parse(S.FaultsBody, q) ?? undefined);
    return ok();
  });
  r.add('POST', '/_sim/latency', (q, _p, ctx) => {
    ctx.setLatency(parse(S.LatencyBody, q).ms);
    return ok();
  });
  r.add('POST', '/_sim/oauth/expire', (_q, _p, ctx) => (ctx.oauth.expireAccessTokens(), ok()));
  r.add('POST', '/_sim/oauth/revoke', (_q, _p, ctx) => (ctx.oauth.revokeRefreshTokens(), ok()));
  r.add('GET', '/_sim/oauth/refresh-tokens', (_q, _p, ctx) => ok({ refreshTokens: ctx.oauth.issuedRefreshTokens() }));
  r.add('GET', '/_sim/datasets', (_q, _p, ctx) => ok(ctx.datasets));
  r.add('POST', '/_sim/datasets', (q, _p, ctx) => {
    ctx.setDatasets(parse(S.DatasetsBody, q));
    return ok(ctx.datasets);
  });
  r.add('GET', '/_sim/requests', (_q, _p, ctx) => ok({ requests: ctx.requests }));
  r.add('DELETE', '/_sim/requests', (_q, _p, ctx) => ((ctx.requests.length = 0), ok()));
  r.add('GET', '/_sim/webhooks/deliveries', (_q, _p, ctx) => ok({ deliveries: ctx.dispatcher.deliveries }));
  r.add('POST', '/_sim/webhooks/flush', async (_q, _p, ctx) => {
    await ctx.dispatcher.flush();
    return ok({ deliveries: ctx.dispatcher.deliveries.length });
  });
  return r;
}
