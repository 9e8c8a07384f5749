// Graceful stop. The CLI turns SIGTERM, SIGINT or SIGHUP into an aborted signal whose reason
// is the signal's name; the engine then starts no new ERP write, lets the ones in flight
// finish and records them, leaves the cursor where it was (the next run picks the rest up)
// and releases the lock. The HTTP layer stops waiting between retries. Nothing here is needed
// for correctness (kill -9 is safe, see the crash suite): it makes a stop fast and tidy.
import { MlcError } from './errors.js';

export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** A signal that never fires: the default when no one can ask the run to stop. */
export const neverStop: AbortSignal = new AbortController().signal;

/** The error a stopped run ends with; its signal decides the exit code (128 + number). */
export function interruptedError(stop: AbortSignal): MlcError {
  const signal = typeof stop.reason === 'string' ? stop.reason : 'SIGTERM';
  return new MlcError('interrupted', `stopped by ${signal}: the writes in flight were finished and recorded; the next run picks up the rest`, {
    retryable: true,
    details: { signal },
  });
}

export function throwIfStopped(stop: AbortSignal): void {
  if (stop.aborted) throw interruptedError(stop);
}

/** Waits `ms`, or less if the run is asked to stop meanwhile (then resolves false). */
export function sleepUnlessStopped(ms: number, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    stop.addEventListener('abort', onAbort, { once: true });
  });
}

/** `work`, unless the run is asked to stop first: then the stop error, at once. */
export function unlessStopped<T>(work: Promise<T>, stop: AbortSignal): Promise<T> {
  if (stop.aborted) return Promise.reject(interruptedError(stop));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interruptedError(stop));
    stop.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => stop.removeEventListener('abort', onAbort));
  });
}
