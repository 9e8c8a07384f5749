// `mlc report`'s page (pure: model in, one HTML string out). Self-contained on purpose: inline
// CSS and SVG, system fonts, no script, no image or font fetched, and a Content-Security-Policy
// that forbids fetching anything, so it reads the same offline, as an e-mail attachment and
// on paper.
import type { ReportModel } from '../../app/report/model.js';
import { CSS } from './css.js';
import { esc, plural, timeFormatter } from './html.js';
import { healthTable, overview } from './overview.js';
import { mappingSection, nextSection, waitingSection } from './people.js';
import { requestsSection, runsSection } from './runs.js';

const SECTIONS: Array<[id: string, title: string]> = [
  ['health', 'Health'],
  ['runs', 'Runs over time'],
  ['waiting', 'Waiting for a person'],
  ['next', 'What happens next'],
  ['mapping', 'Mapping coverage'],
  ['requests', 'Requests and timings'],
];

function section(id: string, title: string, intro: string, body: string): string {
  return `<section id="${id}" aria-labelledby="h-${id}">\n<h2 id="h-${id}">${esc(title)}</h2>\n${intro ? `<p class="muted">${intro}</p>\n` : ''}${body}\n</section>`;
}

function header(m: ReportModel, when: (iso: string | null) => string): string {
  const state = m.stateExists ? '' : ' <strong>The state database does not exist yet: mlc sync has never run with this configuration.</strong>';
  return `<header>
<h1>mlc report: ${esc(m.company)}</h1>
<p class="meta">Made ${esc(when(m.generatedAt))} (${esc(m.timezone)} time, as every time on this page) from the state database alone; no system was asked.
Business date ${esc(m.businessDate)}. Runs since ${esc(when(m.window.since))} (the last ${esc(m.window.sinceText)}). A flow is healthy when it had a good run within ${esc(m.maxAge.text)}.${state}</p>
<nav aria-label="Sections"><ul>${SECTIONS.map(([id, t]) => `<li><a href="#${id}">${esc(t)}</a></li>`).join('')}</ul></nav>
</header>`;
}

export function renderReportHtml(m: ReportModel): string {
  const w = timeFormatter(m.timezone);
  const open = m.flows.reduce((s, f) => s + f.open.parked + f.open.failed, 0);
  const upcoming = m.flows.reduce((s, f) => s + f.upcoming.length, 0);
  const body = [
    overview(m),
    section('health', 'Health', '', healthTable(m, w)),
    section('runs', 'Runs over time', 'Records created, updated, deactivated, parked and failed by each run, and how long each run took.', runsSection(m, w)),
    section('waiting', 'Waiting for a person', `${plural(open, 'open record')}: parked (mlc would not guess, e.g. an unmapped value) or failed (the ERP refused or was unreachable). Every run retries them; once the cause is fixed, replay one with the command shown.`, waitingSection(m, w)),
    section('next', 'What happens next', `${plural(upcoming, 'scheduled change')} stored in BambooHR's effective-dated tables. Pay changes are named, never their amounts.`, nextSection(m)),
    section('mapping', 'Mapping coverage', 'For each lookup, every BambooHR value the flow’s employees carry, with how many active people carry it today and the ERP value it becomes. An unmapped value parks the records that carry it.', mappingSection(m)),
    section('requests', 'Requests and timings', '', requestsSection(m, w)),
  ];
  const names = m.names ? 'names shown (report.names: true)' : 'names hidden, BambooHR ids only (report.names: false)';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="mlc ${esc(m.mlcVersion)}">
<title>mlc report: ${esc(m.company)}, ${esc(m.businessDate)}</title>
<style>${CSS}</style>
</head>
<body>
${header(m, w)}
<main>
${body.join('\n')}
</main>
<footer><p>mlc ${esc(m.mlcVersion)} · state ${esc(m.state)} · ${names}. This page holds no pay, personal e-mail or birth date. <code>mlc report --json</code> gives the same data as JSON.</p></footer>
</body>
</html>
`;
}
