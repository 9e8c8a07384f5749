// The audit: one row per operation, planned → applied | unchanged | scheduled | parked |
// failed (DESIGN §3.8). Parked and failed rows stay "open" until a later row for the same
// flow and employee resolves them; `mlc replay` and the next run both work from them.
import type { RecordFamily } from '../adapters/types.js';
import type { Db } from './db.js';

export type AuditStatus = 'planned' | 'applied' | 'unchanged' | 'scheduled' | 'skipped' | 'parked' | 'failed';

export interface AuditInsert {
  runId: string;
  flow: string;
  /** Absent means employee. */
  family?: RecordFamily;
  /** The record's source key: the BambooHR employee id for people. */
  employeeId: string;
  label: string | null;
  kind: string;
  status: AuditStatus;
  reason?: string | null;
  errorCode?: string | null;
  effectiveDate?: string | null;
  retro?: boolean;
  sourceHash?: string | null;
  payloadHash?: string | null;
  /** Already redacted JSON. */
  payloadJson?: string | null;
  erpKey?: string | null;
  replayOf?: number | null;
  createdAt: string;
}

export interface AuditRow extends Required<Omit<AuditInsert, 'retro' | 'family'>> {
  id: number;
  family: RecordFamily;
  retro: boolean;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  responseJson: string | null;
  resolvedBy: number | null;
}

type Raw = Record<string, string | number | null>;
const toRow = (r: Raw): AuditRow => ({
  id: r.id as number, runId: r.run_id as string, flow: r.flow as string, family: (r.family ?? 'employee') as RecordFamily, employeeId: r.employee_id as string, label: r.label as string | null,
  kind: r.kind as string, status: r.status as AuditStatus, reason: r.reason as string | null, errorCode: r.error_code as string | null,
  effectiveDate: r.effective_date as string | null, retro: r.retro === 1, sourceHash: r.source_hash as string | null,
  payloadHash: r.payload_hash as string | null, payloadJson: r.payload_json as string | null, erpKey: r.erp_key as string | null,
  replayOf: r.replay_of as number | null, createdAt: r.created_at as string, attempts: r.attempts as number,
  startedAt: r.started_at as string | null, finishedAt: r.finished_at as string | null, durationMs: r.duration_ms as number | null,
  responseJson: r.response_json as string | null, resolvedBy: r.resolved_by as number | null,
});

export interface AuditFilter {
  status?: AuditStatus | 'open' | undefined;
  employeeId?: string | undefined;
  runId?: string | undefined;
  flow?: string | undefined;
  family?: RecordFamily | undefined;
  limit?: number | undefined;
}

export interface AuditOutcome {
  status: AuditStatus;
  reason?: string | null;
  errorCode?: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string;
  responseJson?: string | null;
  erpKey?: string | null;
  /** The payload actually sent, when it changed after the row was planned (redacted JSON). */
  payloadJson?: string | null;
  payloadHash?: string | null;
}

const OPEN = "status IN ('parked', 'failed') AND resolved_by IS NULL";

export class AuditStore {
  private readonly insertStmt;
  private readonly finishStmt;
  private readonly getStmt;
  private readonly openForStmt;
  private readonly resolveStmt;
  private readonly retryStmt;
  private readonly interruptStmt;
  private readonly scheduledStmt;
  private readonly timingStmt;
  private readonly anyOpenStmt;
  /**
   * Flow and family pairs known to have no open row: resolveOthers() is then a no-op, and an
   * initial load calls it once per record written (~5 µs each). Forgotten by every write that
   * can open a row, and by a rolled-back transaction (forgetOpen). A State lives for one run,
   * and the lease lock keeps other writers out meanwhile, so this is never stale.
   */
  private readonly noneOpen = new Set<string>();

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit (run_id, flow, family, employee_id, label, kind, status, reason, error_code, effective_date, retro, source_hash, payload_hash,
         payload_json, erp_key, replay_of, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.finishStmt = db.prepare(
      `UPDATE audit SET status = ?, reason = ?, error_code = ?, attempts = ?, started_at = ?, finished_at = ?, duration_ms = ?, response_json = ?,
         erp_key = COALESCE(?, erp_key), payload_json = COALESCE(?, payload_json), payload_hash = COALESCE(?, payload_hash) WHERE id = ?`,
    );
    this.getStmt = db.prepare<[number], Raw>('SELECT * FROM audit WHERE id = ?');
    this.openForStmt = db.prepare<[string, string, string], Raw>(`SELECT * FROM audit WHERE flow = ? AND family = ? AND employee_id = ? AND ${OPEN} ORDER BY id`);
    this.resolveStmt = db.prepare(`UPDATE audit SET resolved_by = ? WHERE flow = ? AND family = ? AND employee_id = ? AND id <> ? AND ${OPEN}`);
    this.retryStmt = db.prepare('UPDATE audit SET attempts = attempts + 1, finished_at = ? WHERE id = ?');
    this.interruptStmt = db.prepare(
      "UPDATE audit SET status = 'failed', error_code = 'interrupted', reason = 'the run ended before this operation''s outcome was recorded; it is retried' WHERE status = 'planned' AND run_id <> ?",
    );
    this.scheduledStmt = db.prepare<[string, string, string, string], { id: number }>(
      "SELECT id FROM audit WHERE flow = ? AND family = 'employee' AND employee_id = ? AND status = 'scheduled' AND effective_date = ? AND source_hash = ? LIMIT 1",
    );
    this.timingStmt = db.prepare<[string], { writes: number; total_ms: number | null; max_ms: number | null }>(
      'SELECT COUNT(*) AS writes, SUM(duration_ms) AS total_ms, MAX(duration_ms) AS max_ms FROM audit WHERE run_id = ? AND duration_ms IS NOT NULL',
    );
    this.anyOpenStmt = db.prepare<[string, string], { one: number }>(`SELECT 1 AS one FROM audit WHERE flow = ? AND family = ? AND ${OPEN} LIMIT 1`);
  }

