// The run summary: the JSON object of `mlc sync --json` (DESIGN §5; keys are a public
// interface, only ever added to). The one line a cron log gets is output: cli/format/summary.ts.
import type { PlanItem } from './plan.js';

export interface RunCounts {
  read: number;
  created: number;
  updated: number;
  deactivated: number;
  reactivated: number;
  unchanged: number;
  scheduled: number;
  parked: number;
  failed: number;
  skipped: number;
}

export interface RunSummary {
  runId: string | null;
  status: 'ok' | 'partial' | 'failed';
  dryRun: boolean;
  asOf: string;
  flows: string[];
  counts: RunCounts;
  requests: Record<string, number>;
  cursor: string | null;
  durationMs: number;
}

export function emptyCounts(read = 0): RunCounts {
  return { read, created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 0, scheduled: 0, parked: 0, failed: 0, skipped: 0 };
}

const DONE: Record<string, keyof RunCounts> = { create: 'created', update: 'updated', deactivate: 'deactivated', reactivate: 'reactivated' };

/** Counts from final item states; in a dry run, planned items count as what they would do. */
export function countItems(items: readonly PlanItem[], read: number): RunCounts {
  const c = emptyCounts(read);
  for (const i of items) {
    if (i.status === 'planned') {
      const k = DONE[i.kind];
      if (k) c[k]++;
    } else c[i.status]++;
  }
  return c;
}
