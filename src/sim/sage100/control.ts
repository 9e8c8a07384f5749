// Control API for tests and the demo when the simulator runs in another process: /_sim/*,
// no auth, JSON in and out, bodies validated with zod (400 naming the bad keys). Errors use
// the agent's own error body.
import type { ObjectName } from '../../agent/sage100/boi/catalog.js';
import { MemoryCompany } from '../../agent/sage100/boi/memory/index.js';
import { ApiError, errorResponse, json } from '../../agent/sage100/protocol/errors.js';
import { parseJson } from '../../agent/sage100/protocol/schemas.js';
import type { AgentRequest, AgentResponse } from '../../agent/sage100/server/types.js';
import { Router } from '../common/router.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import type { RecordedRequest } from './types.js';
import type { WriteFaults } from './write-faults.js';

export interface ControlContext {
  company: MemoryCompany;
  faults: FaultInjector;
  writeFaults: WriteFaults;
  requests: RecordedRequest[];
  stats: Record<string, number>;
  latency: { get(): number; set(ms: number): void };
}

const ok = (value: unknown = { ok: true }, status = 200): AgentResponse => json(status, value);
const body = (req: { body: Buffer }): Buffer => (req.body.length === 0 ? Buffer.from('{}') : req.body);

function routes(ctx: ControlContext): Router<void> {
  const { company } = ctx;
  const r = new Router<void>();
  r.add('GET', '/_sim/state', () => ok({ company: company.code, stats: ctx.stats, latencyMs: ctx.latency.get(), structure: company.structure }));
  r.add('GET', '/_sim/main-accounts', () => ok({ rows: company.rows('GL_MainAccount') }));
  r.add('GET', '/_sim/sub-accounts', () => ok({ rows: company.rows('GL_SubAccount') }));
  r.add('GET', '/_sim/accounts', () => ok({ rows: company.rows('GL_Account') }));
  r.add('POST', '/_sim/locks', (q) => {
    const { object, key, ...opts } = parseJson(S.LockBody, body(q));
    company.locks.lock(object, MemoryCompany.lockKey(object as ObjectName, key), opts);
    return ok();
  });
  r.add('DELETE', '/_sim/locks', () => {
    company.locks.clear();
    return ok();
  });
  r.add('POST', '/_sim/busy-message', (q) => {
    company.busyMessage = parseJson(S.BusyMessageBody, body(q)).message;
    return ok();
  });
  r.add('POST', '/_sim/sessions/end', () => {
    company.endSessions();
    return ok();
  });
  r.add('POST', '/_sim/faults', (q) => {
    ctx.faults.set(parseJson(S.FaultsBody, body(q)) ?? undefined);
    return ok();
  });
  r.add('POST', '/_sim/write-faults', (q) => {
    ctx.writeFaults.add(parseJson(S.WriteFaultBody, body(q)));
    return ok();
  });
  r.add('DELETE', '/_sim/write-faults', () => {
    ctx.writeFaults.clear();
    return ok();
  });
  r.add('POST', '/_sim/latency', (q) => {
    ctx.latency.set(parseJson(S.LatencyBody, body(q)).ms);
    return ok();
  });
  r.add('GET', '/_sim/requests', () => ok({ requests: ctx.requests }));
  r.add('DELETE', '/_sim/requests', () => {
    ctx.requests.length = 0;
    return ok();
  });
  return r;
}

export function controlHandler(ctx: ControlContext): (req: AgentRequest) => Promise<AgentResponse> {
  const router = routes(ctx);
  return async (req) => {
    const match = router.match(req.method, req.path);
    if ('status' in match) return errorResponse(new ApiError(match.status, match.status === 405 ? 'method_not_allowed' : 'not_found', `no control route ${req.method} ${req.path}`));
    try {
      return await match.handler(req, match.params, undefined);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      return errorResponse(new ApiError(400, 'invalid_request', err instanceof Error ? err.message : 'invalid request'));
    }
  };
}
