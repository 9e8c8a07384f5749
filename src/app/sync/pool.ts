// Bounded concurrency: at most `limit` tasks in flight (the ERP's allowed concurrency), in
// order, stopping the start of new tasks as soon as `stopped()` says so.
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
