// Injected faults (DESIGN §6): `failNext` entries first, in order (matching method and path
// prefix), then a seeded rate of 429/503/reset/slow over /services/rest/record|query. 429 is
// the concurrency rejection (subsect_1559222360) and carries no Retry-After, as none is
// documented; 503 carries `Retry-After: 1`.
import { errorResponse, NsError, type SimResponse } from './http.js';
import { mulberry32 } from '../common/prng.js';
import type { NetSuiteFailNext, NetSuiteFaultKind, NetSuiteFaults } from './types.js';

export type FaultDecision = { afterWrite: boolean; delayMs?: number } & ({ kind: 'reset' } | { kind: 'slow'; ms: number } | { kind: 'respond'; response: SimResponse });

export const CONCURRENCY_DETAIL = 'The request could not be processed because the concurrency limit for the account has been exceeded.';

const DEFAULTS: Record<number, { code: string; detail: string }> = {
  400: { code: 'USER_ERROR', detail: 'Simulated bad request.' },
  401: { code: 'INVALID_LOGIN', detail: 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.' },
  429: { code: 'CONCURRENCY_LIMIT_EXCEEDED', detail: CONCURRENCY_DETAIL },
  500: { code: 'UNEXPECTED_ERROR', detail: 'An unexpected error occurred.' },
  503: { code: 'SERVICE_UNAVAILABLE', detail: 'The service is temporarily unavailable. Try again later.' },
};

export function failure(status: number, code?: string, detail?: string, retryAfterSec?: number): SimResponse {
  const d = DEFAULTS[status] ?? { code: 'UNEXPECTED_ERROR', detail: `Simulated error ${status}.` };
  const headers: Record<string, string> = retryAfterSec !== undefined ? { 'Retry-After': String(retryAfterSec) } : status === 503 ? { 'Retry-After': '1' } : {};
  return errorResponse(new NsError(status, code ?? d.code, detail ?? d.detail, undefined, headers));
}

export class FaultInjector {
  private faults: NetSuiteFaults | undefined;
  private queue: Array<NetSuiteFailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(faults: NetSuiteFaults | undefined) {
    this.set(faults);
  }

  set(faults: NetSuiteFaults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  /**
   * `governed` = a /services/rest/record|query path. A failNext entry without pathPrefix
   * targets governed paths only; with one it may also target the token endpoint.
   */
  decide(method: string, path: string, governed: boolean): FaultDecision | undefined {
    const index = this.queue.findIndex(
      (f) => (f.method === undefined || f.method.toUpperCase() === method) && (f.pathPrefix === undefined ? governed : path.startsWith(f.pathPrefix)),
    );
    const entry = this.queue[index];
    if (entry) {
      entry.left -= 1;
      if (entry.left <= 0) this.queue.splice(index, 1);
      const afterWrite = entry.afterWrite === true && ['PUT', 'PATCH', 'POST'].includes(method);
      const delayMs = entry.delayMs ?? 0;
      if (entry.status === 'reset') return { kind: 'reset', afterWrite, delayMs };
      return { kind: 'respond', response: failure(entry.status, entry.errorCode, entry.detail, entry.retryAfterSec), afterWrite, delayMs };
    }
    const f = this.faults;
    if (!governed || !f?.rate || this.random() >= f.rate) return undefined;
    const kinds: NetSuiteFaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['429', '503'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    if (kind === 'reset') return { kind: 'reset', afterWrite: false };
    if (kind === 'slow') return { kind: 'slow', ms: f.slowMs ?? 5000, afterWrite: false };
    return { kind: 'respond', response: failure(Number(kind)), afterWrite: false };
  }
}
