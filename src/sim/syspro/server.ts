// The HTTP front: http.sys limits first (414 for a long URL, before anything else sees the
// request), then the control API, then WCF's routing (404/405), then latency, faults,
// the e.net operation and recording, so each operation only computes its answer.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenHttp, readBody, resetConnection, sleep, type Listening } from '../common/listen.js';
import type { Router } from '../common/router.js';
import type { EnetContext } from './enet.js';
import type { FaultInjector } from './faults.js';
import { endpointNotFound, methodNotAllowed, params, prefixNotFound, requestError, requestTooLong, urlTooLong, type SimRequest, type SimResponse } from './http.js';
import { recordExchange } from './recording.js';
import type { SysproState } from './state.js';
import type { RecordedRequest } from './types.js';

export interface ServerDeps {
  ctx: EnetContext;
  router: Router<EnetContext>;
  state: SysproState;
  faults: FaultInjector;
  requests: RecordedRequest[];
  latencyMs: () => number;
  maxUrlBytes: number;
  maxRequestBytes: number | null;
  control: (req: SimRequest) => Promise<SimResponse>;
  inFlight: Map<string, number>;
}

/** Control bodies are small JSON; e.net calls are GETs and carry none. */
const MAX_BODY = 1024 * 1024;
const PREFIX = '/sysprowcfservice/';

function alias(deps: ServerDeps): (userId: string) => string {
  return (userId) => {
    const n = deps.ctx.sessions.numberOf(userId);
    return n === undefined ? '…' : `…#${n}`;
  };
}

function record(deps: ServerDeps, req: SimRequest, res: SimResponse | undefined): void {
  deps.requests.push(recordExchange(req, res, alias(deps)));
}

/** Request line plus header lines, as http.sys counts them against MaxRequestBytes. */
function requestBytes(raw: IncomingMessage): number {
  let n = Buffer.byteLength(`${raw.method ?? 'GET'} ${raw.url ?? '/'} HTTP/${raw.httpVersion}\r\n`);
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) n += Buffer.byteLength(`${raw.rawHeaders[i]}: ${raw.rawHeaders[i + 1]}\r\n`);
  return n + 2;
}

/** The limit answer, or undefined when http.sys would pass the request on. */
function httpSysLimit(deps: ServerDeps, raw: IncomingMessage): SimResponse | undefined {
  if (Buffer.byteLength(raw.url ?? '/') > deps.maxUrlBytes) {
    deps.ctx.stats.urlTooLong += 1;
    return urlTooLong();
  }
  if (deps.maxRequestBytes !== null && requestBytes(raw) > deps.maxRequestBytes) return requestTooLong();
  return undefined;
}

async function serve(deps: ServerDeps, req: SimRequest, raw: IncomingMessage, run: () => SimResponse | Promise<SimResponse>, write: (r: SimResponse) => void): Promise<void> {
  const p = params(req);
  const userId = p.get('userid') ?? '';
  const latency = deps.latencyMs();
  if (latency > 0) await sleep(latency);
  const fault = deps.faults.decide(req.path, (p.get('businessobject') ?? '').trim().toUpperCase());
  if (fault) deps.ctx.stats.faultsInjected += 1;
  if (fault?.kind === 'slow') await sleep(fault.ms);
  if (fault?.kind === 'evict' && !fault.afterWrite) deps.state.evictSessionOf(userId);
  let response: SimResponse | undefined;
  // A business rule refusing the next item: set for this call only (setup.ts reads it once).
  if (fault?.kind === 'reject') deps.ctx.setupConfig.rejectNext = fault.text ?? '';
  try {
    if (!fault || fault.kind === 'slow' || fault.kind === 'evict' || fault.kind === 'reject' || fault.afterWrite) response = await run();
  } finally {
    deps.ctx.setupConfig.rejectNext = undefined;
  }
  if (fault?.kind === 'evict' && fault.afterWrite) deps.state.evictSessionOf(userId);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.kind === 'reset') {
    record(deps, req, undefined);
    return resetConnection(raw);
  }
  if (fault?.kind === 'respond') response = fault.response;
  const final = response ?? requestError();
  record(deps, req, final);
  write(final);
}

/** Counts calls in flight per session id, so a test can see whether the client serialises. */
async function tracked(deps: ServerDeps, userId: string, work: () => Promise<void>): Promise<void> {
  if (userId === '') return work();
  const inFlight = deps.inFlight;
  const now = (inFlight.get(userId) ?? 0) + 1;
  inFlight.set(userId, now);
  deps.ctx.stats.maxInFlightPerSession = Math.max(deps.ctx.stats.maxInFlightPerSession, now);
  try {
    await work();
  } finally {
    const left = (inFlight.get(userId) ?? 1) - 1;
    if (left <= 0) inFlight.delete(userId);
    else inFlight.set(userId, left);
  }
}

async function handle(deps: ServerDeps, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const write = (r: SimResponse): void => {
    const payload = r.body ?? '';
    res.writeHead(r.status, { ...r.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  };
  const url = new URL(raw.url ?? '/', 'http://sim.invalid');
  const limited = url.pathname.startsWith('/_sim/') ? undefined : httpSysLimit(deps, raw);
  const body = limited ? Buffer.alloc(0) : await readBody(raw, MAX_BODY);
  const req: SimRequest = { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body: body ?? Buffer.alloc(0) };
  if (limited) {
    record(deps, req, limited);
    return write(limited);
  }
  // Control calls are test plumbing: never faulted, delayed or recorded.
  if (req.path.startsWith('/_sim/')) return write(await deps.control(req));
  const lower = req.path.toLowerCase();
  const match = deps.router.match(req.method, lower);
  if ('status' in match) {
    const answer = !lower.startsWith(PREFIX) ? prefixNotFound() : match.status === 405 ? methodNotAllowed() : endpointNotFound();
    record(deps, req, answer);
    return write(answer);
  }
  const userId = params(req).get('userid') ?? '';
  await tracked(deps, userId, () => serve(deps, req, raw, () => match.handler(req, match.params, deps.ctx), write));
}

/** A request line beyond even Node's raised header limit still gets http.sys's 414. */
function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    const r = urlTooLong();
    const body = String(r.body ?? '');
    const head = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.end(`HTTP/1.1 414 Request-URI Too Long\r\n${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return;
  }
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
}

export async function listen(deps: ServerDeps, host: string, port: number): Promise<Listening> {
  const listening = await listenHttp(
    (req, res) => handle(deps, req, res),
    (_err, res) => {
      const r = requestError();
      res.writeHead(r.status, r.headers).end(r.body);
    },
    host,
    port,
  );
  // Node refuses request heads over 16 KiB by itself (431), before the 414 check could run.
  // The server reads `maxHeaderSize` per connection; listenHttp takes no ServerOptions, so it
  // is set on the instance (untyped, but what createServer({ maxHeaderSize }) stores).
  (listening.server as Server & { maxHeaderSize?: number }).maxHeaderSize = Math.max(deps.maxUrlBytes, deps.maxRequestBytes ?? 0) + 64 * 1024;
  listening.server.on('clientError', onClientError);
  return listening;
}

