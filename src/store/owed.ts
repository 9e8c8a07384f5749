// Owed references (DESIGN §8, issue 8 §1): a record written without a link it should carry
// (a report whose supervisor had no ERP key yet: parked, failed, filtered out, not created)
// is remembered here, and every run or replay in which the referenced record has a key plans
// an update for it. Paid (deleted) when the record is written with the link, or no longer
// wants it.
import type { RecordFamily, RecordRef } from '../adapters/types.js';
import type { Db } from './db.js';

export interface OwedRow {
  flow: string;
  family: RecordFamily;
  sourceKey: string;
  slot: string;
  on: RecordRef;
  sinceRun: string | null;
  sinceAt: string;
}

type Raw = { flow: string; family: RecordFamily; source_key: string; slot: string; on_family: RecordFamily; on_key: string; since_run: string | null; since_at: string };
const toRow = (r: Raw): OwedRow => ({ flow: r.flow, family: r.family, sourceKey: r.source_key, slot: r.slot, on: { family: r.on_family, sourceKey: r.on_key }, sinceRun: r.since_run, sinceAt: r.since_at });

export class OwedStore {
  private readonly putStmt;
  private readonly payStmt;
  private readonly payAllStmt;
  private readonly byTargetStmt;
  private readonly allStmt;
  private readonly anyStmt;
  /**
   * Flows known to owe nothing: pay() is then a no-op (an initial load pays once per record
   * written). Forgotten by owe() and by a rolled-back transaction (forgetOwed).
   */
  private readonly noneOwed = new Set<string>();

  constructor(db: Db) {
    this.putStmt = db.prepare(
      `INSERT INTO owed (flow, family, source_key, slot, on_family, on_key, since_run, since_at) VALUES (@flow, @family, @sourceKey, @slot, @onFamily, @onKey, @sinceRun, @sinceAt)
       ON CONFLICT (flow, family, source_key, slot) DO UPDATE SET on_family = @onFamily, on_key = @onKey,
         since_run = CASE WHEN on_key = @onKey AND on_family = @onFamily THEN since_run ELSE @sinceRun END,
         since_at = CASE WHEN on_key = @onKey AND on_family = @onFamily THEN since_at ELSE @sinceAt END`,
    );
    this.payStmt = db.prepare('DELETE FROM owed WHERE flow = ? AND family = ? AND source_key = ? AND slot = ?');
    this.payAllStmt = db.prepare('DELETE FROM owed WHERE flow = ? AND family = ? AND source_key = ?');
    this.byTargetStmt = db.prepare<[string, string, string], Raw>('SELECT * FROM owed WHERE flow = ? AND on_family = ? AND on_key = ?');
    this.allStmt = db.prepare<[string], Raw>('SELECT * FROM owed WHERE flow = ?');
    this.anyStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM owed WHERE flow = ? LIMIT 1');
  }

  /** After a rollback: what was known about owed rows may have been undone. */
  forgetOwed(): void {
    this.noneOwed.clear();
  }

  owe(row: Omit<OwedRow, 'sinceRun'> & { sinceRun: string | null }): void {
    this.noneOwed.delete(row.flow);
    this.putStmt.run({ flow: row.flow, family: row.family, sourceKey: row.sourceKey, slot: row.slot, onFamily: row.on.family, onKey: row.on.sourceKey, sinceRun: row.sinceRun, sinceAt: row.sinceAt });
  }

  pay(flow: string, family: RecordFamily, sourceKey: string, slot?: string): void {
    if (this.noneOwed.has(flow)) return;
    if (this.anyStmt.get(flow) === undefined) {
      this.noneOwed.add(flow);
      return;
    }
    if (slot === undefined) this.payAllStmt.run(flow, family, sourceKey);
    else this.payStmt.run(flow, family, sourceKey, slot);
  }

  /** Records waiting for `on` to get its ERP key. */
  waitingFor(flow: string, on: RecordRef): OwedRow[] {
    return this.byTargetStmt.all(flow, on.family, on.sourceKey).map(toRow);
  }

  all(flow: string): OwedRow[] {
    return this.allStmt.all(flow).map(toRow);
  }
}
