// The HTTP front: one pipeline for every request — read, latency, Windows authentication of
// the connection, faults, SBA dispatch, recording — so each resource only computes its answer.
// Authentication comes first for every path, as IIS applies Windows auth site-wide.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header } from '../common/http.js';
import { readBody, sleep } from '../common/listen.js';
import { faultResponse, type FaultDecision, type FaultInjector } from './faults.js';
import { errorResponse, GpError, type GpResponse, type SimRequest } from './http.js';
import { offerWindowsAuth, type AuthedUser, type NtlmAuthenticator } from './ntlm-auth.js';
import { recordExchange } from './recording.js';
import { answerSba, type SbaContext } from './sba.js';
import type { RecordedRequest } from './types.js';
import { formatOf, parseSbaPath } from './url.js';

export interface ServerDeps {
  auth: NtlmAuthenticator;
  faults: FaultInjector;
  sba: SbaContext;
  requests: RecordedRequest[];
  latencyMs(): number;
  authPersistSingleRequest: boolean;
  reset(req: IncomingMessage): void;
  /** `socket` is the control call's own connection, which a connection drop spares. */
  control(req: SimRequest, socket: object): Promise<GpResponse>;
}

const MAX_BODY = 20 * 1024 * 1024;

function answer(deps: ServerDeps, req: SimRequest, user: AuthedUser): GpResponse {
  const p = parseSbaPath(req.path);
  const format = formatOf(p);
  try {
    if (p.kind === 'unknown') throw new GpError(404, 'NotFound', `No service at ${req.path}.`);
    return answerSba(deps.sba, req, p, user);
  } catch (err) {
    const e = err instanceof GpError ? err : new GpError(500, 'InternalError', err instanceof Error ? err.message : 'An unexpected error occurred.');
    return errorResponse(e, format);
  }
}

function write(res: ServerResponse, r: GpResponse): void {
  const headers: Record<string, string | string[]> = { Server: 'Microsoft-HTTPAPI/2.0', ...r.headers };
  if (r.challenges) headers['WWW-Authenticate'] = r.challenges;
  const payload = r.status === 204 ? undefined : (r.body ?? '');
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** Runs the request under the fault (if any); `close` and afterWrite faults let the handler run first. */
async function faulted(deps: ServerDeps, req: SimRequest, raw: IncomingMessage, user: AuthedUser, fault: FaultDecision | undefined): Promise<GpResponse | 'reset'> {
  if (fault?.kind === 'slow') await sleep(fault.ms);
  if (!fault || fault.kind === 'slow') return answer(deps, req, user);
  if (fault.kind === 'close') {
    const r = answer(deps, req, user);
    if (fault.delayMs) await sleep(fault.delayMs);
    // Node ends the connection after an answer that says Connection: close.
    return { ...r, headers: { ...r.headers, Connection: 'close' } };
  }
  if (fault.afterWrite) answer(deps, req, user);
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.kind === 'reset') return 'reset';
  if (fault.kind === 'reauth') {
    deps.auth.forget(raw.socket);
    return offerWindowsAuth();
  }
  return faultResponse(fault, formatOf(parseSbaPath(req.path)));
}

export async function handle(deps: ServerDeps, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(raw.url ?? '/', 'http://sim.invalid');
  const body = await readBody(raw, MAX_BODY);
  const req: SimRequest = { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body: body ?? Buffer.alloc(0) };
  // Control calls are test plumbing: never authenticated, delayed, faulted or recorded.
  if (req.path.startsWith('/_sim/')) return write(res, await deps.control(req, raw.socket));
  const latency = deps.latencyMs();
  if (latency > 0) await sleep(latency);
  const outcome = deps.auth.authenticate(raw.socket, header(req, 'authorization'));
  const record = (r: GpResponse | undefined, user?: AuthedUser): void => void deps.requests.push(recordExchange(req, r, outcome.connection, user && `${user.domain}\\${user.user}`));
  if ('response' in outcome) {
    record(outcome.response);
    return write(res, outcome.response);
  }
  if (body === undefined) {
    const tooBig = errorResponse(new GpError(413, 'RequestTooLarge', 'The request body is too large.'), 'json');
    record(tooBig, outcome.user);
    return write(res, tooBig);
  }
  // The handshake always completes: a logon accepted by this very request (it carried the Type 3)
  // is not forgotten in the same answer, as no IIS does; `reauth` hits the requests after it.
  const decided = deps.faults.decide(req.method, req.path);
  const fault = decided?.kind === 'reauth' && header(req, 'authorization') !== undefined ? undefined : decided;
  const result = await faulted(deps, req, raw, outcome.user, fault);
  if (result === 'reset') {
    record(undefined, outcome.user);
    return deps.reset(raw);
  }
  if (deps.authPersistSingleRequest) deps.auth.forget(raw.socket);
  record(result, outcome.user);
  write(res, result);
}
