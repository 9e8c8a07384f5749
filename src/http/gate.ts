// An adaptive concurrency gate (additive increase, multiplicative decrease). ERPs limit
// concurrent requests per account and share the limit with other integrations (NetSuite:
// erps.md §4.7), so the configured concurrency can be more than is free right now. Each
// rejection halves the number of requests let through; a run of successes adds one back,
// up to the configured maximum. mlc thus settles at what the account can take.
export class AdaptiveGate {
  private limit: number;
  private inFlight = 0;
  private streak = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    this.limit = max;
  }

  get current(): number {
    return this.limit;
  }

  /** A slot, at once or when one is freed: slots go to those waiting in the order they came. */
  async acquire(): Promise<() => void> {
    return this.tryAcquire() ?? new Promise((resolve) => this.waiting.push(() => resolve(this.take())));
  }

  /** A slot at once when one is free (no wait, no promise: once per request), else undefined. */
  tryAcquire(): (() => void) | undefined {
    return this.inFlight < this.limit && this.waiting.length === 0 ? this.take() : undefined;
  }

  private take(): () => void {
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.wake();
    };
  }

  rejected(): void {
    this.streak = 0;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  succeeded(): void {
    if (this.limit >= this.max) return;
    if (++this.streak >= this.limit * 4) {
      this.streak = 0;
      this.limit++;
      this.wake();
    }
  }

  /** Hands free slots to those waiting (each takes its slot before the next is looked at). */
  private wake(): void {
    while (this.waiting.length > 0 && this.inFlight < this.limit) this.waiting.shift()!();
  }
}
