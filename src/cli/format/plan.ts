// Human and JSON renderings of a sync plan or result. Every reason and payload passes through
// the redactor (audit.redact): a plan line must not show what the audit would mask.
import type { PlanItem } from '../../app/sync/plan.js';
import type { SyncOutcome } from '../../app/sync/engine.js';
import type { Redactor } from '../../domain/redact-payload.js';
import { problems, summaryLine } from './summary.js';
import { table } from './table.js';

function detail(i: PlanItem, redact: Redactor): string {
  if (i.status === 'planned' || i.status === 'unchanged') {
    const refs = Object.entries(i.refs).map(([k, v]) => `${k} ${v}`);
    const waits = i.waitsFor.map((w) => `after ${w.family === 'employee' ? 'employee ' : ''}${w.sourceKey}`);
    return [...refs, ...waits, i.retro ? `back-dated (effective ${i.effectiveDate})` : ''].filter(Boolean).join(', ');
  }
  return redact.text(i.reason ?? '');
}

/** The plan table (unless `table: false`), the summary line and the notes. */
export function planLines(o: SyncOutcome, redact: Redactor, opts: { all?: boolean; table?: boolean } = {}): string[] {
  const shown = opts.table === false ? [] : o.items.filter((i) => opts.all || (i.status !== 'unchanged' && i.status !== 'skipped'));
  const lines: string[] = [];
  if (o.summary.dryRun) lines.push(`Plan as of ${o.summary.asOf} (dry run: nothing is written, not even the cursor)`);
  if (shown.length > 0) {
    lines.push(...table(['FLOW', 'ID', 'NAME', 'OPERATION', 'STATUS', 'DETAIL'], shown.map((i) => [i.flow, i.employeeId, i.label ?? '', i.kind, i.status, detail(i, redact)]), 80));
  }
  const hidden = o.items.length - shown.length;
  if (hidden > 0 && o.summary.dryRun && opts.table !== false) lines.push(`(${hidden} unchanged or out-of-scope records not shown; --all shows them)`);
  lines.push(summaryLine(o.summary, o.items, redact));
  for (const n of o.notes) lines.push(`note: ${redact.text(n)}`);
  return lines;
}

export function planJson(o: SyncOutcome, redact: Redactor): unknown {
  return {
    ...o.summary,
    ...(o.summary.dryRun
      ? {
          plan: o.items.map((i) => ({
            flow: i.flow, family: i.family, type: i.type, employeeId: i.employeeId, name: i.label, operation: i.kind, status: i.status, reason: redact.maybe(i.reason),
            references: i.refs,
            effectiveDate: i.effectiveDate, retro: i.retro, externalKey: i.key, payload: redact.payload(i.payload),
          })),
        }
      : {}),
    problems: problems(o.items, redact),
    notes: o.notes.map((n) => redact.text(n)),
  };
}
