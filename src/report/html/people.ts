// The sections about people and records: what waits for a person (grouped by reason, with the
// command that replays each record), what happens next (scheduled changes by date, with the
// ERP value each lands on), and mapping coverage (every BambooHR value a lookup meets).
import type { FieldChange, FlowReport, LookupCoverage, ReportModel, UpcomingChange, WaitingGroup } from '../../app/report/model.js';
import { badge, daysBetween, esc, num, plural, table } from './html.js';
import { flowTitle, type When } from './overview.js';

/** Rows shown per table: the JSON (`mlc report --json`) and `mlc audit list` have them all. */
export const MAX_ROWS = 200;

function more(shown: number, all: number, where: string): string {
  return all > shown ? `<p class="muted">${num(all - shown)} more not shown here: ${where}.</p>` : '';
}

function whoCells(m: ReportModel, id: string, name: string | null): string[] {
  return m.names ? [`<span class="mono">${esc(id)}</span>`, esc(name ?? '')] : [`<span class="mono">${esc(id)}</span>`];
}

const statusBadge = (s: 'parked' | 'failed') => (s === 'parked' ? badge('warn', '‖', 'parked') : badge('bad', '✗', 'failed'));

function group(m: ReportModel, f: FlowReport, g: WaitingGroup, when: When): string {
  const shown = g.records.slice(0, MAX_ROWS);
  const rows = shown.map((r) => [`<span class="mono">${r.auditId}</span>`, ...whoCells(m, r.sourceKey, r.name), esc(r.kind), `<span class="nowrap">${esc(when(r.since))}</span>`, num(r.attempts), `<span class="mono">${esc(r.runId)}</span>`, `<code>${esc(r.replay)}</code>`]);
  const head = ['Operation', m.names ? 'Record' : 'Record (id)', ...(m.names ? ['Name'] : []), 'Kind', 'Waiting since', 'Attempts', 'Run', 'Replay with'];
  return `<h4>${statusBadge(g.status)} ${g.errorCode ? `<code>${esc(g.errorCode)}</code> ` : ''}${esc(g.reason)} <span class="muted">· ${plural(g.records.length, 'record')} · since ${esc(when(g.oldest))}</span></h4>
${table({ caption: `${plural(g.records.length, 'record')} ${g.status} for this reason. Fix the cause, then replay (or wait for the next run, which retries them).`, head, rows, numeric: [m.names ? 5 : 4] })}${more(shown.length, g.records.length, `<code>mlc audit list --status open --flow ${esc(f.name)}</code>`)}`;
}

export function waitingSection(m: ReportModel, when: When): string {
  return m.flows.map((f) => {
    const title = `<h3 id="waiting-${esc(f.name)}">${flowTitle(f)}: ${num(f.open.parked)} parked, ${num(f.open.failed)} failed</h3>`;
    if (f.waiting.length === 0) return `${title}<p class="empty">${badge('ok', '✓', 'Nothing is waiting for a person.')}</p>`;
    return title + f.waiting.map((g) => group(m, f, g, when)).join('\n');
  }).join('\n');
}

function changeText(c: FieldChange): string {
  const from = c.from === null ? '' : `${esc(c.from)} <span class="arrow" aria-hidden="true">→</span> <span class="sr-only">to</span> `;
  let erp = '';
  if (c.erp) {
    if (c.erp.how === 'unmapped') erp = ` ${badge('bad', '✗', `${c.erp.slot}: unmapped, will be parked`)}`;
    else if (c.erp.how === 'provisioned') erp = ` <span class="muted">(${esc(c.erp.slot)}: mlc creates it)</span>`;
    else erp = ` <span class="muted">(${esc(c.erp.slot)} ${esc(c.erp.value)}${c.erp.how === 'default' ? ', the default' : ''})</span>`;
  }
  return `${esc(c.field)}: ${from}<b>${esc(c.to ?? '(empty)')}</b>${erp}`;
}

const KIND_WORDS: Record<string, string> = { hire: 'hire', termination: 'termination', rehire: 'rehire', transfer: 'transfer', title: 'new title', status: 'status change', pay: 'pay change (amount not shown)' };

