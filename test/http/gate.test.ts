import { describe, expect, it } from 'vitest';
import { AdaptiveGate } from '../../src/http/gate.js';

describe('adaptive concurrency gate', () => {
  it('lets at most the limit through, halves on a rejection and grows back after successes', async () => {
    const g = new AdaptiveGate(4);
    const held = await Promise.all([g.acquire(), g.acquire(), g.acquire(), g.acquire()]);
    let fifth = false;
    const waiting = g.acquire().then((r) => ((fifth = true), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(fifth).toBe(false);
    held[0]!();
    const r5 = await waiting;
    expect(fifth).toBe(true);
    g.rejected();
    expect(g.current).toBe(2);
    g.rejected();
    g.rejected();
    expect(g.current).toBe(1);
    for (let i = 0; i < 4; i++) g.succeeded();
    expect(g.current).toBe(2);
    for (let i = 0; i < 100; i++) g.succeeded();
    expect(g.current).toBe(4);
    for (const r of [...held, r5]) r();
  });

  it('gives a free slot at once, and none while the gate is full or someone is waiting for one', async () => {
    const g = new AdaptiveGate(2);
    const a = g.tryAcquire()!;
    const b = g.tryAcquire()!;
    expect(typeof a).toBe('function');
    expect(g.tryAcquire()).toBeUndefined();
    const queued = g.acquire();
    a();
    // The slot a freed belongs to the one waiting, not to whoever asks next.
    expect(g.tryAcquire()).toBeUndefined();
    const c = await queued;
    b();
    b(); // releasing twice frees one slot only
    const d = g.tryAcquire()!;
    expect(g.tryAcquire()).toBeUndefined();
    c();
    d();
  });
});
