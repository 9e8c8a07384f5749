// Which operation goes next (used by apply.ts). Operations are sent in batches by a few
// lanes; one that waits for records created in the same run is held back until their
// outcomes are in, then mapped again with their keys (resolver) and queued. No wave barrier:
// the ERP never idles while reports wait for their managers. A cycle in the data (A reports
// to B, B to A) cannot deadlock: once nothing is in flight, the waits are released with no key.
import type { RecordFamily } from '../../adapters/types.js';
import type { PlanItem } from './plan.js';

export interface Scheduled {
  item: PlanItem;
  auditId: number;
  /** Mapped again with the keys it waited for (its payload differs from the planned row's). */
  remapped?: boolean;
}

export const refKey = (family: RecordFamily, sourceKey: string): string => `${family}\u0000${sourceKey}`;

type Resolver<T> = (op: T, linked: Record<string, string | null>) => Promise<PlanItem | undefined>;

export class Scheduler<T extends Scheduled> {
  private readonly ready: T[] = [];
  private readonly waiting = new Map<T, Set<string>>();
  private readonly waiters = new Map<string, T[]>();
  private readonly keys = new Map<string, string | null>();
  private readonly handled = new Set<T>();
  private resolving = 0;
  private wakers: Array<() => void> = [];
  inFlight = 0;

  constructor(
    private readonly ops: readonly T[],
    private readonly resolver: Resolver<T>,
    private readonly onResolved: (op: T, item: PlanItem | undefined) => void,
    private readonly onError: (op: T, err: unknown) => void = () => undefined,
  ) {
    const inRun = new Set(ops.map((o) => refKey(o.item.family, o.item.employeeId)));
    for (const op of ops) {
      const waits = op.item.waitsFor.map((r) => refKey(r.family, r.sourceKey));
      if (waits.length === 0) {
        this.ready.push(op);
        continue;
      }
      // Waits on records not sent by this call are over already: nobody will bring their key.
      const open = new Set(waits.filter((k) => inRun.has(k)));
      this.waiting.set(op, open);
      for (const k of open) (this.waiters.get(k) ?? this.waiters.set(k, []).get(k)!).push(op);
      if (open.size === 0) this.startResolve(op);
    }
  }

  /** One lane: sends batches until nothing is left or `stopped()`. */
  async lane(batchSize: number, stopped: () => boolean, send: (batch: T[]) => Promise<void>): Promise<void> {
    for (;;) {
      if (stopped()) return;
      if (this.ready.length > 0) {
        const batch = this.ready.splice(0, Math.max(1, batchSize));
        for (const op of batch) this.handled.add(op);
        this.inFlight++;
        try {
          await send(batch);
        } finally {
          this.inFlight--;
          this.wake();
        }
        continue;
      }
      if (this.waiting.size === 0 && this.resolving === 0) return;
      if (this.inFlight === 0 && this.resolving === 0) {
        this.releaseAll();
        continue;
      }
      await new Promise<void>((r) => this.wakers.push(r));
    }
  }

  /** The outcome of a record of this run: its key, or null when it was not written. */
  resolved(key: string, erpKey: string | null): void {
    if (!this.keys.has(key)) this.keys.set(key, erpKey);
    for (const op of this.waiters.get(key) ?? []) {
      const open = this.waiting.get(op);
      if (!open?.delete(key) || open.size > 0) continue;
      this.startResolve(op);
    }
    this.waiters.delete(key);
  }

  /** Ends every wait still open (nothing in flight can end them any more). */
  releaseAll(): void {
    for (const [op, open] of [...this.waiting]) {
      for (const k of open) if (!this.keys.has(k)) this.keys.set(k, null);
      open.clear();
      this.startResolve(op);
    }
  }

  /** Operations never sent (a fatal error or a stop came first). */
  unsent(): T[] {
    return this.ops.filter((o) => !this.handled.has(o));
  }

  private startResolve(op: T): void {
    if (!this.waiting.delete(op)) return;
    this.resolving++;
    const linked = { ...op.item.linked };
    for (const n of op.item.needs) {
      const k = refKey(n.on.family, n.on.sourceKey);
      if (this.keys.has(k)) linked[n.slot] = this.keys.get(k) ?? null;
    }
    this.resolver(op, linked)
      .then((item) => {
        if (item) {
          op.item = item;
          op.remapped = true;
          this.ready.push(op);
        } else this.handled.add(op);
        this.onResolved(op, item);
      })
      .catch((err: unknown) => this.onError(op, err))
      .finally(() => {
        this.resolving--;
        this.wake();
      });
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const r of w) r();
  }
}
