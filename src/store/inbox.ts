// The webhook inbox: employee ids BambooHR told us about (a signal to re-read, never the data;
// reference/bamboohr.md §4.4). Every run drains it; an entry is done once the run that took it
// has recorded its outcomes.
import type { Db } from './db.js';

export class InboxStore {
  private readonly addStmt;
  private readonly pendingStmt;
  private readonly doneStmt;
  private readonly markStmt;
  private readonly seenStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.addStmt = db.prepare('INSERT INTO inbox (employee_id, event, received_at) VALUES (?, ?, ?)');
    this.pendingStmt = db.prepare<[number], { employee_id: string }>('SELECT DISTINCT employee_id FROM inbox WHERE done_at IS NULL AND id <= ? ORDER BY employee_id');
    this.doneStmt = db.prepare('UPDATE inbox SET done_at = ?, claimed_by = ? WHERE done_at IS NULL AND id <= ?');
    this.markStmt = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(id), 0) AS n FROM inbox');
    this.seenStmt = db.prepare('INSERT INTO webhook_deliveries (signature, timestamp, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.pruneStmt = db.prepare('DELETE FROM webhook_deliveries WHERE received_at < ?');
  }

  /**
   * One verified delivery: remembered by (signature, timestamp) so a replay is refused, and
   * its employees queued, in one transaction (an accepted event is never half-recorded).
   * Returns false, recording nothing, when the delivery was seen before.
   */
  accept(signature: string, timestamp: string, hints: ReadonlyArray<{ employeeId: string; event: string }>, now: string): boolean {
    return this.db.transaction(() => {
      if (this.seenStmt.run(signature, timestamp, now).changes === 0) return false;
      for (const h of hints) this.addStmt.run(h.employeeId, h.event, now);
      return true;
    }).immediate();
  }

  /** Forget deliveries older than `before` (past the timestamp window they cannot come back). */
  prune(before: string): void {
    this.pruneStmt.run(before);
  }

  add(employeeId: string, event: string, receivedAt: string): number {
    return Number(this.addStmt.run(employeeId, event, receivedAt).lastInsertRowid);
  }

  /** The highest entry now: a run takes, and later marks done, only what existed when it began. */
  watermark(): number {
    return this.markStmt.get()?.n ?? 0;
  }

  pending(upTo: number): string[] {
    return this.pendingStmt.all(upTo).map((r) => r.employee_id);
  }

  markDone(upTo: number, runId: string, now: string): void {
    this.doneStmt.run(now, runId, upTo);
  }
}
