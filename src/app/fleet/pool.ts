// Bounded parallelism: at most `concurrency` companies' processes at once, the next one
// starting as soon as any ends, so a company that fails fast frees its slot at once and a slow
// one holds only its own. A stop request is forwarded to every running child (each stops
// tidily on the first and at once on a second, like `mlc sync` itself) and no one else starts.
import type { StopSignal } from '../../domain/stop.js';
import type { Company } from './companies.js';
import type { RunningChild } from './child.js';
import type { CompanyResult } from './outcome.js';

/** Stop requests as they arrive (the CLI feeds it from SIGTERM, SIGINT and SIGHUP). */
export interface StopRequests {
  subscribe(fn: (signal: StopSignal) => void): () => void;
}

export interface PoolOutcome {
  /** In the order given; undefined for companies never started. */
  results: Array<CompanyResult | undefined>;
  stoppedBy: StopSignal | undefined;
}

export async function runPool(
  companies: readonly Company[],
  concurrency: number,
  start: (c: Company) => RunningChild,
  opts: { stops?: StopRequests | undefined; onDone?: (r: CompanyResult) => void } = {},
): Promise<PoolOutcome> {
  const results: Array<CompanyResult | undefined> = companies.map(() => undefined);
  const running = new Set<RunningChild>();
  let stoppedBy: StopSignal | undefined;
  const unsubscribe = opts.stops?.subscribe((signal) => {
    stoppedBy ??= signal;
    for (const child of running) child.signal(signal);
  });
  let next = 0;
  try {
    await new Promise<void>((resolve) => {
      const launch = (): void => {
        while (stoppedBy === undefined && running.size < concurrency && next < companies.length) {
          const i = next++;
          const child = start(companies[i]!);
          running.add(child);
          void child.done.then((r) => {
            running.delete(child);
            results[i] = r;
            opts.onDone?.(r);
            launch();
          });
        }
        if (running.size === 0) resolve();
      };
      launch();
    });
  } finally {
    unsubscribe?.();
  }
  return { results, stoppedBy };
}
