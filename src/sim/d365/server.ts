// The HTTP front: one pipeline for every request — read, control API, latency, faults,
// token endpoint or (Bearer check, service protection, /data routing), recording — so each
// route only computes its answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenHttp, readBody, resetConnection, sleep, type Listening } from '../common/listen.js';
import { BATCH_PATH, executeBatch } from './batch.js';
import type { DataContext } from './context.js';
import { DATA_PREFIX, dispatchData } from './data-routes.js';
import { tokenEndpoint, TOKEN_PATH, type TokenEndpointDeps } from './entra.js';
import type { FaultInjector } from './faults.js';
import { errorResponse, plainError, writeError, type SimRequest, type SimResponse } from './http.js';
import { recordExchange } from './recording.js';
import type { D365State } from './state.js';
import type { ServiceProtection } from './throttle.js';
import type { TokenStore } from './tokens.js';
import type { D365Stats, RecordedRequest } from './types.js';

export interface ServerDeps {
  state: D365State;
  stats: D365Stats;
  tokens: TokenStore;
  token: TokenEndpointDeps;
  faults: FaultInjector;
  throttle: ServiceProtection;
  requests: RecordedRequest[];
  latencyMs: () => number;
  inFlight: { count: number };
  baseUrl: () => string;
  control: (req: SimRequest) => Promise<SimResponse>;
}

const MAX_BODY = 50 * 1024 * 1024;
const isData = (path: string): boolean => path === DATA_PREFIX || path.startsWith(`${DATA_PREFIX}/`);

async function delay(deps: ServerDeps): Promise<void> {
  const ms = deps.latencyMs();
  if (ms > 0) await sleep(ms);
}

/** An injected business refusal: the AxODataWriteException of the entity the path names (reference §8 A.3). */
function businessFault(state: D365State, req: SimRequest, status: number, infolog: string, inBatch: boolean): SimResponse {
  const set = /^\/data\/([^/(?]+)/.exec(req.path)?.[1] ?? '';
  const entity = state.schema.set(set)?.entity ?? set;
  return errorResponse(writeError(status, entity, [{ level: 'Warning', text: infolog }], req.method === 'POST' ? 'create' : 'update', inBatch));
}

/** Each request of a $batch meets the queued faults that name its path (pathPrefix). */
function batchDispatch(deps: ServerDeps): (ctx: DataContext, req: SimRequest) => SimResponse {
  return (ctx, req) => {
    const fault = deps.faults.decidePart(req.method, req.path);
    if (!fault) return dispatchData(ctx, req);
    deps.stats.faultsInjected += 1;
    if (fault.kind === 'business') return businessFault(deps.state, req, fault.status, fault.infolog, true);
    return fault.kind === 'respond' ? fault.response : dispatchData(ctx, req);
  };
}

/** Bearer check, then service protection (per user; latency counts as time in flight), then the route. */
async function data(deps: ServerDeps, req: SimRequest): Promise<SimResponse> {
  deps.stats.dataRequests += 1;
  const auth = deps.tokens.check(req);
  if (!auth.ok) {
    // F&O's 401 body is not documented; an empty body with a Bearer challenge (assumption).
    deps.stats.unauthorized += 1;
    return { status: 401, headers: { 'WWW-Authenticate': 'Bearer', 'OData-Version': '4.0' } };
  }
  const rejected = deps.throttle.admit(auth.clientId);
  if (rejected) {
    deps.stats.throttled += 1;
    return errorResponse(rejected);
  }
  try {
    await delay(deps);
    const ctx: DataContext = { state: deps.state, stats: deps.stats, serviceRoot: `${deps.baseUrl()}${DATA_PREFIX}`, inBatch: false, crossCompany: false };
    return req.path === BATCH_PATH ? executeBatch(ctx, req, batchDispatch(deps)) : dispatchData(ctx, req);
  } finally {
    deps.throttle.done(auth.clientId);
  }
}

async function answer(deps: ServerDeps, req: SimRequest): Promise<SimResponse> {
  const tenant = TOKEN_PATH.exec(req.path)?.[1];
  if (tenant !== undefined) {
    await delay(deps);
    return tokenEndpoint(deps.token, req, tenant);
  }
  if (isData(req.path)) return data(deps, req);
  return errorResponse(plainError(404, `No HTTP resource was found that matches the request URI '${req.path}'.`));
}

/** Faults, then the answer (latency inside it); `afterWrite` faults let the request run (and write) before failing. */
async function serve(deps: ServerDeps, req: SimRequest, raw: IncomingMessage, write: (r: SimResponse) => void): Promise<void> {
  const fault = deps.faults.decide(req.method, req.path, isData(req.path));
  if (fault) deps.stats.faultsInjected += 1;
  if (fault?.kind === 'slow') await sleep(fault.ms);
  let response: SimResponse | undefined;
  if (!fault || fault.kind === 'slow' || fault.afterWrite) response = await answer(deps, req);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.kind === 'reset') {
    deps.requests.push(recordExchange(req, undefined));
    return resetConnection(raw);
  }
  if (fault?.kind === 'respond') response = fault.response;
  if (fault?.kind === 'business') response = businessFault(deps.state, req, fault.status, fault.infolog, false);
  const final = response ?? errorResponse(plainError(500, 'An error has occurred.'));
  deps.requests.push(recordExchange(req, final));
  write(final);
}

async function handle(deps: ServerDeps, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(raw.url ?? '/', 'http://sim.invalid');
  const body = await readBody(raw, MAX_BODY);
  const req: SimRequest = { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body: body ?? Buffer.alloc(0) };
  const write = (r: SimResponse): void => {
    const payload = r.body ?? '';
    res.writeHead(r.status, r.status === 204 ? r.headers : { ...r.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    res.end(r.status === 204 ? undefined : payload);
  };
  // Control calls are test plumbing: never delayed, faulted, throttled or recorded.
  if (req.path.startsWith('/_sim/')) return write(await deps.control(req));
  if (body === undefined) return write(errorResponse(plainError(413, 'The request body is too large.')));
  deps.inFlight.count += 1;
  deps.stats.maxInFlight = Math.max(deps.stats.maxInFlight, deps.inFlight.count);
  try {
    await serve(deps, req, raw, write);
  } finally {
    deps.inFlight.count -= 1;
  }
}

export function listen(deps: ServerDeps, host: string, port: number): Promise<Listening> {
  return listenHttp(
    (req, res) => handle(deps, req, res),
    (_err, res) => {
      const r = errorResponse(plainError(500, 'An error has occurred.'));
      res.writeHead(r.status, r.headers).end(r.body);
    },
    host,
    port,
  );
}
