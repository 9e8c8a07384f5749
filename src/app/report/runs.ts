// Runs as the report shows them: the run row, its summary (counts, requests per system,
// duration: the same object `mlc sync --json` printed) and how long its ERP operations took.
import { z } from 'zod';
import type { RunRow } from '../../store/runs.js';
import type { State } from '../../store/state.js';
import { emptyCounts, type RunCounts } from '../sync/summary.js';
import type { RunPoint, RunRef } from './model.js';

// The summary column as `summaryOf` wrote it; keys are only ever added (DESIGN §5), so
// anything else is kept loose and a missing count reads as 0.
const StoredSummary = z.object({
  flows: z.array(z.string()).optional(),
  counts: z.record(z.string(), z.number()).optional(),
  requests: z.record(z.string(), z.number()).optional(),
  durationMs: z.number().optional(),
});

export function runRef(r: RunRow): RunRef {
  return { id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt };
}

function countsOf(c: Record<string, number> | undefined): RunCounts | null {
  if (!c) return null;
  const out = emptyCounts();
  for (const k of Object.keys(out) as Array<keyof RunCounts>) out[k] = c[k] ?? 0;
  return out;
}

export function runPoint(state: State, r: RunRow): RunPoint {
  const s = StoredSummary.safeParse(r.summary ?? undefined);
  const summary = s.success ? s.data : {};
  const w = state.audit.writeTimings(r.id);
  const wall = r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null;
  return {
    ...runRef(r), command: r.command, asOf: r.asOf, flows: summary.flows ?? null, counts: countsOf(summary.counts), requests: summary.requests ?? {},
    durationMs: summary.durationMs ?? wall, writes: { count: w.writes, totalMs: w.totalMs, maxMs: w.maxMs }, errorCode: r.errorCode, errorMessage: r.errorMessage,
  };
}

/** Whether a run covered the flow; a run without a summary (failed, running) counts for all. */
export const covers = (p: Pick<RunPoint, 'flows'>, flow: string): boolean => p.flows === null || p.flows.includes(flow);

export function runsSince(state: State, since: string, flows: readonly string[] | undefined): RunPoint[] {
  return state.runs
    .startedSince(since)
    .filter((r) => !r.dryRun)
    .map((r) => runPoint(state, r))
    .filter((p) => !flows || flows.some((f) => covers(p, f)));
}

/** Request systems in the order people read them: BambooHR, then the targets by name. */
export function systemsOf(runs: readonly RunPoint[]): string[] {
  const all = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.requests)) all.add(k);
  return [...all].sort((a, b) => (a === 'bamboohr' ? -1 : b === 'bamboohr' ? 1 : a.localeCompare(b)));
}
