// `mlc fleet status <dir>`: every company's last good run, its age, open records, changes
// taking effect today and whether it is stale, read in this process from each company's state
// database (status.ts, no network, no child), so monitoring can ask as often as it likes.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFleetSettings } from '../../config/fleet.js';
import { ConfigError, formatProblem } from '../../domain/errors.js';
import { companyEnv } from '../../secrets/company.js';
import { AppContext } from '../context.js';
import { status } from '../status.js';
import { findCompanies, selectCompanies, type Company } from './companies.js';

export interface CompanyStatusRow {
  name: string;
  file: string;
  lastGood: { id: string; finishedAt: string | null } | null;
  lastGoodAgeMs: number | null;
  lastRun: { id: string; status: string; finishedAt: string | null; errorCode: string | null } | null;
  /** Parked and failed records waiting (mlc audit list --status open). */
  open: number;
  /** Employees with a dated change taking effect today (the company's time zone). */
  dueToday: number;
  /** Future-dated changes waiting, as of the last run. */
  scheduled: number | null;
  running: { pid: number; host: string; since: string } | null;
  stale: boolean;
  /** Why the company could not be read (a broken config, an unusable state file). */
  error: string | null;
}

export interface FleetStatusReport {
  fleet: string;
  maxAgeMs: number;
  companies: CompanyStatusRow[];
  stale: string[];
}

export async function fleetStatus(opts: { dir: string; maxAgeMs?: number | undefined; only?: string[] | undefined; env: NodeJS.ProcessEnv }): Promise<FleetStatusReport> {
  const dir = resolve(opts.dir);
  const maxAgeMs = opts.maxAgeMs ?? loadFleetSettings(dir).maxAgeMs;
  const all = findCompanies(dir);
  const names = all.map((c) => c.name);
  const companies: CompanyStatusRow[] = [];
  for (const c of selectCompanies(all, opts.only)) companies.push(await companyStatus(c, { env: opts.env, names, maxAgeMs }));
  return { fleet: dir, maxAgeMs, companies, stale: companies.filter((c) => c.stale).map((c) => c.name) };
}

/** One company's row; a company that cannot be read counts as stale (nothing shows it ran). */
export async function companyStatus(c: Company, o: { env: NodeJS.ProcessEnv; names: string[]; maxAgeMs: number }): Promise<CompanyStatusRow> {
  let ctx: AppContext | undefined;
  try {
    ctx = AppContext.create({ config: c.file, env: companyEnv(o.env, c.name, o.names) });
    const r = status(ctx, 1);
    const last = r.runs[0];
    const counts = (last?.summary as { counts?: { scheduled?: number } } | null)?.counts;
    return {
      name: c.name,
      file: c.file,
      lastGood: r.lastGood ? { id: r.lastGood.id, finishedAt: r.lastGood.finishedAt } : null,
      lastGoodAgeMs: r.lastGoodAgeMs,
      lastRun: last ? { id: last.id, status: last.status, finishedAt: last.finishedAt, errorCode: last.errorCode } : null,
      open: r.open.reduce((n, x) => n + x.count, 0),
      dueToday: dueToday(ctx),
      scheduled: counts?.scheduled ?? null,
      running: r.lock ? { pid: r.lock.pid, host: r.lock.host, since: r.lock.since } : null,
      stale: r.lastGoodAgeMs === null || r.lastGoodAgeMs > o.maxAgeMs,
      error: null,
    };
  } catch (err) {
    const error = err instanceof ConfigError && err.problems[0] ? `${err.message}: ${formatProblem(err.problems[0])}` : err instanceof Error ? err.message : String(err);
    return { name: c.name, file: c.file, lastGood: null, lastGoodAgeMs: null, lastRun: null, open: 0, dueToday: 0, scheduled: null, running: null, stale: true, error };
  } finally {
    await ctx?.close();
  }
}

function dueToday(ctx: AppContext): number {
  if (!existsSync(ctx.config.state.path)) return 0;
  const today = ctx.clock.today();
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return ctx.openState(true).rows.dueBetween(d.toISOString().slice(0, 10), today).length;
}
