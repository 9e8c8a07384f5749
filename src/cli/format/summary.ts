// The one line a sync or replay prints (for cron mail), and the reasons behind a partial run.
// A partial run's line ends with its top reasons and the next step, so the mail alone says
// what to do: `13 parked: no lookup for department "Legal" → add it to departments.csv, then
// mlc replay <run>`. Reasons pass through the redactor first (audit.redact).
import { basename } from 'node:path';
import type { PlanItem } from '../../app/sync/plan.js';
import type { RunSummary } from '../../app/sync/summary.js';
import type { Redactor } from '../../domain/redact-payload.js';

export interface Problem {
  status: 'parked' | 'failed';
  count: number;
  reason: string;
  /** What the operator does about it, e.g. `add it to departments.csv`. */
  next: string;
}

const SHOWN = 3;
const RETRIED = 'the next run retries it';

type Item = Pick<PlanItem, 'status' | 'reason' | 'errorCode' | 'key' | 'erpKey'>;

/** Parked and failed items grouped by reason, most frequent first. */
export function problems(items: readonly Item[], redact: Redactor): Problem[] {
  const groups = new Map<string, Problem>();
  for (const i of items) {
    if (i.status !== 'parked' && i.status !== 'failed') continue;
    for (const part of reasonParts(i, redact)) {
      const id = `${i.status}\u0000${part.reason}`;
      const g = groups.get(id) ?? { status: i.status, count: 0, ...part };
      g.count++;
      groups.set(id, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.status.localeCompare(b.status) || a.reason.localeCompare(b.reason));
}

/** One record's reason split into causes ("a; b"), without what names the record itself. */
function reasonParts(i: Item, redact: Redactor): Array<{ reason: string; next: string }> {
  const text = redact.text(i.reason ?? i.errorCode ?? 'no reason recorded');
  const own = [i.key, i.erpKey].filter((k): k is string => !!k && k.length > 2);
  const general = own.reduce((s, k) => s.replace(new RegExp(`\\s?\\S*${escapeRe(k)}(?=[\\s:,;)]|$)`, 'g'), ''), text);
  const parts = i.errorCode === 'unmapped' || i.errorCode === 'erp_reference' ? general.split('; ') : [general];
  return parts.map((p) => oneLine(p)).map((p) => nextStep(p, i));
}

function nextStep(reason: string, i: Item): { reason: string; next: string } {
  const unmapped = /^\w+: (no lookup for \S+ (?:\(empty\)|".*")) in (.+)$/.exec(reason);
  if (unmapped) {
    const [, what, where] = unmapped as unknown as [string, string, string];
    return { reason: what, next: `add it to ${where.includes('/') || where.endsWith('.csv') ? basename(where) : where}` };
  }
  if (i.errorCode === 'erp_reference') return { reason, next: 'fix the lookup or the ERP record' };
  if (i.errorCode === 'record_rejected') return { reason, next: 'fix the record in BambooHR or the flow mapping' };
  if (i.status === 'failed') return { reason, next: RETRIED };
  return { reason, next: 'fix the cause' };
}

/** `13 parked: … → add it to departments.csv; 1 failed: … → the next run retries it, then mlc replay <run>` */
export function problemsText(list: readonly Problem[], runId: string | null): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, SHOWN).map((p) => `${p.count} ${p.status}: ${p.reason} → ${p.next}`);
  const more = list.length > SHOWN ? `; ${list.length - SHOWN} more reason${list.length - SHOWN === 1 ? '' : 's'}: mlc audit list --status open${runId ? ` --run ${runId}` : ''}` : '';
  const retried = list.every((p) => p.next === RETRIED);
  const then = runId ? (retried ? ` (or now: mlc replay ${runId})` : `, then mlc replay ${runId}`) : '';
  return `${shown.join('; ')}${more}${then}`;
}

export function summaryLine(s: RunSummary, items: readonly Item[], redact: Redactor): string {
  const c = s.counts;
  const req = Object.entries(s.requests).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const what = `${c.read} read, ${c.created} created, ${c.updated} updated, ${c.deactivated} deactivated, ${c.reactivated} reactivated, ${c.unchanged} unchanged, ${c.scheduled} scheduled, ${c.parked} parked, ${c.failed} failed`;
  const head = s.dryRun ? 'mlc sync --dry-run (nothing written)' : `mlc sync ${s.status}`;
  const tail = problemsText(problems(items, redact), s.runId);
  return `${head}: ${what}; requests: ${req}; cursor ${s.cursor ?? 'none'}; ${(s.durationMs / 1000).toFixed(1)} s${s.runId ? ` (run ${s.runId})` : ''}${tail ? `; ${tail}` : ''}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
