// Keyed rows with an undo journal. F&O runs each $batch changeset in one transaction
// (odata.md, reference §8 A.4), so every change made while a journal is open can be undone.
// Keys compare case-insensitively: F&O's SQL collation is case-insensitive, which is also
// why `dataAreaId='USMF'` finds the row stored as 'usmf' (reference §5.2).
import type { Value } from './types.js';

export interface StoredRow {
  values: Readonly<Record<string, Value>>;
  /** Record version: the etag changes with it. */
  rv: number;
  /** A dimension value referenced by some record (A.2 listing caveat). */
  used?: boolean;
  /** A dimension value whose properties were set through the entity or the control API. */
  overridden?: boolean;
}

export const foldKey = (v: Value): string => (v === null ? '' : String(v).toUpperCase());

export class Journal {
  private readonly undo: Array<() => void> = [];
  readonly commitHooks: Array<() => void> = [];

  push(step: () => void): void {
    this.undo.push(step);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]?.();
    this.undo.length = 0;
  }
}

export class Db {
  journal: Journal | undefined;
  private nextRv = 5_637_144_576;

  rv(): number {
    return this.nextRv++;
  }

  /** Runs `fn` now, or when the open transaction commits (stats count committed writes only). */
  afterCommit(fn: () => void): void {
    if (this.journal) this.journal.commitHooks.push(fn);
    else fn();
  }

  /** Runs `fn` in a transaction: a thrown error or `false` result rolls every change back. */
  transaction<T>(fn: () => T, failed: (result: T) => boolean): T {
    if (this.journal) throw new Error('nested transaction');
    const journal = new Journal();
    this.journal = journal;
    try {
      const result = fn();
      if (failed(result)) journal.rollback();
      else for (const hook of journal.commitHooks) hook();
      return result;
    } catch (err) {
      journal.rollback();
      throw err;
    } finally {
      this.journal = undefined;
    }
  }
}

export class Table {
  private readonly rows = new Map<string, StoredRow>();

  constructor(
    readonly keys: readonly string[],
    private readonly db: Db,
  ) {}

  keyOf(values: Readonly<Record<string, Value>>): string {
    return this.keys.map((k) => foldKey(values[k] ?? null)).join('\u0000');
  }

  get(key: Readonly<Record<string, Value>>): StoredRow | undefined {
    return this.rows.get(this.keyOf(key));
  }

  all(): StoredRow[] {
    return [...this.rows.values()];
  }

  get size(): number {
    return this.rows.size;
  }

  /** Inserts or replaces (journaled). */
  put(row: StoredRow): void {
    const k = this.keyOf(row.values);
    const prev = this.rows.get(k);
    this.db.journal?.push(() => (prev ? this.rows.set(k, prev) : this.rows.delete(k)));
    this.rows.set(k, row);
  }

  delete(key: Readonly<Record<string, Value>>): boolean {
    const k = this.keyOf(key);
    const prev = this.rows.get(k);
    if (!prev) return false;
    this.db.journal?.push(() => this.rows.set(k, prev));
    this.rows.delete(k);
    return true;
  }
}
