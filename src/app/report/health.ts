// A flow's health: its last good run and that run's age against --max-age (by the real
// clock, as `mlc status --max-age`), its last run, cursor, due-date sweep, webhook backlog.
import type { State } from '../../store/state.js';
import type { FlowHealth, Verdict } from './model.js';
import { runRef } from './runs.js';

export function flowHealth(state: State | undefined, flow: string, nowMs: number, maxAgeMs: number, open: { parked: number; failed: number }): FlowHealth {
  if (!state) return { verdict: 'never', lastGood: null, stale: true, lastRun: null, cursor: null, inboxBacklog: 0, linked: 0, owed: 0 };
  const good = state.runs.latestFor(flow, { ok: true });
  const last = state.runs.latestFor(flow, { ok: false });
  const ageMs = good?.finishedAt ? nowMs - Date.parse(good.finishedAt) : null;
  const stale = ageMs === null || ageMs > maxAgeMs;
  const c = state.cursors.get(flow);
  const lastRun = last ? { ...runRef(last), errorCode: last.errorCode, errorMessage: last.errorMessage } : null;
  return {
    verdict: verdictOf(good !== undefined, stale, lastRun?.status, open),
    lastGood: good ? { ...runRef(good), ageMs } : null,
    stale,
    lastRun,
    cursor: c ? { value: c.value, updatedAt: c.updatedAt, sweptThrough: c.sweptThrough } : null,
    inboxBacklog: state.inbox.pending(state.inbox.watermark(), [flow]).length,
    linked: state.links.count(flow),
    owed: state.owed.all(flow).length,
  };
}

/** The worst first: never ran, too old, last run failed, records waiting, all well. */
function verdictOf(everGood: boolean, stale: boolean, lastStatus: string | undefined, open: { parked: number; failed: number }): Verdict {
  if (!everGood) return 'never';
  if (stale) return 'stale';
  if (lastStatus === 'failed') return 'failing';
  if (open.parked + open.failed > 0 || lastStatus === 'partial') return 'attention';
  return 'ok';
}
