// The HTTP front of the simulator: one pipeline for every request — read, concurrency
// governance, latency, faults, Bearer check, routing, recording — so each route only
// computes its answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenHttp, readBody, resetConnection, sleep, type Listening } from '../common/listen.js';
import { CONCURRENCY_DETAIL, failure, type FaultInjector } from './faults.js';
import { errorResponse, NsError, type SimRequest, type SimResponse } from './http.js';
import type { NetSuiteRecords } from './records.js';
import { recordExchange } from './recording.js';
import { recordRoute } from './routes-record.js';
import { SUITEQL_PATH, suiteQlRoute } from './suiteql.js';
import { TOKEN_PATH, type TokenService } from './tokens.js';
import type { NetSuiteStats, RecordedRequest } from './types.js';

export interface ServerDeps {
  records: NetSuiteRecords;
  stats: NetSuiteStats;
  tokens: TokenService;
  faults: FaultInjector;
  requests: RecordedRequest[];
  latencyMs: () => number;
  concurrencyLimit: number;
  inFlight: { count: number };
  baseUrl: () => string;
  control: (req: SimRequest) => Promise<SimResponse>;
}

/** NetSuite's request-size limit is 104 MB (subsect_1559222360); the simulator stops far earlier. */
const MAX_BODY = 20 * 1024 * 1024;

/** Concurrency is governed on record and query calls, not on the token endpoint (subsect_1559222360). */
const isGoverned = (path: string): boolean => path.startsWith('/services/rest/record/') || path.startsWith('/services/rest/query/');

async function answer(deps: ServerDeps, req: SimRequest): Promise<SimResponse> {
  try {
    if (req.path === TOKEN_PATH) return await deps.tokens.token(req);
    if (!isGoverned(req.path)) throw new NsError(404, 'NOT_FOUND', `Not found: ${req.path}`);
    const denied = deps.tokens.authenticate(req);
    if (denied) return denied;
    if (req.path === SUITEQL_PATH) return suiteQlRoute(req, deps.records, deps.baseUrl());
    if (req.path.startsWith('/services/rest/query/')) throw new NsError(404, 'NOT_FOUND', `Not found: ${req.path}`);
    return recordRoute(req, { records: deps.records, stats: deps.stats, baseUrl: deps.baseUrl(), now: () => new Date().toISOString() });
  } catch (err) {
    if (err instanceof NsError) return errorResponse(err);
    return errorResponse(new NsError(500, 'UNEXPECTED_ERROR', err instanceof Error ? err.message : 'An unexpected error occurred.'));
  }
}


/** Latency, then faults; `afterWrite` faults let the handler run (and write) before failing. */
async function serve(deps: ServerDeps, req: SimRequest, raw: IncomingMessage, write: (r: SimResponse) => void): Promise<void> {
  const latency = deps.latencyMs();
  if (latency > 0 && req.path.startsWith('/services/rest/')) await sleep(latency);
  const fault = deps.faults.decide(req.method, req.path, isGoverned(req.path));
  if (fault?.kind === 'slow') await sleep(fault.ms);
  let response: SimResponse | undefined;
  if (!fault || fault.kind === 'slow' || fault.afterWrite) response = await answer(deps, req);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.kind === 'reset') {
    deps.requests.push(recordExchange(req, undefined));
    return resetConnection(raw);
  }
  if (fault?.kind === 'respond') response = fault.response;
  const final = response ?? failure(500);
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
  // Control calls are test plumbing: never governed, faulted, delayed or recorded.
  if (req.path.startsWith('/_sim/')) return write(await deps.control(req));
  if (body === undefined) return write(errorResponse(new NsError(400, 'INVALID_CONTENT', 'The request body is too large.')));
  const governed = isGoverned(req.path);
  if (governed && deps.inFlight.count >= deps.concurrencyLimit) {
    // Rejected at once, before authentication; no Retry-After is documented.
    deps.stats.concurrencyRejections += 1;
    const rejected = failure(429, 'CONCURRENCY_LIMIT_EXCEEDED', CONCURRENCY_DETAIL);
    deps.requests.push(recordExchange(req, rejected));
    return write(rejected);
  }
  if (!governed) return serve(deps, req, raw, write);
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
      const r = errorResponse(new NsError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.'));
      res.writeHead(r.status, r.headers).end(r.body);
    },
    host,
    port,
  );
}
