// The webhook trigger debounces: one sync after the last of a burst of deliveries, never later
// than the maximum wait after the first (issue 8 §6: it used to fire a fixed time after the
// first delivery, a throttle).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncTrigger } from '../../src/app/webhook/trigger.js';
import { silentLogger } from '../../src/log/logger.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('webhook sync trigger', () => {
  it('fires once, debounceMs after the last delivery of a burst', async () => {
    const runs: number[] = [];
    const t = new SyncTrigger(1000, async () => void runs.push(Date.now()), silentLogger(), 60_000);
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) {
      t.poke();
      await vi.advanceTimersByTimeAsync(800); // each delivery 800 ms after the one before
    }
    expect(runs).toEqual([]); // a throttle would have fired 1 s after the first
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toEqual([t0 + 4 * 800 + 1000]);
  });

  it('never waits longer than the maximum after the first delivery', async () => {
    const runs: number[] = [];
    const t = new SyncTrigger(1000, async () => void runs.push(Date.now()), silentLogger(), 3000);
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) {
      t.poke();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(runs[0]).toBe(t0 + 3000);
  });

  it('runs once more when deliveries arrive during a sync, and not at all after drain()', async () => {
    let release: () => void = () => undefined;
    let n = 0;
    const t = new SyncTrigger(100, () => new Promise<void>((r) => ((n += 1), (release = r))), silentLogger());
    t.poke();
    await vi.advanceTimersByTimeAsync(100);
    expect(n).toBe(1);
    t.poke();
    await vi.advanceTimersByTimeAsync(100);
    expect(n).toBe(1); // one at a time
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(n).toBe(2);
    release();
    t.poke();
    await t.drain();
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(2);
  });
});
