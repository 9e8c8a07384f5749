// Injected faults (DESIGN §6): `failNext` entries first, in order (matching a path prefix and
// a business object), then a seeded rate over the e.net paths. `evict` is a person logging
// on with the service's operator in the middle of a run (erps.md §1.3); 503 is http.sys's
// page when the service behind it is down; 500 is WCF's "Request Error" page.
import { mulberry32 } from '../common/prng.js';
import { enetResponse, requestError, serviceUnavailable, type SimResponse } from './http.js';
import type { SysproFailNext, SysproFaultKind, SysproFaults } from './types.js';

export type FaultDecision = { afterWrite: boolean; delayMs: number } & (
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  | { kind: 'evict' }
  | { kind: 'reject'; text: string | undefined }
  | { kind: 'respond'; response: SimResponse }
);

function respond(kind: '500' | '503' | 'text', text?: string): SimResponse {
  if (kind === '500') return requestError();
  if (kind === '503') return serviceUnavailable();
  return enetResponse(text ?? 'ERROR: Simulated e.net failure');
}

export class FaultInjector {
  private faults: SysproFaults | undefined;
  private queue: Array<SysproFailNext & { left: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(faults: SysproFaults | undefined) {
    this.set(faults);
  }

  set(faults: SysproFaults | undefined): void {
    this.faults = faults;
    this.queue = (faults?.failNext ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
    this.random = mulberry32(faults?.seed ?? 1);
  }

  /** Whether the next Setup item finds its record locked (seeded, `lockRate`). */
  lockItem(): boolean {
    const rate = this.faults?.lockRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  /** `path` as sent; `businessObject` upper-cased, '' when the call has none. */
  decide(path: string, businessObject: string): FaultDecision | undefined {
    const lower = path.toLowerCase();
    const index = this.queue.findIndex(
      (f) => (f.pathPrefix === undefined || lower.startsWith(f.pathPrefix.toLowerCase())) && (f.businessObject === undefined || f.businessObject.toUpperCase() === businessObject),
    );
    const entry = this.queue[index];
    if (entry) {
      entry.left -= 1;
      if (entry.left <= 0) this.queue.splice(index, 1);
      return this.decision(entry.kind, { afterWrite: entry.afterWrite === true, delayMs: entry.delayMs ?? 0 }, entry.text);
    }
    const f = this.faults;
    if (!f?.rate || this.random() >= f.rate) return undefined;
    const kinds: SysproFaultKind[] = f.kinds && f.kinds.length > 0 ? f.kinds : ['503', 'reset'];
    const kind = kinds[Math.floor(this.random() * kinds.length)] ?? '503';
    return this.decision(kind, { afterWrite: false, delayMs: 0 });
  }

  private decision(kind: SysproFailNext['kind'], base: { afterWrite: boolean; delayMs: number }, text?: string): FaultDecision {
    if (kind === 'reset' || kind === 'evict') return { ...base, kind };
    if (kind === 'reject') return { ...base, kind, text };
    if (kind === 'slow') return { ...base, kind, ms: this.faults?.slowMs ?? 5000 };
    return { ...base, kind: 'respond', response: respond(kind, text) };
  }
}
