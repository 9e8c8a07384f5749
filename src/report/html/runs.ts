// Runs over time (chart and the numbers behind it, newest first) and requests per system per
// run with the run's timings. Counts are the run's summary, exactly as `mlc status --json`
// and `mlc sync --json` give them: a run covering several flows counts them together.
import type { ReportModel, RunPoint } from '../../app/report/model.js';
import { runsChart } from './chart.js';
import { duration, esc, num, runStatusBadge, table } from './html.js';
import type { When } from './overview.js';

const COUNTS = ['created', 'updated', 'deactivated', 'reactivated', 'unchanged', 'scheduled', 'parked', 'failed'] as const;

const n = (v: number | undefined): string => (v === undefined ? '' : v === 0 ? '<span class="zero">0</span>' : num(v));
function runCell(r: RunPoint, when?: When): string {
  const started = when ? `<br><span class="nowrap">${esc(when(r.startedAt))}</span>` : '';
  return `<span class="mono">${esc(r.id)}</span>${started}${r.command === 'sync' ? '' : ` <span class="muted">${esc(r.command)}</span>`}`;
}
const at = (s: string): string => `<span class="nowrap">${esc(s)}</span>`;

function flowsOf(r: RunPoint): string {
  return r.flows ? esc(r.flows.join(', ')) : '<span class="muted">not recorded</span>';
}

export function runsSection(m: ReportModel, when: When): string {
  if (m.runs.length === 0) return `<p class="empty">No runs since ${esc(when(m.window.since))}.</p>`;
  // The flows column only says something when there is more than one flow.
  const several = m.flows.length > 1;
  const rows = [...m.runs].reverse().map((r) => [
    runCell(r, when), runStatusBadge(r.status), ...(several ? [flowsOf(r)] : []), n(r.counts?.read),
    ...COUNTS.map((k) => n(r.counts?.[k])),
  ]);
  const first = several ? 3 : 2;
  return runsChart(m.runs, (iso) => when(iso)) + table({
    caption: `Every run since ${esc(when(m.window.since))}, newest first: records per outcome (the run’s summary; a failed run left none). Durations are under Requests and timings.`,
    head: ['Run, started', 'Status', ...(several ? ['Flows'] : []), 'Read', ...COUNTS.map((k) => k[0]!.toUpperCase() + k.slice(1))],
    rows,
    numeric: Array.from({ length: COUNTS.length + 1 }, (_, i) => first + i),
    cls: 'runs',
  });
}

export function requestsSection(m: ReportModel, when: When): string {
  if (m.runs.length === 0) return `<p class="empty">No runs since ${esc(when(m.window.since))}.</p>`;
  const rows = [...m.runs].reverse().map((r) => [
    runCell(r), at(when(r.startedAt)), at(when(r.finishedAt)), at(duration(r.durationMs)),
    ...m.systems.map((s) => n(r.requests[s] ?? 0)),
    n(r.writes.count), r.writes.count ? at(duration(r.writes.totalMs / r.writes.count)) : '', r.writes.count ? at(duration(r.writes.maxMs)) : '',
  ]);
  const first = 4;
  return table({
    caption: 'Requests each run made to each system, and its timings. ERP operations are the writes with an outcome from the ERP; their time includes retries.',
    head: ['Run', 'Started', 'Finished', 'Duration', ...m.systems.map((s) => `${s} requests`), 'ERP operations', 'Mean per operation', 'Slowest'],
    rows,
    numeric: [3, ...m.systems.map((_, i) => first + i), first + m.systems.length, first + m.systems.length + 1, first + m.systems.length + 2],
    cls: 'requests',
  });
}
