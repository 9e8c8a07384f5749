// Injected faults (DESIGN §6): one-shot `failNext` entries first, in order, then a seeded
// rate of 429/503 (with Retry-After), connection resets and slow answers. The PRNG is seeded,
// so the same seed and the same request sequence give the same faults.
import { errorResponse, type SimResponse } from './http.js';
import type { SimFailNext, SimFaultKind, SimFaults } from './options.js';
import { mulberry32 } from '../common/prng.js';

export type FaultDecision = { kind: 'reset' } | { kind: 'slow'; ms: number } | { kind: 'respond'; response: SimResponse };

const REASONS: Record<number, string> = { 429: 'Too Many Requests', 503: 'Service Unavailable' };

export class FaultInjector {
  private faults: SimFaults | undefined;
  private queue: Array<SimFailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(faults: SimFaults | undefined) {
    this.set(faults);
  }

  set(faults: SimFaults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  /**
   * Rate-based faults hit /api/* only. A failNext entry without pathPrefix also targets
   * /api/* only; with a pathPrefix it can target OAuth paths too.
   */
  decide(path: string, isApi: boolean): FaultDecision | undefined {
    const index = this.queue.findIndex((f) => (f.pathPrefix === undefined ? isApi : path.startsWith(f.pathPrefix)));
    const entry = this.queue[index];
    if (entry) {
      entry.left -= 1;
      if (entry.left <= 0) this.queue.splice(index, 1);
      return entry.status === 'reset' ? { kind: 'reset' } : { kind: 'respond', response: this.failure(entry.status, entry) };
    }
    const f = this.faults;
    if (!isApi || !f?.rate || this.random() >= f.rate) return undefined;
    const kinds: SimFaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['429', '503'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    if (kind === 'reset') return { kind: 'reset' };
    if (kind === 'slow') return { kind: 'slow', ms: f.slowMs ?? 5000 };
    return { kind: 'respond', response: this.failure(Number(kind), {}) };
  }

  private failure(status: number, entry: Partial<SimFailNext>): SimResponse {
    const headers: Record<string, string> = {};
    if (status === 429 || status === 503) headers['Retry-After'] = this.retryAfter(entry.retryAfter);
    const base = errorResponse(status, REASONS[status] ?? `Simulated error ${status}`, { ...headers, ...(entry.headers ?? {}) });
    if (entry.body !== undefined) {
      base.body = entry.body;
      // A canned body (an HTML page, a truncated or error document) stands on its own: a 2xx
      // carrying BambooHR's error headers would be a shape the real API never sends.
      if (status < 400) for (const h of Object.keys(base.headers)) if (/error-mess|x-bamboohr-message/i.test(h)) delete base.headers[h];
      base.headers['Content-Type'] = entry.contentType ?? 'text/html; charset=UTF-8';
    }
    return base;
  }

  private retryAfter(override: number | undefined): string {
    if (override !== undefined) return String(override);
    const configured = this.faults?.retryAfter ?? 1;
    if (configured === 'http-date') return new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000).toUTCString();
    return String(configured);
  }
}