  /** After a rollback: what was known about open rows may have been undone. */
  forgetOpen(): void {
    this.noneOpen.clear();
  }

  private opening(status: string): void {
    if (status === 'parked' || status === 'failed') this.noneOpen.clear();
  }

  insert(a: AuditInsert): number {
    this.opening(a.status);
    // Positional parameters, in the column order above: two audit statements run per operation.
    const r = this.insertStmt.run(
      a.runId, a.flow, a.family ?? 'employee', a.employeeId, a.label ?? null, a.kind, a.status, a.reason ?? null, a.errorCode ?? null, a.effectiveDate ?? null,
      a.retro ? 1 : 0, a.sourceHash ?? null, a.payloadHash ?? null, a.payloadJson ?? null, a.erpKey ?? null, a.replayOf ?? null, a.createdAt,
    );
    return Number(r.lastInsertRowid);
  }

  finish(id: number, o: AuditOutcome): void {
    this.opening(o.status);
    this.finishStmt.run(
      o.status, o.reason ?? null, o.errorCode ?? null, o.attempts, o.startedAt, o.finishedAt, Date.parse(o.finishedAt) - Date.parse(o.startedAt),
      o.responseJson ?? null, o.erpKey ?? null, o.payloadJson ?? null, o.payloadHash ?? null, id,
    );
  }

  get(id: number): AuditRow | undefined {
    const r = this.getStmt.get(id);
    return r && toRow(r);
  }

  list(f: AuditFilter): AuditRow[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (f.status === 'open') where.push(OPEN);
    else if (f.status) (where.push('status = ?'), args.push(f.status));
    if (f.employeeId) (where.push('employee_id = ?'), args.push(f.employeeId));
    if (f.runId) (where.push('run_id = ?'), args.push(f.runId));
    if (f.flow) (where.push('flow = ?'), args.push(f.flow));
    if (f.family) (where.push('family = ?'), args.push(f.family));
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.prepare<Array<string | number>, Raw>(sql).all(...args, f.limit ?? 1000).map(toRow);
  }

  openFor(flow: string, employeeId: string, family: RecordFamily = 'employee'): AuditRow[] {
    return this.openForStmt.all(flow, family, employeeId).map(toRow);
  }

  /** Source keys with open (parked or failed) rows in a flow and family: retried by every run. */
  openEmployees(flow: string, family: RecordFamily = 'employee'): string[] {
    return this.db
      .prepare<[string, string], { employee_id: string }>(`SELECT DISTINCT employee_id FROM audit WHERE flow = ? AND family = ? AND ${OPEN}`)
      .all(flow, family)
      .map((r) => r.employee_id);
  }

  /** Source keys of open rows with this error code in any of the flows (e.g. source_missing: read again). */
  openWithCode(flows: readonly string[], errorCode: string, family: RecordFamily = 'employee'): string[] {
    if (flows.length === 0) return [];
    return this.db
      .prepare<string[], { employee_id: string }>(`SELECT DISTINCT employee_id FROM audit WHERE error_code = ? AND family = ? AND flow IN (${flows.map(() => '?').join(', ')}) AND ${OPEN}`)
      .all(errorCode, family, ...flows)
      .map((r) => r.employee_id);
  }

  /** A newer outcome supersedes every open row of the same flow and record. */
  resolveOthers(flow: string, employeeId: string, byId: number, family: RecordFamily = 'employee'): void {
    const key = `${flow}\u0000${family}`;
    if (this.noneOpen.has(key)) return;
    if (this.anyOpenStmt.get(flow, family) === undefined) {
      this.noneOpen.add(key);
      return;
    }
    this.resolveStmt.run(byId, flow, family, employeeId, byId);
  }

  /** The same parked reason again: count the attempt on the open row instead of adding one. */
  countRetry(id: number, at: string): void {
    this.retryStmt.run(at, id);
  }

  /** Rows left 'planned' by a run that died: they become failed (open) and are retried. */
  failInterrupted(currentRunId: string): number {
    this.noneOpen.clear();
    return this.interruptStmt.run(currentRunId).changes;
  }

  /** How long a run's ERP operations took (rows with an outcome from the ERP; audit_by_run index). */
  writeTimings(runId: string): { writes: number; totalMs: number; maxMs: number } {
    const r = this.timingStmt.get(runId);
    return { writes: r?.writes ?? 0, totalMs: r?.total_ms ?? 0, maxMs: r?.max_ms ?? 0 };
  }

  scheduledSeen(flow: string, employeeId: string, effectiveDate: string, sourceHash: string): boolean {
    return this.scheduledStmt.get(flow, employeeId, effectiveDate, sourceHash) !== undefined;
  }
}
