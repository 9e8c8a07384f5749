// The runs chart: inline SVG, no script. One bar per run (in order, so every run stays
// visible however they are spaced in time), stacked created / updated / deactivated / parked
// / failed, and the run's duration below. Series differ by pattern as well as colour; a run
// far larger than the others (the initial load) is cut with a break mark and labelled, so
// the daily runs stay readable. The numbers are in the table next to it, and a text summary
// is the chart's description.
import type { RunPoint } from '../../app/report/model.js';
import { duration, esc, num, plural } from './html.js';

export const SERIES = ['created', 'updated', 'deactivated', 'parked', 'failed'] as const;
type Series = (typeof SERIES)[number];

const W = 960;
const L = 48;
const R = 12;
const TOP = 14;
const BARS_H = 180;
const DUR_TOP = 236;
const DUR_H = 56;
const H = 318;

/** The smallest 1, 2 or 5 × 10^k at or above v. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

export interface Axis {
  max: number;
  steps: number;
}

/**
 * The axis: the largest value, unless one value dwarfs the rest (the initial load: then it is
 * cut), rounded up to the tightest top whose gridlines fall on round numbers (whole ones for
 * counts).
 */
export function axisFor(values: readonly number[], opts: { whole: boolean; steps: readonly number[] }): Axis {
  const sorted = values.filter((v) => v > 0).sort((a, b) => b - a);
  const top = sorted.length >= 3 && sorted[0]! > 4 * sorted[1]! ? sorted[1]! * 1.3 : (sorted[0] ?? 1);
  let best: Axis | undefined;
  for (const steps of opts.steps) {
    const step = opts.whole ? Math.max(1, niceCeil(top / steps)) : niceCeil(top / steps);
    if (!best || step * steps < best.max) best = { max: step * steps, steps };
  }
  return best!;
}

export const PATTERNS = `<defs>
<pattern id="p-deactivated" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" class="p-bg-deactivated"/><circle cx="2.5" cy="2.5" r="1" class="p-ink"/></pattern>
<pattern id="p-parked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="p-bg-parked"/><line x1="0" y1="0" x2="0" y2="6" class="p-ink"/></pattern>
<pattern id="p-failed" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="p-bg-failed"/><path d="M0 0L6 6M6 0L0 6" class="p-ink"/></pattern>
</defs>`;

const total = (r: RunPoint) => (r.counts ? SERIES.reduce((s, k) => s + r.counts![k], 0) : 0);

function yAxis(top: number, height: number, { max, steps }: Axis, unit: string): string {
  const out: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const y = top + height - (height * i) / steps;
    out.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${y}" y2="${y}"/><text x="${L - 6}" y="${y + 4}" text-anchor="end">${num((max * i) / steps)}${i === steps ? unit : ''}</text>`);
  }
  return out.join('');
}

function xLabels(runs: readonly RunPoint[], slot: number, when: (iso: string) => string): string {
  const n = runs.length;
  const m = Math.min(n, 7);
  const days = new Set(runs.map((r) => when(r.startedAt).slice(0, 10)));
  // Dates when the runs span days; times when they share one (seconds when within the hour).
  const withinHour = Date.parse(runs.at(-1)!.startedAt) - Date.parse(runs[0]!.startedAt) < 3_600_000;
  const label = (iso: string): string => {
    if (days.size > 3) return when(iso).slice(5, 10);
    if (days.size > 1) return when(iso).slice(5);
    return withinHour ? `${when(iso).slice(11)}:${iso.slice(17, 19)}` : when(iso).slice(11);
  };
  const picks = [...new Set(Array.from({ length: m }, (_, k) => (m === 1 ? 0 : Math.round((k * (n - 1)) / (m - 1)))))];
  return picks.map((i) => `<text x="${L + slot * (i + 0.5)}" y="${H - 4}" text-anchor="middle">${esc(label(runs[i]!.startedAt))}</text>`).join('');
}

function barTitle(r: RunPoint, when: (iso: string) => string): string {
  const c = r.counts;
  const what = c ? SERIES.map((k) => `${num(c[k])} ${k}`).join(', ') : `no counts (${r.errorCode ?? r.status})`;
  return `<title>${esc(`${r.command} ${r.id}, ${when(r.startedAt)}: ${what}; ${duration(r.durationMs)}`)}</title>`;
}

