// Injected faults (DESIGN §6): `failNext` entries first, in order (method and path prefix;
// with a prefix also the requests inside a $batch), then a seeded rate over /data. 429 is resource-based throttling with Retry-After (A.5), 503
// an OData error with Retry-After, 502 the gateway's HTML page seen in front of F&O (A.3).
import { mulberry32 } from '../common/prng.js';
import { errorResponse, plainError, type SimResponse } from './http.js';
import type { D365FailNext, D365Faults, FaultKind } from './types.js';

export type FaultDecision = { afterWrite: boolean; delayMs: number } & (
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  | { kind: 'respond'; response: SimResponse }
  /** A record refused as D365 refuses one: the server builds the AxODataWriteException body. */
  | { kind: 'business'; status: number; infolog: string }
);

const RESOURCE_THROTTLE = 'This request could not be processed at this time due to system experiencing high resource utilization. Please retry the request after {0} seconds';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The answer a fault sends for `status` (bodies per status; texts are assumptions but 429's). */
export function faultResponse(status: number, message?: string, retryAfterSec?: number): SimResponse {
  if (status === 502) return { status, headers: { 'Content-Type': 'text/html' }, body: message ?? '<html><body>502 Bad Gateway</body></html>' };
  const wait = retryAfterSec ?? (status === 429 || status === 503 ? 1 : undefined);
  const headers: Record<string, string> = wait === undefined ? {} : { 'Retry-After': String(wait) };
  const text = message ?? (status === 429 ? RESOURCE_THROTTLE.replace('{0}', String(wait ?? 1)) : status === 503 ? 'The service is unavailable.' : 'An error has occurred.');
  if (status === 401) return { status, headers: { 'WWW-Authenticate': 'Bearer', ...headers } };
  return errorResponse(plainError(status, text, headers));
}

export class FaultInjector {
  private faults: D365Faults | undefined;
  private queue: Array<D365FailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(faults: D365Faults | undefined) {
    this.set(faults);
  }

  set(faults: D365Faults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  /** `part`: a request inside a $batch, matched only by entries naming a pathPrefix (never a reset). */
  private fromQueue(method: string, path: string, isData: boolean, part = false): FaultDecision | undefined {
    const index = this.queue.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.writes !== true || WRITE_METHODS.has(method)) &&
        (part ? f.pathPrefix !== undefined && f.status !== 'reset' && path.startsWith(f.pathPrefix) : f.pathPrefix === undefined ? isData : path.startsWith(f.pathPrefix)),
    );
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.queue.splice(index, 1);
    const base = { afterWrite: entry.afterWrite === true && WRITE_METHODS.has(method), delayMs: entry.delayMs ?? 0 };
    if (entry.status === 'reset') return { ...base, kind: 'reset' };
    if (entry.infolog !== undefined) return { ...base, kind: 'business', status: entry.status, infolog: entry.infolog };
    return { ...base, kind: 'respond', response: faultResponse(entry.status, entry.message, entry.retryAfterSec) };
  }

  /** A queued fault for a request inside a $batch; the seeded rate too when `parts` is set (then always a 503). */
  decidePart(method: string, path: string): FaultDecision | undefined {
    const queued = this.fromQueue(method, path, true, true);
    if (queued || !this.faults?.parts || !this.faults.rate || this.random() >= this.faults.rate) return queued;
    return { afterWrite: false, delayMs: 0, kind: 'respond', response: faultResponse(503) };
  }

  /** `isData` = a /data path; the seeded rate applies only there. */
  decide(method: string, path: string, isData: boolean): FaultDecision | undefined {
    const queued = this.fromQueue(method, path, isData);
    if (queued) return queued;
    const f = this.faults;
    if (!isData || !f?.rate || this.random() >= f.rate) return undefined;
    const kinds: FaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['429', '503'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    const base = { afterWrite: false, delayMs: 0 };
    if (kind === 'reset') return { ...base, kind: 'reset' };
    if (kind === 'slow') return { ...base, kind: 'slow', ms: f.slowMs ?? 5000 };
    return { ...base, kind: 'respond', response: faultResponse(Number(kind)) };
  }
}
