// Per-flow cursors. The value is BambooHR's own `latest` timestamp (never our clock), and it
// is only written inside the transaction that records the outcomes it covers (DESIGN §3.2).
import type { Db } from './db.js';

export interface Cursor {
  flow: string;
  value: string;
  sweptThrough: string | null;
  updatedAt: string;
  runId: string | null;
}

export class CursorStore {
  private readonly getStmt;
  private readonly allStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { flow: string; value: string; swept_through: string | null; updated_at: string; run_id: string | null }>(
      'SELECT flow, value, swept_through, updated_at, run_id FROM cursors WHERE flow = ?',
    );
    this.allStmt = db.prepare<[], { flow: string; value: string; swept_through: string | null; updated_at: string; run_id: string | null }>(
      'SELECT flow, value, swept_through, updated_at, run_id FROM cursors ORDER BY flow',
    );
    this.setStmt = db.prepare(
      `INSERT INTO cursors (flow, value, swept_through, updated_at, run_id) VALUES (@flow, @value, @swept, @now, @runId)
       ON CONFLICT (flow) DO UPDATE SET value = @value, swept_through = COALESCE(@swept, swept_through), updated_at = @now, run_id = @runId`,
    );
  }

  get(flow: string): Cursor | undefined {
    const r = this.getStmt.get(flow);
    return r && { flow: r.flow, value: r.value, sweptThrough: r.swept_through, updatedAt: r.updated_at, runId: r.run_id };
  }

  all(): Cursor[] {
    return this.allStmt.all().map((r) => ({ flow: r.flow, value: r.value, sweptThrough: r.swept_through, updatedAt: r.updated_at, runId: r.run_id }));
  }

  /** Call inside the transaction that records the outcomes this cursor covers. */
  set(flow: string, value: string, sweptThrough: string | null, runId: string | null, now: string): void {
    this.setStmt.run({ flow, value, swept: sweptThrough, now, runId });
  }
}
