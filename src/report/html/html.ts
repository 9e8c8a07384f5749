// Small, pure helpers of the report page: escaping, numbers, times in the company's zone,
// durations and ages for people, and status labels that carry a word and a symbol (colour is
// never the only signal).
import type { Verdict } from '../../app/report/model.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and attribute values alike. */
export function esc(s: string | number | null | undefined): string {
  return s === null || s === undefined ? '' : String(s).replace(/[&<>"']/g, (c) => ESC[c]!);
}

export const num = (n: number): string => n.toLocaleString('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** Formats ISO instants as "2026-05-04 09:15" in the company's time zone. */
export function timeFormatter(timeZone: string): (iso: string | null) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => (iso ? f.format(new Date(iso)).replace(', ', ' ') : '');
}

/** 850 ms, 12.4 s, 3 min 5 s, 2 h 10 min. */
export function duration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** How long ago, coarse: 45 min, 5 h 20 min, 3 days 4 h. */
export function age(ms: number | null): string {
  if (ms === null) return '';
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 1) return 'under a minute';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} days ${h % 24} h`;
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Tone = 'ok' | 'warn' | 'bad' | 'info';

export function badge(tone: Tone, symbol: string, text: string): string {
  return `<span class="badge ${tone}"><span aria-hidden="true">${symbol}</span> ${esc(text)}</span>`;
}

const VERDICTS: Record<Verdict, [Tone, string, string]> = {
  ok: ['ok', '✓', 'Healthy'],
  attention: ['warn', '!', 'Needs attention'],
  failing: ['bad', '✗', 'Last run failed'],
  stale: ['bad', '✗', 'Stale'],
  never: ['bad', '✗', 'No good run yet'],
};

export const verdictBadge = (v: Verdict): string => badge(...VERDICTS[v]);

const RUN_STATUS: Record<string, [Tone, string]> = { ok: ['ok', '✓'], partial: ['warn', '!'], failed: ['bad', '✗'], running: ['info', '…'] };

export function runStatusBadge(status: string): string {
  const [tone, symbol] = RUN_STATUS[status] ?? ['info', '?'];
  return badge(tone, symbol, status);
}

/** A table: caption, header cells (th scope=col), rows of ready-made cell HTML. */
export function table(opts: { caption: string; head: string[]; rows: string[][]; numeric?: number[]; cls?: string }): string {
  const right = new Set(opts.numeric ?? []);
  const cell = (i: number, tag: 'th' | 'td', html: string) => `<${tag}${right.has(i) ? ' class="n"' : ''}${tag === 'th' ? ' scope="col"' : ''}>${html}</${tag}>`;
  const head = `<tr>${opts.head.map((h, i) => cell(i, 'th', esc(h))).join('')}</tr>`;
  const body = opts.rows.map((r) => `<tr>${r.map((c, i) => cell(i, 'td', c)).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${opts.cls ? ` class="${opts.cls}"` : ''}><caption>${opts.caption}</caption><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}
