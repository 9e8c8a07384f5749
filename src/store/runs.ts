// Runs: one row per sync/replay, with its summary. `mlc status` and `--max-age` read them.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed';

export interface RunRow {
  id: string;
  command: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  asOf: string;
  dryRun: boolean;
  summary: unknown;
  errorCode: string | null;
  errorMessage: string | null;
}

type Raw = {
  id: string; command: string; started_at: string; finished_at: string | null; status: RunStatus; as_of: string;
  dry_run: number; summary_json: string | null; error_code: string | null; error_message: string | null;
};

const toRow = (r: Raw): RunRow => ({
  id: r.id, command: r.command, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, asOf: r.as_of,
  dryRun: r.dry_run === 1, summary: r.summary_json ? (JSON.parse(r.summary_json) as unknown) : null,
  errorCode: r.error_code, errorMessage: r.error_message,
});

/** Sortable, unique run id: UTC start time plus randomness (two runs can start in one second). */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export class RunStore {
  private readonly insert;
  private readonly finishStmt;
  private readonly recentStmt;
  private readonly lastGoodStmt;
  private readonly getStmt;
  private readonly interruptStmt;
  private readonly sinceStmt;
  private readonly latestForStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO runs (id, command, started_at, status, as_of, dry_run) VALUES (@id, @command, @startedAt, \'running\', @asOf, @dryRun)',
    );
    this.finishStmt = db.prepare(
      `UPDATE runs SET finished_at = @finishedAt, status = @status, summary_json = @summary, error_code = @errorCode, error_message = @errorMessage
       WHERE id = @id`,
    );
    this.recentStmt = db.prepare<[number], Raw>('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?');
    this.lastGoodStmt = db.prepare<[], Raw>("SELECT * FROM runs WHERE status = 'ok' AND dry_run = 0 ORDER BY started_at DESC LIMIT 1");
    this.getStmt = db.prepare<[string], Raw>('SELECT * FROM runs WHERE id = ?');
    this.interruptStmt = db.prepare(
      "UPDATE runs SET status = 'failed', error_code = 'interrupted', error_message = 'the process ended before the run finished', finished_at = ? WHERE status = 'running' AND id <> ?",
    );
    this.sinceStmt = db.prepare<[string], Raw>('SELECT * FROM runs WHERE started_at >= ? ORDER BY started_at, id');
    // A run without a summary (failed, or still running) may have covered any flow: it counts
    // for every flow, so a failure is never hidden from one.
    this.latestForStmt = db.prepare<{ flow: string; okOnly: number }, Raw>(
      `SELECT * FROM runs WHERE dry_run = 0 AND (@okOnly = 0 OR status = 'ok')
         AND (summary_json IS NULL OR EXISTS (SELECT 1 FROM json_each(summary_json, '$.flows') WHERE value = @flow))
       ORDER BY started_at DESC, id DESC LIMIT 1`,
    );
  }

  start(run: { id: string; command: string; startedAt: string; asOf: string; dryRun: boolean }): void {
    this.insert.run({ ...run, dryRun: run.dryRun ? 1 : 0 });
  }

  finish(id: string, r: { finishedAt: string; status: RunStatus; summary?: unknown; errorCode?: string; errorMessage?: string }): void {
    this.finishStmt.run({
      id, finishedAt: r.finishedAt, status: r.status, summary: r.summary === undefined ? null : JSON.stringify(r.summary),
      errorCode: r.errorCode ?? null, errorMessage: r.errorMessage ?? null,
    });
  }

  /** Runs left 'running' by a killed process (the caller holds the lock, so none is live). */
  markInterrupted(currentRunId: string, now: string): number {
    return this.interruptStmt.run(now, currentRunId).changes;
  }

  get(id: string): RunRow | undefined {
    const r = this.getStmt.get(id);
    return r && toRow(r);
  }

  recent(limit: number): RunRow[] {
    return this.recentStmt.all(limit).map(toRow);
  }

  /** Runs started at or after `iso`, oldest first (`mlc report`'s window). */
  startedSince(iso: string): RunRow[] {
    return this.sinceStmt.all(iso).map(toRow);
  }

  /** The latest run that covered `flow` (with `ok`: the latest good one), per its summary. */
  latestFor(flow: string, opts: { ok: boolean }): RunRow | undefined {
    const r = this.latestForStmt.get({ flow, okOnly: opts.ok ? 1 : 0 });
    return r && toRow(r);
  }

  lastGood(): RunRow | undefined {
    const r = this.lastGoodStmt.get();
    return r && toRow(r);
  }
}
