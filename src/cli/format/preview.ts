// Human and JSON renderings of the BambooHR-side dry run. Dated rows pass through the
// redactor (audit.redact): a compensation row shows its date, not the pay.
import type { DatedRow } from '../../domain/dated.js';
import type { Redactor } from '../../domain/redact-payload.js';
import type { Preview } from '../../app/preview.js';
import { table } from './table.js';

function describeRow(r: DatedRow, redact: Redactor): string {
  const d = redact.payload(r.data) as DatedRow['data'];
  if (r.table === 'jobInfo') return [d.department, d.division, d.location, d.jobTitle].filter(Boolean).join(' / ');
  if (r.table === 'employmentStatus') return d.employmentStatus ?? '';
  return [d.rate, d.currency, d.paidPer ? `per ${d.paidPer}` : null].filter(Boolean).join(' ');
}

export function previewLines(p: Preview, redact: Redactor): string[] {
  const head = p.mode === 'full' ? 'full read' : `incremental since ${p.since}`;
  const lines = [`Dry run as of ${p.asOf} (${head}; BambooHR latest ${p.latest ?? 'n/a'}). Nothing is written.`];
  const rows = p.entries.map((e) => {
    const s = e.state;
    const name = s ? [s.preferredName ?? s.firstName, s.lastName].filter(Boolean).join(' ') : '';
    const notes = [
      ...e.dueToday.map((r) => `due today ${r.table}: ${describeRow(r, redact)}`),
      ...e.scheduled.map((r) => `scheduled ${r.date} ${r.table}: ${describeRow(r, redact)}`),
    ].join('; ');
    return [e.id, name, e.action, s?.phase ?? 'deleted', s?.department ?? '', s?.location ?? '', notes];
  });
  if (rows.length > 0) lines.push('', ...table(['ID', 'NAME', 'CHANGE', 'STATE', 'DEPARTMENT', 'LOCATION', 'EFFECTIVE-DATED'], rows, 60));
  lines.push('', summaryLine(p));
  for (const n of p.notes) lines.push(`note: ${redact.text(n)}`);
  return lines;
}

export function summaryLine(p: Preview): string {
  const count = (f: (e: Preview['entries'][number]) => boolean) => p.entries.filter(f).length;
  const req = Object.entries(p.requests).map(([k, v]) => `${v} ${k}`).join(', ') || 'no';
  return (
    `${p.entries.length} employees to consider: ${count((e) => e.action === 'inserted')} inserted, ${count((e) => e.action === 'updated' || e.action === 'listed')} updated/listed, ` +
    `${count((e) => e.action === 'deleted')} deleted, ${count((e) => e.action === 'due')} due by date; ` +
    `${count((e) => e.dueToday.length > 0)} with changes due today, ${count((e) => e.scheduled.length > 0)} with changes scheduled later; ${req} requests`
  );
}

export function previewJson(p: Preview, redact: Redactor): unknown {
  return {
    dryRun: true,
    asOf: p.asOf,
    mode: p.mode,
    since: p.since,
    latest: p.latest,
    requests: p.requests,
    employees: p.entries.map((e) => ({
      id: e.id,
      action: e.action,
      phase: e.state?.phase ?? 'deleted',
      name: e.state ? [e.state.firstName, e.state.lastName].filter(Boolean).join(' ') : null,
      department: e.state?.department ?? null,
      division: e.state?.division ?? null,
      location: e.state?.location ?? null,
      jobTitle: e.state?.jobTitle ?? null,
      terminationDate: e.state?.terminationDate ?? null,
      dueToday: e.dueToday.map((r) => ({ table: r.table, date: r.date, data: redact.payload(r.data) })),
      scheduled: e.scheduled.map((r) => ({ table: r.table, date: r.date, data: redact.payload(r.data) })),
    })),
    notes: p.notes,
  };
}
