// Human and JSON renderings of a sync plan or result.
import type { PlanItem } from '../../app/sync/plan.js';
import type { SyncOutcome } from '../../app/sync/engine.js';
import { summaryLine } from '../../app/sync/summary.js';
import { table } from './table.js';

function detail(i: PlanItem): string {
  if (i.status === 'planned' || i.status === 'unchanged') {
    const refs = Object.entries(i.refs).map(([k, v]) => `${k} ${v}`);
    const waits = i.waitsFor.map((w) => `after ${w.family === 'employee' ? 'employee ' : ''}${w.sourceKey}`);
    return [...refs, ...waits, i.retro ? `back-dated (effective ${i.effectiveDate})` : ''].filter(Boolean).join(', ');
  }
  return i.reason ?? '';
}

export function planLines(o: SyncOutcome, opts: { all?: boolean } = {}): string[] {
  const shown = o.items.filter((i) => opts.all || (i.status !== 'unchanged' && i.status !== 'skipped'));
  const lines: string[] = [];
  if (o.summary.dryRun) lines.push(`Plan as of ${o.summary.asOf} (dry run: nothing is written, not even the cursor)`);
  if (shown.length > 0) {
    lines.push(...table(['FLOW', 'ID', 'NAME', 'OPERATION', 'STATUS', 'DETAIL'], shown.map((i) => [i.flow, i.employeeId, i.label ?? '', i.kind, i.status, detail(i)]), 80));
  }
  const hidden = o.items.length - shown.length;
  if (hidden > 0 && o.summary.dryRun) lines.push(`(${hidden} unchanged or out-of-scope records not shown; --all shows them)`);
  lines.push(summaryLine(o.summary));
  for (const n of o.notes) lines.push(`note: ${n}`);
  return lines;
}

export function planJson(o: SyncOutcome): unknown {
  return {
    ...o.summary,
    ...(o.summary.dryRun
      ? {
          plan: o.items.map((i) => ({
            flow: i.flow, family: i.family, type: i.type, employeeId: i.employeeId, name: i.label, operation: i.kind, status: i.status, reason: i.reason,
            references: i.refs,
            effectiveDate: i.effectiveDate, retro: i.retro, externalKey: i.key, payload: i.payload,
          })),
        }
      : {}),
    notes: o.notes,
  };
}