const PHASE_NOTES: Record<string, string> = {
  hire: 'mlc creates the ERP record on this date',
  termination: 'mlc deactivates the ERP record on this date',
  rehire: 'mlc reactivates the same ERP record on this date',
};

function upcomingRow(m: ReportModel, u: UpcomingChange): string[] {
  const days = daysBetween(m.businessDate, u.date);
  const kinds = u.kinds.map((k) => (k === 'termination' ? badge('warn', '⊘', KIND_WORDS[k]!) : esc(KIND_WORDS[k]!))).join(', ');
  const notes = u.kinds.flatMap((k) => (PHASE_NOTES[k] ? [`<span class="muted">${esc(PHASE_NOTES[k])}</span>`] : []));
  return [`<b class="nowrap">${esc(u.date)}</b><br><span class="muted">in ${plural(days, 'day')}</span>`, ...whoCells(m, u.employeeId, u.name), kinds, [...notes, ...u.changes.map(changeText)].join('<br>')];
}

export function nextSection(m: ReportModel): string {
  return m.flows.map((f) => {
    const title = `<h3 id="next-${esc(f.name)}">${flowTitle(f)}: ${plural(f.upcoming.length, 'scheduled change')}</h3>`;
    if (f.upcoming.length === 0) return `${title}<p class="empty">No effective-dated change is stored for a date after ${esc(m.businessDate)}.</p>`;
    const shown = f.upcoming.slice(0, MAX_ROWS);
    const head = ['Date', m.names ? 'Employee' : 'Employee (id)', ...(m.names ? ['Name'] : []), 'What', 'Changes, and the ERP value they map to'];
    return title + table({ caption: `Changes already entered in BambooHR that take effect after ${esc(m.businessDate)}, in date order. mlc applies each on its date.`, head, rows: shown.map((u) => upcomingRow(m, u)) }) +
      more(shown.length, f.upcoming.length, '<code>mlc report --json</code> lists them all');
  }).join('\n');
}

const HOW: Record<string, string> = { mapped: badge('ok', '✓', 'mapped'), default: badge('warn', '↳', 'default'), provisioned: badge('info', '⚙', 'mlc keeps it'), unmapped: badge('bad', '✗', 'unmapped') };

function lookupTable(f: FlowReport, c: LookupCoverage): string {
  const title = `<h4>${esc(c.slot)} <span class="muted">from BambooHR ${esc(c.from)}: ${plural(c.values.length, 'value')}, ${num(c.unmapped)} unmapped</span></h4>`;
  if (c.withheld) return `${title}<p class="empty">Not listed: ${esc(c.from)} is a field audit.redact masks.</p>`;
  if (c.values.length === 0) return `${title}<p class="empty">No stored employee of this flow has a ${esc(c.from)}.</p>`;
  const rows = c.values.map((v) => [esc(v.value), num(v.headcount), v.incoming ? num(v.incoming) : '<span class="zero">0</span>', v.erp === null ? '<span class="muted">none</span>' : `<span class="mono">${esc(v.erp)}</span>`, HOW[v.how]!]);
  const caption = `Lookup <span class="mono">${esc(c.source)}</span>. Unmapped first, then by active headcount; “arriving” counts scheduled changes to the value.`;
  return `<div>${title}${table({ caption, head: [`BambooHR ${c.from}`, 'Active', 'Arriving', `${f.target?.system ?? 'ERP'} ${c.slot}`, 'Mapping'], rows, numeric: [1, 2], cls: 'coverage' })}</div>`;
}

export function mappingSection(m: ReportModel): string {
  return m.flows.map((f) => {
    const fixed = f.fixed.length ? `<p>Fixed for everyone: ${f.fixed.map((x) => `${esc(x.slot)} <span class="mono">${esc(x.value)}</span>`).join(', ')}.</p>` : '';
    const body = f.coverage.length ? `<div class="lookups">${f.coverage.map((c) => lookupTable(f, c)).join('\n')}</div>` : '<p class="empty">This flow has no lookups.</p>';
    return `<h3 id="mapping-${esc(f.name)}">${flowTitle(f)}</h3>${fixed}${body}`;
  }).join('\n');
}
