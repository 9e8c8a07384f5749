// The webhook inbox: employee ids BambooHR told us about (a signal to re-read, never the data;
// reference/bamboohr.md §4.4). Every run drains it; an entry is done once the run that took it
// has recorded its outcomes.
import type { Db } from './db.js';

export class InboxStore {
  private readonly addStmt;
  private readonly pendingStmt;
  private readonly doneStmt;
  private readonly markStmt;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO inbox (employee_id, event, received_at) VALUES (?, ?, ?)');
    this.pendingStmt = db.prepare<[number], { employee_id: string }>('SELECT DISTINCT employee_id FROM inbox WHERE done_at IS NULL AND id <= ? ORDER BY employee_id');
    this.doneStmt = db.prepare('UPDATE inbox SET done_at = ?, claimed_by = ? WHERE done_at IS NULL AND id <= ?');
    this.markStmt = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(id), 0) AS n FROM inbox');
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
