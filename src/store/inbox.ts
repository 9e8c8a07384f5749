// The webhook inbox: employee ids BambooHR told us about (a signal to re-read, never the data;
// reference/bamboohr.md §4.4). Every run drains it; an entry is done once the run that took it
// has recorded its outcomes.
import type { Db } from './db.js';

export class InboxStore {
  private readonly addStmt;
  private readonly pendingStmt;
  private readonly doneStmt;
  private readonly takenStmt;
  private readonly flowDoneStmt;
  private readonly markStmt;
  private readonly seenStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.addStmt = db.prepare('INSERT INTO inbox (employee_id, event, received_at) VALUES (?, ?, ?)');
    this.pendingStmt = db.prepare<[number], { id: number; employee_id: string }>('SELECT id, employee_id FROM inbox WHERE done_at IS NULL AND id <= ? ORDER BY id');
    this.takenStmt = db.prepare<[number], { inbox_id: number; flow: string }>('SELECT d.inbox_id, d.flow FROM inbox_done d JOIN inbox i ON i.id = d.inbox_id WHERE i.done_at IS NULL AND i.id <= ?');
    this.flowDoneStmt = db.prepare('INSERT INTO inbox_done (inbox_id, flow, run_id, done_at) SELECT id, @flow, @runId, @now FROM inbox WHERE done_at IS NULL AND id <= @upTo ON CONFLICT DO NOTHING');
    this.doneStmt = db.prepare('UPDATE inbox SET done_at = ?, claimed_by = ? WHERE id = ?');
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

  /** Employee ids of entries up to `upTo` some of `flows` have not taken yet. */
  pending(upTo: number, flows: readonly string[]): string[] {
    const taken = this.takenBy(upTo);
    const out = new Set<string>();
    for (const r of this.pendingStmt.all(upTo)) if (flows.some((f) => !taken.get(r.id)?.has(f))) out.add(r.employee_id);
    return [...out].sort();
  }

  /**
   * `flow` has recorded the outcomes of entries up to `upTo`. An entry is done once every
   * configured flow has (a `--flow A` run leaves B's share waiting: issue 8 §6).
   */
  markDone(upTo: number, flow: string, allFlows: readonly string[], runId: string, now: string): void {
    this.flowDoneStmt.run({ flow, runId, now, upTo });
    const taken = this.takenBy(upTo);
    for (const [id, flows] of taken) if (allFlows.every((f) => flows.has(f))) this.doneStmt.run(now, runId, id);
  }

  private takenBy(upTo: number): Map<number, Set<string>> {
    const m = new Map<number, Set<string>>();
    for (const r of this.takenStmt.all(upTo)) (m.get(r.inbox_id) ?? m.set(r.inbox_id, new Set()).get(r.inbox_id)!).add(r.flow);
    return m;
  }
}
