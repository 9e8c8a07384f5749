// The simulator's layer around the agent's handler: /_sim control first (never delayed,
// faulted or recorded), then latency, then faults (`afterWrite` lets the agent write before
// the failure), then a fault on the next written record when the agent does run, then
// recording.
import type { AgentRequest, AgentResponse, Intercept } from '../../agent/sage100/server/types.js';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { sleep } from '../common/listen.js';
import type { FaultInjector } from './faults.js';
import { recordExchange } from './recording.js';
import type { RecordedRequest } from './types.js';
import type { WriteFaults } from './write-faults.js';

export interface InterceptDeps {
  control: (req: AgentRequest) => Promise<AgentResponse>;
  faults: FaultInjector;
  writeFaults: WriteFaults;
  requests: RecordedRequest[];
  counters: { requests: number };
  latencyMs: () => number;
}

export function simIntercept(deps: InterceptDeps): Intercept {
  return async (req, raw, next) => {
    if (req.path.startsWith('/_sim/')) return deps.control(req);
    deps.counters.requests += 1;
    const latency = deps.latencyMs();
    if (latency > 0) await sleep(latency);
    const fault = deps.faults.decide(req.method, req.path);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    const runsHandler = !fault || fault.kind === 'slow' || fault.afterWrite;
    const rewritten = runsHandler ? deps.writeFaults.take(req) : undefined;
    let response = rewritten ? await rewritten.answer(next) : runsHandler ? await next(req) : undefined;
    if (fault && fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault?.kind === 'reset') {
      deps.requests.push(recordExchange(req, undefined));
      resetTls(raw);
      return undefined;
    }
    if (fault?.kind === 'respond') response = { ...fault.response, log: { fault: fault.response.status } };
    const final = response ?? { status: 500, headers: {}, body: '' };
    deps.requests.push(recordExchange(req, final));
    return final;
  };
}

/**
 * A TCP reset under TLS. src/sim/common's resetConnection calls resetAndDestroy on the
 * request's socket, which throws ERR_INVALID_HANDLE_TYPE for a TLSSocket; the TCP socket
 * below a server-side TLSSocket is its (internal) `_parent`. Without it: a plain close.
 */
function resetTls(raw: IncomingMessage): void {
  const tls = raw.socket as Socket & { _parent?: Socket | null };
  const tcp = tls._parent;
  if (tcp && typeof tcp.resetAndDestroy === 'function') tcp.resetAndDestroy();
  tls.destroy();
}
