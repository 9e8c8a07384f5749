// Keeping the heap's high-water mark down on very large runs. V8 collects lazily: a 50,000-
// employee load leaves hundreds of MB of garbage around between collections, which shows as
// resident memory. A full collection between phases and every few thousand operations keeps
// the peak close to the live data. Only on those runs (once preferSmallHeap() was called):
// each forced collection costs tens of ms of CPU, which a 10,000-person load, peaking near
// 240 MB without them, has no reason to pay.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
let small = false;

/** A full collection now, on a very large run; nothing otherwise. */
export function collectGarbage(): void {
  if (!small) return;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * For a very large run: V8's heuristics for small devices (collect sooner, grow the heap less),
 * switched on from here on. A 50,000-person load peaks about a quarter lower for about a fifth
 * more CPU (bench/ figures in the README); small runs keep the defaults.
 */
export function preferSmallHeap(): void {
  if (small) return;
  small = true;
  setFlagsFromString('--optimize-for-size');
}
