// SIGTERM, SIGINT and SIGHUP during a command that writes (sync, replay): the first asks for a
// tidy stop (domain/stop.ts) and says so on stderr; a second one ends the process at once,
// which is safe too (the crash suite proves a kill at any instant loses nothing), with the
// same exit code a shell would report for the signal (128 + its number).
import { constants } from 'node:os';
import type { StopSignal } from '../domain/stop.js';
import type { Output } from './output.js';

const SIGNALS: StopSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

export interface StopHandle {
  readonly stop: AbortSignal;
  /** Back to Node's default signal handling (the command is over). */
  dispose(): void;
}

export function stopOnSignals(o: Output): StopHandle {
  const controller = new AbortController();
  const onSignal = (name: StopSignal) => {
    if (!controller.signal.aborted) {
      o.err(`mlc: ${name} received: stopping after the writes in flight (send it again to stop at once)`);
      controller.abort(name);
      return;
    }
    o.err(`mlc: ${name} received again: stopping now; the next run picks up from the last recorded write`);
    process.exit(128 + constants.signals[name]);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    stop: controller.signal,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
