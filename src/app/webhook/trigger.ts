// Deliveries trigger a sync after a short quiet period (debounce), using the same engine,
// lock and audit as `mlc sync`. One sync at a time in this process; deliveries arriving during
// it cause one more afterwards. If another process holds the lock (cron's run), the events
// simply wait in the inbox: whichever run comes next drains it.
import type { Logger } from '../../log/logger.js';

export class SyncTrigger {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly debounceMs: number,
    private readonly runOnce: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  poke(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, this.debounceMs);
  }

  /** Waits for the sync in progress (graceful shutdown); drops a pending one. */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
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
