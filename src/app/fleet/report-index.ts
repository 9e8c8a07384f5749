// The fleet's index page: one row per company with its health in words and symbols (never
// colour alone) and a link to its own report page. Self-contained like the report itself.
import { basename } from 'node:path';
import { esc } from '../../report/html/html.js';
import type { CompanyStatusRow } from './status.js';

const ago = (ms: number | null) => (ms === null ? 'never' : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min ago` : `${(ms / 3_600_000).toFixed(1)} h ago`);

function verdict(c: CompanyStatusRow): string {
  if (c.error) return '✗ cannot be read';
  if (c.stale) return '✗ stale';
  if (c.lastRun?.status === 'failed') return '✗ last run failed';
  if (c.open > 0) return '! needs attention';
  return '✓ healthy';
}

export function fleetIndexHtml(dir: string, companies: readonly CompanyStatusRow[], pages: ReadonlyArray<{ name: string; file: string | null; error: string | null }>, maxAgeMs: number): string {
  const page = new Map(pages.map((p) => [p.name, p]));
  const rows = companies.map((c) => {
    const p = page.get(c.name);
    const link = p?.file ? `<a href="${esc(basename(p.file))}">${esc(c.name)}</a>` : `${esc(c.name)} <small>(no page: ${esc(p?.error ?? c.error ?? '')})</small>`;
    return `<tr><th scope="row">${link}</th><td>${esc(verdict(c))}</td><td>${esc(ago(c.lastGoodAgeMs))}</td><td>${esc(c.lastRun?.status ?? '—')}</td><td>${c.open}</td><td>${c.dueToday}</td></tr>`;
  });
  const stale = companies.filter((c) => c.stale).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>mlc fleet report</title>
<style>:root{color-scheme:light dark;font-family:system-ui,sans-serif}body{max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #8884}small{opacity:.8}</style>
</head><body>
<h1>mlc fleet report</h1>
<p>${esc(dir)}: ${companies.length} companies, ${stale} stale (no good run within ${Math.round(maxAgeMs / 3_600_000)} h). Made ${esc(new Date().toISOString())} from each company's state database alone.</p>
<table><caption>Companies, each linking its own report</caption>
<thead><tr><th scope="col">Company</th><th scope="col">Health</th><th scope="col">Last good run</th><th scope="col">Last run</th><th scope="col">Open records</th><th scope="col">Changes today</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`;
}
