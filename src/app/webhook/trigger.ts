// Deliveries trigger a sync once they stop coming: a debounce, `debounceMs` after the last
// delivery, but never more than `maxWaitMs` after the first one of a burst (a steady trickle
// must not postpone the sync for ever). The same engine, lock and audit as `mlc sync`; one
// sync at a time in this process; deliveries arriving during it cause one more afterwards. If
// another process holds the lock (cron's run), the events simply wait in the inbox: whichever
// run comes next drains it.
import type { Logger } from '../../log/logger.js';

export class SyncTrigger {
  private timer: NodeJS.Timeout | undefined;
  /** When the first delivery of the burst the timer is waiting on arrived. */
  private since: number | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly debounceMs: number,
    private readonly runOnce: () => Promise<void>,
    private readonly logger: Logger,
    private readonly maxWaitMs = Math.max(debounceMs * 6, 30_000),
    private readonly now: () => number = Date.now,
  ) {}

  poke(): void {
    const t = this.now();
    this.since ??= t;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.since + this.maxWaitMs - t));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.since = undefined;
      this.fire();
    }, wait);
  }

  /** Waits for the sync in progress (graceful shutdown); drops a pending one. */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.since = undefined;
    this.again = false;
    await this.running;
  }

  private fire(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((err: unknown) => this.logger.error({ err: (err as Error).message }, 'webhook-triggered sync failed; the events stay in the inbox'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }
}
