// Injected faults (DESIGN §6), decided for authenticated /GPService requests only (the NTLM
// handshake itself always completes): `failNext` entries first, in order, then a seeded rate.
// Kinds: 500 (the GP service failed: JSON error), 503 (http.sys with the app pool down: IIS's
// HTML page, no Retry-After unless asked; SBA throttling is NOT FOUND, erps.md §8 B.2),
// reset (TCP RST, no answer: the login goes with the connection), slow, and reauth (the
// server forgets the connection's login and answers 401, as IIS does with
// authPersistSingleRequest or after a worker recycle: the client must handshake again) and
// close (a normal answer with `Connection: close`: the next request needs a new connection,
// hence a new handshake, without any error to see).
import { mulberry32 } from '../common/prng.js';
import { errorResponse, GpError, htmlResponse, type Format, type GpResponse } from './http.js';
import type { GpFailNext, GpFaultKind, GpFaults } from './types.js';

export type FaultDecision = { afterWrite: boolean; delayMs: number } & ({ kind: 'reset' } | { kind: 'reauth' } | { kind: 'close' } | { kind: 'slow'; ms: number } | { kind: 'respond'; status: number; retryAfterSec?: number; message?: string });

const UNAVAILABLE_HTML = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>\r\n';

/** The answer for a `respond` fault in the request's format (503 is always http.sys's HTML). */
export function faultResponse(d: Extract<FaultDecision, { kind: 'respond' }>, format: Format): GpResponse {
  const headers: Record<string, string> = d.retryAfterSec !== undefined ? { 'Retry-After': String(d.retryAfterSec) } : {};
  if (d.status === 503) return htmlResponse(503, UNAVAILABLE_HTML, headers);
  const code = d.status >= 500 ? 'InternalError' : 'SimulatedError';
  return errorResponse(new GpError(d.status, code, d.message ?? `Simulated error ${d.status}: the GP service could not complete the request.`, [], headers), format);
}

const WRITES = new Set(['POST', 'PATCH', 'DELETE']);

export class FaultInjector {
  private faults: GpFaults | undefined;
  private queue: Array<GpFailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(faults: GpFaults | undefined) {
    this.set(faults);
  }

  set(faults: GpFaults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  private fromQueue(method: string, path: string): FaultDecision | undefined {
    const i = this.queue.findIndex((f) => (f.method === undefined || [f.method].flat().some((m) => m.toUpperCase() === method)) && (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)));
    const e = this.queue[i];
    if (!e) return undefined;
    if (--e.left <= 0) this.queue.splice(i, 1);
    const base = { afterWrite: e.afterWrite === true && WRITES.has(method), delayMs: e.delayMs ?? 0 };
    if (typeof e.status === 'string') return { ...base, kind: e.status };
    return { ...base, kind: 'respond', status: e.status, ...(e.retryAfterSec !== undefined ? { retryAfterSec: e.retryAfterSec } : {}), ...(e.message !== undefined ? { message: e.message } : {}) };
  }

  decide(method: string, path: string): FaultDecision | undefined {
    const queued = this.fromQueue(method, path);
    if (queued) return queued;
    const f = this.faults;
    if (!f?.rate || this.random() >= f.rate) return undefined;
    const kinds: GpFaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['500', '503'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    const base = { afterWrite: false, delayMs: 0 };
    if (kind === 'reset' || kind === 'reauth' || kind === 'close') return { ...base, kind };
    if (kind === 'slow') return { ...base, kind: 'slow', ms: f.slowMs ?? 5000 };
    return { ...base, kind: 'respond', status: Number(kind) };
  }
}
