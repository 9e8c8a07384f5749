// The data of one in-memory Sage 100 company: one map per table keyed by its KPRIMARY
// (erps.md §8 D.1), locks, counters. Business objects read and write it; tests and the
// simulator read it directly for assertions.
import { OBJECTS, TABLES, type ObjectName, type TableName, type UdfSpec } from '../catalog.js';
import type { Row } from '../port.js';
import { zeroFillSegmentNo, type AccountStructure } from '../structure.js';
import { LockTable } from './locks.js';
import type { ParsedMemorySeed } from './seed.js';

export type DataTable = Exclude<TableName, 'GL_AccountStructure'>;

export interface MemoryStats {
  setKeyCalls: number;
  writes: number;
  busyRefusals: number;
  sessions: number;
}

export class MemoryCompany {
  readonly code: string;
  readonly structure: AccountStructure;
  readonly udfs: readonly UdfSpec[];
  readonly locks = new LockTable();
  readonly stats: MemoryStats = { setKeyCalls: 0, writes: 0, busyRefusals: 0, sessions: 0 };
  readonly prEmployeeBus: boolean;
  readonly user: { name: string; password: string } | undefined;
  busyMessage: string;
  /** Sessions opened before the last endSessions() are dead, as when the ProvideX process behind them ends. */
  epoch = 0;
  private readonly tables: Record<DataTable, Map<string, Row>> = { GL_MainAccount: new Map(), GL_SubAccount: new Map(), GL_Account: new Map() };
  private lastAccountKey = 0;

  constructor(seed: ParsedMemorySeed) {
    this.code = seed.company;
    this.structure = seed.accountStructure;
    this.udfs = seed.udfs.GL_SubAccount;
    this.prEmployeeBus = seed.capabilities.prEmployeeBus;
    this.busyMessage = seed.busyMessage;
    this.user = seed.user;
  }

  endSessions(): void {
    this.epoch += 1;
  }

  /** A table's primary key as one string, in KPRIMARY order (fixed-width parts sort as Sage browses). */
  static primaryKey(table: DataTable, row: Row): string {
    return TABLES[table].primaryKey.map((f) => String(row[f] ?? '')).join('\u0000');
  }

  get(table: DataTable, primaryKey: string): Row | undefined {
    const row = this.tables[table].get(primaryKey);
    return row ? { ...row } : undefined;
  }

  put(table: DataTable, row: Row): void {
    this.tables[table].set(MemoryCompany.primaryKey(table, row), { ...row });
  }

  /** Rows in primary-key order, copied. */
  rows(table: DataTable): Row[] {
    return [...this.tables[table].entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => ({ ...row }));
  }

  accountByAccount(account: string): Row | undefined {
    for (const row of this.tables.GL_Account.values()) if (row['Account'] === account) return { ...row };
    return undefined;
  }

  /** AccountKey is internal and 9 characters (erps.md §8 D.1); the memory BOI numbers them in order. */
  nextAccountKey(): string {
    this.lastAccountKey += 1;
    return String(this.lastAccountKey).padStart(9, '0');
  }

  /** The key a lock is held on: the object's key fields in SetKeyValue order, SegmentNo zero-filled as the BOI does. */
  static lockKey(object: ObjectName, key: Record<string, string>): string {
    return OBJECTS[object].key.map((f) => (f === 'SegmentNo' ? (zeroFillSegmentNo(key[f] ?? '') ?? key[f]) : key[f]) ?? '').join('|');
  }
}
