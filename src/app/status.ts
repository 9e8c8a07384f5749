// `mlc status`: cursors, recent runs, open records and the last good run, from the state
// database alone (no network), so monitoring can call it as often as it likes.
import { existsSync } from 'node:fs';
import type { Cursor } from '../store/cursors.js';
import type { RunRow } from '../store/runs.js';
import type { AppContext } from './context.js';

export interface StatusReport {
  state: string;
  cursors: Cursor[];
  runs: RunRow[];
  lastGood: RunRow | null;
  lastGoodAgeMs: number | null;
  open: Array<{ flow: string; status: string; count: number }>;
  lock: { pid: number; host: string; since: string; heartbeat: string } | null;
}

export function status(ctx: AppContext, runs = 5): StatusReport {
  const path = ctx.config.state.path;
  // Never run yet: an empty report (and, with --max-age, "stale"), not an error.
  if (!existsSync(path)) return { state: `${path} (not created yet: mlc sync has never run with this configuration)`, cursors: [], runs: [], lastGood: null, lastGoodAgeMs: null, open: [], lock: null };
  const s = ctx.openState(true);
  const lastGood = s.runs.lastGood() ?? null;
  const open = new Map<string, number>();
  for (const r of s.audit.list({ status: 'open', limit: 100_000 })) open.set(`${r.flow}\u0000${r.status}`, (open.get(`${r.flow}\u0000${r.status}`) ?? 0) + 1);
  const holder = s.lock.holder();
  return {
    state: path,
    cursors: s.cursors.all(),
    runs: s.runs.recent(runs),
    lastGood,
    // Age by the real clock: monitoring asks "when did it last work", not a business date.
    lastGoodAgeMs: lastGood?.finishedAt ? Date.now() - Date.parse(lastGood.finishedAt) : null,
    open: [...open].map(([k, count]) => ({ flow: k.split('\u0000')[0]!, status: k.split('\u0000')[1]!, count })),
    lock: holder ? { pid: holder.pid, host: holder.host, since: holder.acquiredAt, heartbeat: holder.heartbeatAt } : null,
  };
}
