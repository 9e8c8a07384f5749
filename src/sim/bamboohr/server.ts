// The HTTP front of the simulator: one pipeline for every request — read, record, latency,
// faults, authentication, routing — so each route only computes its answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenHttp, readBody, resetConnection, sleep, type Listening } from '../common/listen.js';
import { isPrincipal, type Principal } from './auth.js';
import type { SimCompany } from './company.js';
import { SimError } from './company-inputs.js';
import type { ApiContext } from './context.js';
import type { ControlContext } from './control.js';
import type { FaultInjector } from './faults.js';
import { errorResponse, jsonResponse, type SimRequest, type SimResponse } from './http.js';
import type { OAuthServer } from './oauth.js';
import type { RecordedRequest } from './options.js';
import { recordExchange } from './recording.js';
import type { Router } from '../common/router.js';

export interface ServerDeps {
  api: Router<ApiContext>;
  control: Router<ControlContext>;
  controlContext: ControlContext;
  apiContext: (principal: Principal) => ApiContext;
  authenticate: (req: SimRequest) => Principal | SimResponse;
  oauth: OAuthServer;
  faults: FaultInjector;
  latencyMs: () => number;
  requests: RecordedRequest[];
  company: SimCompany;
  companyDomain: string;
}

const MAX_BODY = 20 * 1024 * 1024;

/** The legacy gateway form `/api/gateway.php/{company}/v1/…` maps onto `/api/v1/…` (reference §1.1). */
function rewriteGateway(path: string, companyDomain: string): string {
  const prefix = `/api/gateway.php/${companyDomain}/`;
  return path.startsWith(prefix) ? `/api/${path.slice(prefix.length)}` : path;
}

async function route<C>(router: Router<C>, req: SimRequest, ctx: C, asJson: boolean): Promise<SimResponse> {
  const fail = (status: number, message: string): SimResponse => (asJson ? jsonResponse(status, { error: message }) : errorResponse(status, message));
  const match = router.match(req.method, req.path);
  if ('status' in match) return fail(match.status, match.status === 405 ? 'Method not allowed' : `Not found: ${req.path}`);
  try {
    return await match.handler(req, match.params, ctx);
  } catch (err) {
    if (err instanceof SimError) return fail(err.status, err.message);
    if (err instanceof RangeError) return fail(400, err.message);
    return fail(500, err instanceof Error ? err.message : 'internal error');
  }
}

async function answer(deps: ServerDeps, req: SimRequest): Promise<SimResponse> {
  if (req.path.startsWith('/api/')) {
    const who = deps.authenticate(req);
    if (!isPrincipal(who)) return who;
    return route(deps.api, req, deps.apiContext(who), false);
  }
  if (req.path === '/authorize.php' && req.method === 'GET') return deps.oauth.authorize(req);
  if (req.path === '/token.php' && req.method === 'POST') return deps.oauth.token(req);
  return errorResponse(404, `Not found: ${req.path}`);
}

async function handle(deps: ServerDeps, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(raw.url ?? '/', 'http://sim.invalid');
  const body = await readBody(raw, MAX_BODY);
  if (body === undefined) throw new SimError(400, 'request body too large');
  const req: SimRequest = { method: raw.method ?? 'GET', path: rewriteGateway(url.pathname, deps.companyDomain), query: url.searchParams, headers: raw.headers, body };
  const write = (r: SimResponse): void => {
    const payload = r.body ?? '';
    res.writeHead(r.status, { ...r.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  };
  // Control calls are test plumbing: never faulted, delayed or recorded.
  if (req.path.startsWith('/_sim/')) return write(await route(deps.control, req, deps.controlContext, true));

  deps.company.sweep();
  const isApi = req.path.startsWith('/api/');
  const latency = deps.latencyMs();
  if (isApi && latency > 0) await sleep(latency);
  const fault = deps.faults.decide(req.path, isApi);
  if (fault?.kind === 'reset') {
    deps.requests.push(recordExchange(req, undefined));
    return resetConnection(raw);
  }
  if (fault?.kind === 'slow') await sleep(fault.ms);
  const response = fault?.kind === 'respond' ? fault.response : await answer(deps, req);
  deps.requests.push(recordExchange(req, response));
  write(response);
}

export function listen(deps: ServerDeps, host: string, port: number): Promise<Listening> {
  return listenHttp(
    (req, res) => handle(deps, req, res),
    (err, res) => {
      const r = err instanceof SimError ? errorResponse(err.status, err.message) : errorResponse(500, 'internal error');
      res.writeHead(r.status, r.headers).end();
    },
    host,
    port,
  );
}
