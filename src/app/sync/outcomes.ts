// Recording outcomes in small batches: each outcome is a few statements, and committing them
// by the dozen (or every 100 ms) instead of one transaction each keeps a 10,000-employee load
// from spending its time in COMMIT. Nothing async ever runs inside a transaction. A crash
// loses at most the last batch of outcomes; those operations left 'planned' rows, the next
// run marks them interrupted and sends them again, and upserts make the resend harmless.
import type { State } from '../../store/state.js';

const BATCH = 256;
const MAX_WAIT_MS = 100;

export class OutcomeWriter {
  private queue: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly state: State) {}

  add(write: () => void): void {
    this.queue.push(write);
    if (this.queue.length >= BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), MAX_WAIT_MS);
  }

  /** Commits what is queued, and `last` (the cursor) in the same transaction. */
  flush(last?: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0 && !last) return;
    this.state.transaction(() => {
      for (const w of batch) w();
      last?.();
    });
  }
}
