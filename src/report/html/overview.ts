// The top of the page: one card per flow with its verdict and four figures, then the health
// table (one column per flow): last good run against --max-age, last run, cursor, due-date
// sweep, webhook backlog, records written, owed links, open records.
import type { FlowReport, ReportModel } from '../../app/report/model.js';
import { age, badge, esc, num, runStatusBadge, verdictBadge } from './html.js';

export type When = (iso: string | null) => string;

export const flowTitle = (f: FlowReport): string => `${esc(f.name)} <span class="arrow" aria-hidden="true">→</span> <span class="sr-only">to</span> ${f.target ? `${esc(f.target.system)} <span class="muted">(${esc(f.target.name)})</span>` : '<span class="muted">(no longer configured)</span>'}`;

function figure(label: string, value: string): string {
  return `<div><span>${esc(label)}</span><b class="big">${value}</b></div>`;
}

function card(f: FlowReport): string {
  const h = f.health;
  const waiting = f.open.parked + f.open.failed;
  const unmapped = f.coverage.reduce((s, c) => s + c.unmapped, 0);
  return `<article class="card" aria-labelledby="card-${esc(f.name)}">
<h3 id="card-${esc(f.name)}"><span>${flowTitle(f)}</span>${verdictBadge(h.verdict)}</h3>
<div class="figures">${figure('Last good run', h.lastGood ? `${esc(age(h.lastGood.ageMs))} ago` : 'never')}${figure('Waiting for a person', `<a href="#waiting-${esc(f.name)}">${num(waiting)}</a>`)}${figure('Scheduled changes', `<a href="#next-${esc(f.name)}">${num(f.upcoming.length)}</a>`)}${figure('Unmapped values', `<a href="#mapping-${esc(f.name)}">${num(unmapped)}</a>`)}</div>
</article>`;
}

function lastGood(f: FlowReport, m: ReportModel, when: When): string {
  const g = f.health.lastGood;
  if (!g) return `${badge('bad', '✗', 'none')} <span class="muted">a good run is expected within ${esc(m.maxAge.text)}</span>`;
  const verdict = f.health.stale ? badge('bad', '✗', `older than ${m.maxAge.text}`) : badge('ok', '✓', `within ${m.maxAge.text}`);
  return `${esc(when(g.finishedAt))} (${esc(age(g.ageMs))} ago) ${verdict}<br><span class="muted mono">${esc(g.id)}</span>`;
}

function lastRun(f: FlowReport, when: When): string {
  const r = f.health.lastRun;
  if (!r) return 'none';
  const err = r.errorMessage ? `<br>${esc(r.errorCode ?? '')}: ${esc(r.errorMessage)}` : '';
  return `${runStatusBadge(r.status)} ${esc(when(r.startedAt))}<br><span class="muted mono">${esc(r.id)}</span>${err}`;
}

export function healthTable(m: ReportModel, when: When): string {
  const rows: Array<[string, (f: FlowReport) => string]> = [
    ['Health', (f) => verdictBadge(f.health.verdict)],
    ['Last good run', (f) => lastGood(f, m, when)],
    ['Last run', (f) => lastRun(f, when)],
    ['Cursor (BambooHR’s clock)', (f) => (f.health.cursor ? `<span class="mono">${esc(f.health.cursor.value)}</span><br><span class="muted">moved ${esc(when(f.health.cursor.updatedAt))}</span>` : 'none yet')],
    ['Due-date sweep through', (f) => esc(f.health.cursor?.sweptThrough ?? 'not yet')],
    ['Webhook inbox backlog', (f) => `${num(f.health.inboxBacklog)} <span class="muted">${f.health.inboxBacklog === 1 ? 'employee' : 'employees'} to read again</span>`],
    ['Records mlc wrote to the ERP', (f) => num(f.health.linked)],
    ['Links owed', (f) => `${num(f.health.owed)} <span class="muted">(written without a supervisor not in the ERP yet)</span>`],
    ['Open records', (f) => `${num(f.open.parked)} parked, ${num(f.open.failed)} failed`],
  ];
  const head = `<tr><th scope="col">Flow</th>${m.flows.map((f) => `<th scope="col">${flowTitle(f)}</th>`).join('')}</tr>`;
  const body = rows.map(([label, cell]) => `<tr><th scope="row">${esc(label)}</th>${m.flows.map((f) => `<td>${cell(f)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table class="health"><caption>Health of each flow. “Good” is a run that finished ok; its age is measured by the real clock, as <code>mlc status --max-age ${esc(m.maxAge.text)}</code> does.</caption><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

export function overview(m: ReportModel): string {
  if (m.flows.length === 0) return '<p class="empty">No flows are configured.</p>';
  return `<div class="cards">${m.flows.map(card).join('\n')}</div>`;
}
