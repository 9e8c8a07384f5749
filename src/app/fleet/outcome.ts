// What one company's run came to, and the fleet's exit code: the worst company's, by a fixed
// precedence. The order asks "who must act, and how soon": first what no rerun will fix and
// may hide a bug (a crash or internal error), then what needs a person's hands (credentials,
// the data-loss guard, a broken config), then what usually heals by itself (an unreachable
// system, a stopped or locked run), and last the run that worked but parked some records.
import type { RunCounts } from '../sync/summary.js';

export type CompanyStatus =
  | 'ok' // exit 0
  | 'partial' // exit 1: completed, some records parked or failed
  | 'config' // exit 2: usage or configuration error (also: refused by the fleet's own checks)
  | 'unreachable' // exit 3
  | 'auth' // exit 4
  | 'locked' // exit 5: another run holds this company's lock (not waited for)
  | 'guard' // exit 6: the no-silent-data-loss guard tripped
  | 'internal' // exit 70, or any exit code mlc does not document
  | 'crashed' // ended by a signal it did not handle (SIGKILL, the OOM killer, a V8 abort)
  | 'stopped' // exit 129/130/143: a tidy stop on SIGHUP/SIGINT/SIGTERM
  | 'not started'; // the fleet was stopped before this company's turn

export interface CompanyResult {
  name: string;
  file: string;
  status: CompanyStatus;
  /** The process's exit code; 128 + n when a signal ended it (as a shell reports it). */
  exitCode: number | null;
  signal: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  counts: RunCounts | null;
  /** The child's `mlc sync --json` object (without a dry run's plan items). */
  summary: Record<string, unknown> | null;
  /** The child's error report (its `mlc: error:` lines), or why it did not run. */
  error: string | null;
}

const BY_EXIT: Record<number, CompanyStatus> = { 0: 'ok', 1: 'partial', 2: 'config', 3: 'unreachable', 4: 'auth', 5: 'locked', 6: 'guard', 70: 'internal', 129: 'stopped', 130: 'stopped', 143: 'stopped' };

/** Worst first; `not started` never decides the exit code (the fleet's own stop does). */
export const PRECEDENCE: readonly CompanyStatus[] = ['crashed', 'internal', 'auth', 'guard', 'config', 'unreachable', 'stopped', 'locked', 'partial', 'ok'];

export function statusOf(code: number | null, signal: string | null): CompanyStatus {
  if (signal !== null || code === null) return 'crashed';
  return BY_EXIT[code] ?? 'internal';
}

// A crash counts as 70 for the fleet, so the fleet's own codes stay inside mlc's table.
const STATUS_EXIT: Partial<Record<CompanyStatus, number>> = { ok: 0, partial: 1, config: 2, unreachable: 3, auth: 4, locked: 5, guard: 6, internal: 70, crashed: 70 };

/** The exit code a company's status stands for in the fleet's own exit code. */
function exitFor(r: CompanyResult): number {
  return r.status === 'stopped' ? (r.exitCode ?? 143) : (STATUS_EXIT[r.status] ?? 70);
}

const rank = (s: CompanyStatus) => {
  const i = PRECEDENCE.indexOf(s);
  return i < 0 ? PRECEDENCE.length : i;
};

/** Companies that need attention, worst first (stable by name within a status). */
export function attention(results: readonly CompanyResult[]): CompanyResult[] {
  return results.filter((r) => r.status !== 'ok' && r.status !== 'not started').sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name));
}

/** The fleet's exit code: 128 + n when the fleet itself was stopped, else the worst company's. */
export function fleetExitCode(results: readonly CompanyResult[], stoppedBy: number | undefined): number {
  if (stoppedBy !== undefined) return stoppedBy;
  const worst = attention(results)[0];
  return worst ? exitFor(worst) : 0;
}

export interface FleetTotals {
  companies: number;
  byStatus: Partial<Record<CompanyStatus, number>>;
  counts: Partial<RunCounts>;
}

export function totals(results: readonly CompanyResult[]): FleetTotals {
  const byStatus: Partial<Record<CompanyStatus, number>> = {};
  const counts: Record<string, number> = {};
  for (const r of results) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    for (const [k, v] of Object.entries(r.counts ?? {})) counts[k] = (counts[k] ?? 0) + v;
  }
  return { companies: results.length, byStatus, counts };
}
