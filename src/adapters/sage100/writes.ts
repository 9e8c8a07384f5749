// Sending a batch, and records another Sage user holds. The BOI refuses SetKey (or Write) on
// a locked record; the agent answers `busy` for it (its LastErrorMsg is NOT FOUND, erps.md
// §2.5 / §8 D.3, so the agent matches configurable patterns). Busy records are sent again,
// alone, after a growing wait, within the target's busy budget; what is still busy then is
// returned as busy and fails (left open: the next run tries again). A stop ends the waiting.
import { sleepUnlessStopped } from '../../domain/stop.js';
import type { Logger } from '../../log/logger.js';
import type { AgentClient } from './client.js';
import type { Sage100Settings } from './config.js';
import type { AgentWrite, WriteResult } from './schemas.js';

export interface Written {
  result: WriteResult;
  attempts: number;
  /** Time from the first attempt to this answer. */
  ms: number;
}

/** The n-th wait: `delay` doubling, half of it fixed and half random (never near zero, never in step with another client). */
export function busyDelay(attempt: number, policy: Sage100Settings['busy'], random: () => number = Math.random): number {
  const ceiling = Math.min(policy.budgetMs, policy.delayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class BatchWriter {
  constructor(
    private readonly client: AgentClient,
    private readonly s: Sage100Settings,
    private readonly logger: Logger,
    private readonly stop: AbortSignal,
  ) {}

  async write(writes: readonly AgentWrite[]): Promise<Written[]> {
    const out: Written[] = new Array<Written>(writes.length);
    const started = Date.now();
    let pending = writes.map((w, i) => ({ w, i }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      const results = await this.client.batch(pending.map((p) => p.w));
      const busy: typeof pending = [];
      for (const [k, result] of results.entries()) {
        const p = pending[k]!;
        out[p.i] = { result, attempts: attempt, ms: Date.now() - started };
        if (result.outcome === 'busy') busy.push(p);
      }
      if (busy.length === 0 || attempt >= this.s.busy.maxAttempts) break;
      const delay = busyDelay(attempt, this.s.busy);
      if (Date.now() - started + delay > this.s.busy.budgetMs) break;
      this.logger.warn({ system: this.s.name, busy: busy.length, attempt, delayMs: delay }, 'records busy in Sage 100; trying them again');
      if (!(await sleepUnlessStopped(delay, this.stop))) break;
      pending = busy;
    }
    return out;
  }
}
