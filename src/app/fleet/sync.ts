// `mlc fleet sync <dir>`: every company's `mlc sync`, each in its own process, at most N at
// once, then one report: a result per company, totals, who needs attention (worst first) and
// the fleet's exit code (outcome.ts), and, when fleet.yaml asks for it, the digest.
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { loadFleetSettings } from '../../config/fleet.js';
import { MlcError } from '../../domain/errors.js';
import type { StopSignal } from '../../domain/stop.js';
import type { Logger } from '../../log/logger.js';
import { companyEnv } from '../../secrets/company.js';
import { startChild } from './child.js';
import { findCompanies, selectCompanies, type Company } from './companies.js';
import { preflight } from './checks.js';
import { sendDigest, type DigestOutcome } from './digest.js';
import { attention, fleetExitCode, totals, type CompanyResult, type FleetTotals } from './outcome.js';
import { runPool, type StopRequests } from './pool.js';

export interface FleetSyncOptions {
  dir: string;
  /** Overrides fleet.yaml's concurrency (default 4). */
  concurrency?: number | undefined;
  only?: string[] | undefined;
  dryRun: boolean;
  maxMemoryMb?: number | undefined;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  stops?: StopRequests | undefined;
  /** The companies about to run, before any starts. */
  onPlan?: ((names: string[]) => void) | undefined;
  /** Each company's result as soon as it is known (the one line per company). */
  onResult?: ((r: CompanyResult) => void) | undefined;
  onStderr?: ((company: string, line: string) => void) | undefined;
}

export interface FleetSyncReport {
  fleet: string;
  dryRun: boolean;
  concurrency: number;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  companies: CompanyResult[];
  totals: FleetTotals;
  /** Names of the companies that need attention, worst first. */
  attention: string[];
  stoppedBy: StopSignal | null;
  exitCode: number;
  digest: DigestOutcome | null;
}

export function checkConcurrency(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new MlcError('usage', `--concurrency must be an integer from 1 to 64, got ${n}`);
  return n;
}

export async function fleetSync(opts: FleetSyncOptions): Promise<FleetSyncReport> {
  const dir = resolve(opts.dir);
  const settings = loadFleetSettings(dir);
  const concurrency = checkConcurrency(opts.concurrency ?? settings.concurrency);
  const all = findCompanies(dir);
  const selected = selectCompanies(all, opts.only);
  const problems = preflight(all, selected);
  const names = all.map((c) => c.name);
  opts.onPlan?.(selected.map((c) => c.name));
  const t0 = Date.now();
  const refused = new Map<string, CompanyResult>();
  for (const [name, error] of problems) {
    const r = notRun(selected.find((c) => c.name === name)!, 'config', error);
    refused.set(name, r);
    opts.onResult?.(r);
  }
  const pool = await runPool(
    selected.filter((c) => !problems.has(c.name)),
    concurrency,
    (c) => startChild(c, { env: companyEnv(opts.env, c.name, names), dryRun: opts.dryRun, maxMemoryMb: opts.maxMemoryMb, onStderr: (l) => opts.onStderr?.(c.name, l) }),
    { stops: opts.stops, onDone: opts.onResult },
  );
  const ran = new Map(pool.results.filter((r): r is CompanyResult => r !== undefined).map((r) => [r.name, r]));
  const results = selected.map((c) => refused.get(c.name) ?? ran.get(c.name) ?? notRun(c, 'not started', `not started: the fleet was stopped by ${pool.stoppedBy ?? 'a signal'}`));
  const stoppedBy = pool.stoppedBy;
  // A stopped fleet reports and ends within the stop's grace period: no digest then.
  const digest = !opts.dryRun && !stoppedBy && settings.digest ? await sendDigest({ dir, settings, results, env: opts.env, logger: opts.logger, names }) : null;
  const t1 = Date.now();
  return {
    fleet: dir,
    dryRun: opts.dryRun,
    concurrency,
    startedAt: new Date(t0).toISOString(),
    endedAt: new Date(t1).toISOString(),
    durationMs: t1 - t0,
    companies: results,
    totals: totals(results),
    attention: attention(results).map((r) => r.name),
    stoppedBy: stoppedBy ?? null,
    exitCode: fleetExitCode(results, stoppedBy ? 128 + constants.signals[stoppedBy] : undefined),
    digest,
  };
}

function notRun(c: Company, status: 'config' | 'not started', error: string): CompanyResult {
  return { name: c.name, file: c.file, status, exitCode: status === 'config' ? 2 : null, signal: null, startedAt: null, endedAt: null, durationMs: null, counts: null, summary: null, error };
}