function countBars(r: RunPoint, x: number, bw: number, max: number): string {
  const base = TOP + BARS_H;
  if (!r.counts) return `<text x="${x + bw / 2}" y="${base - 4}" text-anchor="middle" class="f-failed-mark">✗</text>`;
  let y = base;
  const parts: string[] = [];
  const t = total(r);
  const scale = (v: number) => (BARS_H * Math.min(v, max)) / max;
  let drawn = 0;
  for (const k of SERIES as readonly Series[]) {
    const v = r.counts[k];
    if (v === 0) continue;
    const h = scale(drawn + v) - scale(drawn);
    drawn += v;
    if (h <= 0) continue;
    y -= h;
    parts.push(`<rect class="f-${k}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}"/>`);
  }
  if (t > max) {
    const bx = x - 2;
    parts.push(`<path d="M${bx} ${TOP + 12}l${bw + 4} -5M${bx} ${TOP + 17}l${bw + 4} -5" class="p-ink" stroke-width="2.5"/><text x="${x + bw / 2}" y="${TOP - 2}" text-anchor="middle">${num(t)}</text>`);
  }
  return parts.join('');
}

function durationBar(r: RunPoint, x: number, bw: number, max: number): string {
  if (r.durationMs === null) return '';
  const s = r.durationMs / 1000;
  const h = (DUR_H * Math.min(s, max)) / max;
  const cut = s > max ? `<text x="${x + bw / 2}" y="${DUR_TOP - 2}" text-anchor="middle">${esc(duration(r.durationMs))}</text>` : '';
  return `<rect class="f-duration" x="${x.toFixed(1)}" y="${(DUR_TOP + DUR_H - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}"/>${cut}`;
}

/** A summary in words: the chart's text alternative. */
export function chartSummary(runs: readonly RunPoint[], when: (iso: string) => string): string {
  if (runs.length === 0) return 'No runs in this window.';
  const sums = Object.fromEntries(SERIES.map((k) => [k, runs.reduce((s, r) => s + (r.counts?.[k] ?? 0), 0)])) as Record<Series, number>;
  const failed = runs.filter((r) => r.status === 'failed').length;
  const durations = runs.map((r) => r.durationMs).filter((d): d is number => d !== null).sort((a, b) => a - b);
  const median = durations.length ? durations[Math.floor(durations.length / 2)]! : null;
  const largest = [...runs].sort((a, b) => total(b) - total(a))[0]!;
  return `${plural(runs.length, 'run')} from ${when(runs[0]!.startedAt)} to ${when(runs.at(-1)!.startedAt)}` +
    ` (${plural(failed, 'failed run')}): ${SERIES.map((k) => `${num(sums[k])} ${k}`).join(', ')} in total.` +
    ` The largest run, ${largest.id}, handled ${plural(total(largest), 'record')}.` +
    (median !== null ? ` Median duration ${duration(median)}, longest ${duration(durations.at(-1)!)}.` : '');
}

export function runsChart(runs: readonly RunPoint[], when: (iso: string) => string): string {
  const slot = (W - L - R) / Math.max(runs.length, 1);
  const bw = Math.max(1, Math.min(28, slot * 0.7));
  const axis = axisFor(runs.map(total), { whole: true, steps: [5, 4, 3, 2] });
  const durAxis = axisFor(runs.map((r) => (r.durationMs ?? 0) / 1000), { whole: false, steps: [2] });
  const max = axis.max;
  const durMax = durAxis.max;
  const bars = runs.map((r, i) => {
    const x = L + slot * i + (slot - bw) / 2;
    return `<g>${barTitle(r, when)}${countBars(r, x, bw, max)}${durationBar(r, x, bw, durMax)}</g>`;
  });
  const summary = chartSummary(runs, when);
  const legend = SERIES.map((k) => `<li><svg viewBox="0 0 14 14" aria-hidden="true"><rect class="f-${k}" width="14" height="14"/></svg>${k}</li>`).join('') +
    '<li><svg viewBox="0 0 14 14" aria-hidden="true"><rect class="f-duration" width="14" height="14"/></svg>run duration (lower panel)</li><li><span aria-hidden="true">✗</span> run failed, no counts</li>';
  return `<figure>
<ul class="legend" aria-hidden="true">${legend}</ul>
<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title">Records per run and run duration</title>
<desc id="chart-desc">${esc(summary)}</desc>
${PATTERNS}
${yAxis(TOP, BARS_H, axis, '')}${yAxis(DUR_TOP, DUR_H, durAxis, ' s')}
<line class="axis" x1="${L}" x2="${W - R}" y1="${TOP + BARS_H}" y2="${TOP + BARS_H}"/><line class="axis" x1="${L}" x2="${W - R}" y1="${DUR_TOP + DUR_H}" y2="${DUR_TOP + DUR_H}"/>
${bars.join('\n')}
${xLabels(runs, slot, when)}
</svg>
<figcaption id="chart-summary">${esc(summary)} The numbers of every run are in the table below.</figcaption>
</figure>`;
}
