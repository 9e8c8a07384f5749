// Requests sent per system (every attempt counts: a retried call costs the API twice).
// The run summary reports these figures, and the benchmarks check the targets against them.
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  add(system: string, n = 1): void {
    this.counts.set(system, (this.counts.get(system) ?? 0) + n);
  }

  get(system: string): number {
    return this.counts.get(system) ?? 0;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
