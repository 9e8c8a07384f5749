/** Polls `cond` until it holds; throws after `ms`. Resolves with the time it took. */
export async function until(cond: () => boolean, ms = 15_000, everyMs = 10): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return Date.now() - t0;
}
