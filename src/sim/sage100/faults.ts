// Faults injected in front of the agent (DESIGN §6): `failNext` entries first, in order
// (matching method and path prefix), then a seeded rate of 503 / reset / slow over /v1/
// paths. An injected 503 carries the agent's own error body (`boi_unavailable`, as when the
// BOI session breaks) with `Retry-After`.
import { mulberry32 } from '../common/prng.js';
import type { SimResponse } from '../common/http.js';
import type { Sage100FailNext, Sage100FaultKind, Sage100Faults } from './types.js';

export type FaultDecision = { afterWrite: boolean; delayMs: number } & ({ kind: 'reset' } | { kind: 'slow'; ms: number } | { kind: 'respond'; response: SimResponse });

export function faultResponse(status: number, retryAfterSec = 1): SimResponse {
  const code = status === 503 ? 'boi_unavailable' : status === 401 ? 'unauthorized' : 'simulated_error';
  const body = { error: { code, message: `simulated ${status}`, retryable: status === 503 || status === 429 } };
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'X-Agent-Protocol': '1' };
  if (status === 503 || status === 429) headers['Retry-After'] = String(retryAfterSec);
  return { status, headers, body: JSON.stringify(body) };
}

export class FaultInjector {
  private faults: Sage100Faults | undefined;
  private queue: Array<Sage100FailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);
  injected = 0;

  constructor(faults: Sage100Faults | undefined) {
    this.set(faults);
  }

  set(faults: Sage100Faults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  decide(method: string, path: string): FaultDecision | undefined {
    const decision = this.fromQueue(method, path) ?? this.fromRate(path);
    if (decision) this.injected += 1;
    return decision;
  }

  private fromQueue(method: string, path: string): FaultDecision | undefined {
    const index = this.queue.findIndex((f) => (f.method === undefined || f.method.toUpperCase() === method) && path.startsWith(f.pathPrefix ?? '/v1/'));
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.queue.splice(index, 1);
    const common = { afterWrite: entry.afterWrite === true && method === 'POST', delayMs: entry.delayMs ?? 0 };
    if (entry.status === 'reset') return { ...common, kind: 'reset' };
    return { ...common, kind: 'respond', response: faultResponse(entry.status, entry.retryAfterSec) };
  }

  private fromRate(path: string): FaultDecision | undefined {
    const f = this.faults;
    if (!path.startsWith('/v1/') || !f?.rate || this.random() >= f.rate) return undefined;
    const kinds: Sage100FaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['503'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    const common = { afterWrite: false, delayMs: 0 };
    if (kind === 'reset') return { ...common, kind: 'reset' };
    if (kind === 'slow') return { ...common, kind: 'slow', ms: f.slowMs ?? 5000 };
    return { ...common, kind: 'respond', response: faultResponse(503) };
  }
}
