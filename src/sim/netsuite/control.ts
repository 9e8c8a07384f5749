// Control API for tests and the demo when the simulator runs in another process: /_sim/*,
// no auth, JSON in and out, bodies validated with zod (400 naming the offending keys).
import { importSPKI } from 'jose';
import type { z } from 'zod';
import type { ClientRegistry } from './assertion.js';
import * as S from './control-schemas.js';
import type { FaultInjector } from './faults.js';
import { jsonResponse, type SimRequest, type SimResponse } from './http.js';
import type { NetSuiteRecords } from './records.js';
import { ControlError, controlDispatch, parseControlBody } from '../common/control.js';
import { Router } from '../common/router.js';
import type { TokenService } from './tokens.js';
import { REFERENCE_TYPES, type NetSuiteStats, type RecordedRequest, type ReferenceType } from './types.js';

export interface ControlContext {
  accountId: string;
  records: NetSuiteRecords;
  stats: NetSuiteStats;
  faults: FaultInjector;
  tokens: TokenService;
  clients: ClientRegistry;
  requests: RecordedRequest[];
  latency: { get(): number; set(ms: number): void };
  concurrency: { limit: number; inFlight(): number };
}

const parse = <T extends z.ZodType>(schema: T, req: SimRequest): z.infer<T> => parseControlBody(schema, req.body.toString('utf8'));

function refType(params: Record<string, string>): ReferenceType {
  const t = REFERENCE_TYPES.find((x) => x === params['type']);
  if (!t) throw new ControlError(404, `unknown reference type ${params['type'] ?? ''}; use ${REFERENCE_TYPES.join(', ')}`);
  return t;
}

const ok = (value: unknown = { ok: true }, status = 200): SimResponse => jsonResponse(status, value);

/** The key must import for at least one of the client's algorithms, or no assertion could ever verify. */
async function usableKey(pem: string, algorithms: readonly string[]): Promise<boolean> {
  for (const alg of algorithms) {
    try {
      await importSPKI(pem, alg);
      return true;
    } catch {
      // try the next algorithm
    }
  }
  return false;
}

function routes(ctx: ControlContext): Router<void> {
  const r = new Router<void>();
  r.add('GET', '/_sim/state', () =>
    ok({ accountId: ctx.accountId, counts: ctx.records.counts(), stats: ctx.stats, inFlight: ctx.concurrency.inFlight(), concurrencyLimit: ctx.concurrency.limit, latencyMs: ctx.latency.get() }),
  );
  r.add('GET', '/_sim/employees', () => ok({ employees: ctx.records.employees() }));
  r.add('GET', '/_sim/employees/eid/:externalId', (_q, p) => {
    const e = ctx.records.employeeByExternalId(p['externalId'] ?? '');
    if (!e) throw new ControlError(404, `no employee with externalId ${p['externalId'] ?? ''}`);
    return ok(e);
  });
  r.add('GET', '/_sim/employees/:id', (_q, p) => {
    const e = ctx.records.employee(p['id'] ?? '');
    if (!e) throw new ControlError(404, `no employee with id ${p['id'] ?? ''}`);
    return ok(e);
  });
  r.add('GET', '/_sim/references/:type', (_q, p) => ok({ items: ctx.records.reference(refType(p)) }));
  r.add('POST', '/_sim/references/:type', (q, p) => ok({ id: ctx.records.addReference(refType(p), parse(S.ReferenceBody, q)) }, 201));
  r.add('PATCH', '/_sim/references/:type/:id', (q, p) => {
    const type = refType(p);
    const id = p['id'] ?? '';
    if (!ctx.records.referenceById(type, id)) throw new ControlError(404, `no ${type} with id ${id}`);
    ctx.records.setInactive(type, id, parse(S.InactiveBody, q).isInactive);
    return ok();
  });
  r.add('POST', '/_sim/faults', (q) => {
    ctx.faults.set(parse(S.FaultsBody, q) ?? undefined);
    return ok();
  });
  r.add('POST', '/_sim/latency', (q) => {
    ctx.latency.set(parse(S.LatencyBody, q).ms);
    return ok();
  });
  r.add('POST', '/_sim/tokens/expire', () => {
    ctx.tokens.expireAll();
    return ok();
  });
  r.add('POST', '/_sim/clients', async (q) => {
    const body = parse(S.ClientBody, q);
    if (!(await usableKey(body.publicKeyPem, body.algorithms ?? ['PS256', 'ES256']))) throw new ControlError(400, 'publicKeyPem: not an SPKI public key usable with the given algorithms');
    ctx.clients.register(body);
    return ok({ certificateId: body.certificateId }, 201);
  });
  r.add('GET', '/_sim/requests', () => ok({ requests: ctx.requests }));
  r.add('DELETE', '/_sim/requests', () => {
    ctx.requests.length = 0;
    return ok();
  });
  return r;
}

export function controlHandler(ctx: ControlContext): (req: SimRequest) => Promise<SimResponse> {
  return controlDispatch(routes(ctx), jsonResponse);
}
