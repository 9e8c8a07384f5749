// Control API for tests and the demo when the simulator runs in another process: /_sim/*,
// no auth, JSON in and out, bodies validated with zod (400 naming the offending keys).
import type { z } from 'zod';
import { ControlError, controlDispatch, parseControlBody } from '../common/control.js';
import { Router } from '../common/router.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import { jsonResponse, type SimRequest, type SimResponse } from './http.js';
import type { SessionStore } from './sessions.js';
import type { SysproState } from './state.js';
import type { RecordedRequest, SysproStats } from './types.js';

export interface ControlContext {
  state: SysproState;
  sessions: SessionStore;
  stats: SysproStats;
  faults: FaultInjector;
  requests: RecordedRequest[];
  latency: { get(): number; set(ms: number): void };
  idleTimeout: { get(): number; set(ms: number): void };
}

const body = <T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> => parseControlBody(schema, req.body.toString('utf8'));

const done = (value: unknown = { ok: true }, status = 200): SimResponse => jsonResponse(status, value);

function reads(r: Router<ControlContext>): void {
  r.add('GET', '/_sim/state', (_q, _p, c) =>
    done({
      stats: c.stats,
      sessions: c.sessions.list(),
      counts: { employees: c.state.employees().length, costCentres: c.state.costCentres().length, workCentres: c.state.workCentres().length, customFormValues: c.state.customFormValues().length },
      latencyMs: c.latency.get(),
      sessionIdleTimeoutMs: c.idleTimeout.get(),
      licensedBusinessObjects: [...c.state.licensed].sort(),
    }),
  );
  r.add('GET', '/_sim/employees', (_q, _p, c) => done({ employees: c.state.employees() }));
  r.add('GET', '/_sim/employees/:code', (_q, p, c) => {
    const e = c.state.employee(p['code'] ?? '');
    if (!e) throw new ControlError(404, `no employee ${p['code'] ?? ''}`);
    return done(e);
  });
  r.add('GET', '/_sim/cost-centres', (_q, _p, c) => done({ costCentres: c.state.costCentres() }));
  r.add('GET', '/_sim/work-centres', (_q, _p, c) => done({ workCentres: c.state.workCentres() }));
  r.add('GET', '/_sim/custom-form-values', (_q, _p, c) => done({ customFormValues: c.state.customFormValues() }));
  r.add('GET', '/_sim/sessions', (_q, _p, c) => done({ sessions: c.sessions.list() }));
  r.add('GET', '/_sim/requests', (_q, _p, c) => done({ requests: c.requests }));
}

/** A POST that changes state and answers `{ok:true}`; `status` 201 when it creates something. */
function action<T extends z.ZodType>(r: Router<ControlContext>, path: string, schema: T, apply: (c: ControlContext, v: z.infer<T>) => void, status = 200): void {
  r.add('POST', path, (q, _p, c) => {
    apply(c, body(schema, q));
    return done(undefined, status);
  });
}

function writes(r: Router<ControlContext>): void {
  r.add('PATCH', '/_sim/employees/:code', (q, p, c) => {
    const code = p['code'] ?? '';
    if (!c.state.employee(code)) throw new ControlError(404, `no employee ${code}`);
    c.state.setLabourPosted(code, body(S.LabourPostedBody, q).labourPosted);
    return done();
  });
  action(r, '/_sim/cost-centres', S.CostCentreBody, (c, v) => c.state.addCostCentre(v), 201);
  action(r, '/_sim/work-centres', S.WorkCentreBody, (c, v) => c.state.addWorkCentre(v), 201);
  action(r, '/_sim/custom-forms', S.CustomFormBody, (c, v) => c.state.defineForm(v), 201);
  action(r, '/_sim/sessions/human-logon', S.OperatorBody, (c, v) => c.state.humanLogon(v.operator));
  action(r, '/_sim/sessions/expire', S.OperatorBody, (c, v) => c.sessions.expire(v.operator));
  action(r, '/_sim/sessions/idle-timeout', S.TimeoutBody, (c, v) => c.idleTimeout.set(v.ms));
  action(r, '/_sim/licences', S.LicencesBody, (c, v) => c.state.setLicensed(v.businessObjects));
  action(r, '/_sim/faults', S.FaultsBody, (c, v) => c.faults.set(v ?? undefined));
  action(r, '/_sim/latency', S.LatencyBody, (c, v) => c.latency.set(v.ms));
  r.add('DELETE', '/_sim/requests', (_q, _p, c) => {
    c.requests.length = 0;
    return done();
  });
}

export function controlHandler(ctx: ControlContext): (req: SimRequest) => Promise<SimResponse> {
  const router = new Router<ControlContext>();
  reads(router);
  writes(router);
  return controlDispatch(router, jsonResponse, ctx);
}
