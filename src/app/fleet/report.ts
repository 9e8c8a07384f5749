// `mlc fleet report <dir> [--out DIR]`: every company's `mlc report` page (built in this
// process from its own state database, no network) and one index page linking them with each
// company's health at a glance: last good run and its age, open records, stale or not.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFleetSettings } from '../../config/fleet.js';
import { companyEnv } from '../../secrets/company.js';
import { renderReportHtml } from '../../report/html/index.js';
import { AppContext } from '../context.js';
import { buildReport } from '../report/index.js';
import { findCompanies, selectCompanies } from './companies.js';
import { companyStatus, type CompanyStatusRow } from './status.js';
import { fleetIndexHtml } from './report-index.js';

export interface FleetReport {
  index: string;
  pages: Array<{ name: string; file: string | null; error: string | null }>;
  companies: CompanyStatusRow[];
}

/** Written whole, then renamed, owner-only (the pages name people). */
function writeAtomically(file: string, html: string): void {
  writeFileSync(`${file}.tmp`, html, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export async function fleetReport(opts: { dir: string; out?: string | undefined; only?: string[] | undefined; sinceMs: number; sinceText: string; env: NodeJS.ProcessEnv }): Promise<FleetReport> {
  const dir = resolve(opts.dir);
  const out = resolve(opts.out ?? join(dir, 'reports'));
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const { maxAgeMs } = loadFleetSettings(dir);
  const all = findCompanies(dir);
  const names = all.map((c) => c.name);
  const pages: FleetReport['pages'] = [];
  const companies: CompanyStatusRow[] = [];
  for (const c of selectCompanies(all, opts.only)) {
    const env = companyEnv(opts.env, c.name, names);
    companies.push(await companyStatus(c, { env: opts.env, names, maxAgeMs }));
    let ctx: AppContext | undefined;
    try {
      ctx = AppContext.create({ config: c.file, env });
      const model = buildReport(ctx, { sinceMs: opts.sinceMs, sinceText: opts.sinceText, maxAgeMs, maxAgeText: `${Math.round(maxAgeMs / 3_600_000)}h`, replayArgs: ` --config ${c.file}` });
      const file = join(out, `${c.name.toLowerCase()}.html`);
      writeAtomically(file, renderReportHtml(model));
      pages.push({ name: c.name, file, error: null });
    } catch (err) {
      pages.push({ name: c.name, file: null, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
    } finally {
      await ctx?.close();
    }
  }
  const index = join(out, 'index.html');
  writeAtomically(index, fleetIndexHtml(dir, companies, pages, maxAgeMs));
  return { index, pages, companies };
}
