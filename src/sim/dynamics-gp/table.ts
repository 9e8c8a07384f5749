// A keyed table of records. Keys compare case-insensitively, as in a GP company database on
// SQL Server's default case-insensitive collation (assumption: no SBA statement found).
// Lists come back in key order, numbers in numeric order (journal 999 before 1000).

const norm = (key: string): string => key.toUpperCase();

export class Table<T> {
  private readonly rows = new Map<string, T>();

  constructor(private readonly keyOf: (row: T) => string) {}

  get(key: string): T | undefined {
    return this.rows.get(norm(key));
  }

  has(key: string): boolean {
    return this.rows.has(norm(key));
  }

  /** Inserts or replaces the row stored under the row's own key. */
  put(row: T): T {
    this.rows.set(norm(this.keyOf(row)), row);
    return row;
  }

  delete(key: string): boolean {
    return this.rows.delete(norm(key));
  }

  all(): T[] {
    return [...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, row]) => row);
  }

  get size(): number {
    return this.rows.size;
  }
}
