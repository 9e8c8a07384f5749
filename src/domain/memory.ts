// Keeping the heap's high-water mark down on very large runs. V8 collects lazily: a 50,000-
// employee load leaves hundreds of MB of garbage around between collections, which shows as
// resident memory. A full collection between phases and every few thousand operations (a few
// ms each, against minutes of network time) keeps the peak close to the live data.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

let small = false;

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
