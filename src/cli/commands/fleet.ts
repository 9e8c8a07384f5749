// `mlc fleet sync|status <dir>`: many companies from one host. A fleet is a folder of ordinary
// mlc configurations, one per company; see docs/fleet.md. Formatting lives here, the work in
// src/app/fleet/.
import { Command, Option } from 'commander';
import { constants } from 'node:os';
import type { StopSignal } from '../../domain/stop.js';
import { formatDuration } from '../../domain/duration.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { runCommand } from '../run.js';
import { table } from '../format/table.js';
import { PRECEDENCE, type CompanyResult, type FleetTotals } from '../../app/fleet/outcome.js';
import type { FleetSyncReport } from '../../app/fleet/sync.js';
import type { FleetStatusReport } from '../../app/fleet/status.js';
import { maxAgeText } from '../../app/fleet/age.js';
import type { StopRequests } from '../../app/fleet/pool.js';

interface SyncFlags {
  concurrency?: string;
  only?: string[];
  dryRun?: boolean;
  json?: boolean;
  maxMemory?: string;
}

const PRECEDENCE_HELP = `
The exit code is the worst company's; worst first:
   70  a company crashed (killed by a signal: SIGKILL, the OOM killer, --max-memory) or hit an internal error
    4  authentication needed or refused
    6  the no-silent-data-loss guard tripped
    2  usage or configuration error (also: refused by the fleet's own checks)
    3  a system unreachable after retries
  143  a company's run was stopped by a signal (129, 130 or 143, as it exited)
    5  another run holds a company's lock (not waited for)
    1  failed or parked records
    0  every company succeeded
Stopped itself by SIGTERM, SIGINT or SIGHUP, the fleet exits 128 + the signal's number.`;

export function fleetCommand(): Command {
  const cmd = new Command('fleet').description('many companies from one host: a folder of mlc configurations, one per company');
  cmd
    .command('sync')
    .argument('<dir>', 'the fleet folder (one <company>.yaml each, optional fleet.yaml)')
    .description("run every company's mlc sync, each in its own process, a few at a time")
    .addOption(new Option('--concurrency <n>', 'companies at once (default: fleet.yaml, else 4)'))
    .addOption(new Option('--only <name...>', 'these companies only (file base names or company names)'))
    .addOption(new Option('--dry-run', "each company's plan only; nothing written"))
    .addOption(new Option('--json', 'print one JSON object: a result per company, totals, attention'))
    .addOption(new Option('--max-memory <mb>', "heap limit of each company's process (a company that outgrows it crashes alone)"))
    .addHelpText('after', PRECEDENCE_HELP)
    .action((dir: string, f: SyncFlags) =>
      runCommand(async (o) => {
        const { fleetSync } = await import('../../app/fleet/sync.js');
        const { createLogger } = await import('../../log/logger.js');
        const { MlcError } = await import('../../domain/errors.js');
        const int = (v: string | undefined, name: string) => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v)) throw new MlcError('usage', `${name} expects a whole number, got "${v}"`);
          return Number(v);
        };
        const stops = processStops(o);
        let width = 12;
        try {
          const report = await fleetSync({
            dir, concurrency: int(f.concurrency, '--concurrency'), only: f.only, dryRun: f.dryRun ?? false, maxMemoryMb: int(f.maxMemory, '--max-memory'),
            env: process.env, logger: createLogger({ level: (process.env.MLC_LOG_LEVEL as 'warn' | undefined) ?? 'warn' }), stops,
            onPlan: (names) => (width = Math.max(width, ...names.map((n) => n.length))),
            onResult: f.json ? undefined : (r) => o.out(companyLine(r, width)),
            onStderr: (name, line) => o.err(`${name}: ${line}`),
          });
          if (f.json) o.json(report);
          else {
            for (const r of report.companies.filter((c) => c.status === 'not started')) o.out(companyLine(r, width));
            o.out(totalLine(report));
          }
          return report.exitCode;
        } finally {
          stops.dispose();
        }
      }),
    );
  cmd
    .command('status')
    .argument('<dir>', 'the fleet folder')
    .description("every company's last good run, its age, open records, changes due today, and which are stale")
    .addOption(new Option('--max-age <duration>', `stale beyond this (default: fleet.yaml, else 26h); exit ${ExitCode.stale} if any company is`))
    .addOption(new Option('--only <name...>', 'these companies only'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((dir: string, f: { maxAge?: string; only?: string[]; json?: boolean }) =>
      runCommand(async (o) => {
        const { fleetStatus } = await import('../../app/fleet/status.js');
        const { parseDuration } = await import('../../domain/duration.js');
        const { MlcError } = await import('../../domain/errors.js');
        const maxAgeMs = f.maxAge === undefined ? undefined : parseDuration(f.maxAge);
        if (f.maxAge !== undefined && maxAgeMs === undefined) throw new MlcError('usage', `--max-age: expected a duration such as 26h, got "${f.maxAge}"`);
        const report = await fleetStatus({ dir, maxAgeMs, only: f.only, env: process.env });
        if (f.json) o.json(report);
        else for (const line of statusLines(report)) o.out(line);
        if (report.stale.length) o.err(`mlc fleet: stale (no good run within the max age): ${report.stale.join(', ')}`);
        return report.stale.length ? ExitCode.stale : 0;
      }),
    );
  cmd
    .command('report')
    .argument('<dir>', 'the fleet folder')
    .description("every company's mlc report page and one index page linking them (from the state databases alone)")
    .addOption(new Option('--out <dir>', 'where the pages go (default: <dir>/reports)'))
    .addOption(new Option('--since <duration>', 'runs over this window').default('30d'))
    .addOption(new Option('--only <name...>', 'these companies only'))
    .action((dir: string, f: { out?: string; since: string; only?: string[] }) =>
      runCommand(async (o) => {
        const { fleetReport } = await import('../../app/fleet/report.js');
        const { parseDuration } = await import('../../domain/duration.js');
        const { MlcError } = await import('../../domain/errors.js');
        const sinceMs = parseDuration(f.since);
        if (sinceMs === undefined) throw new MlcError('usage', `--since: expected a duration such as 30d, got "${f.since}"`);
        const r = await fleetReport({ dir, out: f.out, only: f.only, sinceMs, sinceText: f.since, env: process.env });
        for (const p of r.pages) o.out(p.file ? `${p.name}: ${p.file}` : `${p.name}: no page (${p.error})`);
        o.out(`index: ${r.index}`);
        return 0;
      }),
    );
  return cmd;
}

const SIGNALS: StopSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** SIGTERM/SIGINT/SIGHUP → every running company (pool.ts forwards each one). */
function processStops(o: Output): StopRequests & { dispose(): void } {
  const listeners = new Set<(s: StopSignal) => void>();
  let seen = 0;
  const on = (name: StopSignal) => {
    seen++;
    o.err(seen === 1
      ? `mlc fleet: ${name} received: each running company stops after its writes in flight, no other starts (send it again to stop them at once)`
      : `mlc fleet: ${name} received again: passing it on; each company stops now`);
    for (const fn of listeners) fn(name);
  };
  for (const s of SIGNALS) process.on(s, on);
  return {
    subscribe: (fn) => (listeners.add(fn), () => void listeners.delete(fn)),
    dispose: () => {
      for (const s of SIGNALS) process.off(s, on);
    },
  };
}

const secs = (ms: number | null) => (ms === null ? '' : `${(ms / 1000).toFixed(1)} s`);

function countsText(c: object): string {
  const n = (k: string) => (c as Record<string, number | undefined>)[k] ?? 0;
  return `${n('read')} read, ${n('created')} created, ${n('updated')} updated, ${n('deactivated') + n('reactivated')} (de/re)activated, ${n('scheduled')} scheduled, ${n('parked')} parked, ${n('failed')} failed`;
}

export function companyLine(r: CompanyResult, width: number): string {
  const what = r.counts && (r.status === 'ok' || r.status === 'partial') ? countsText(r.counts) : (r.error ?? '').split('\n')[0]!;
  const code = r.exitCode === null ? '' : `exit ${r.exitCode}`;
  return `${r.name.padEnd(width)}  ${r.status.padEnd(11)}  ${code.padEnd(8)}  ${what}${r.durationMs === null ? '' : `  (${secs(r.durationMs)})`}`;
}

/** "1 auth, 4 ok": worst first, as the exit code is decided. */
function statusCounts(t: FleetTotals): string {
  const order: string[] = [...PRECEDENCE, 'not started'];
  return Object.entries(t.byStatus).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([s, n]) => `${n} ${s}`).join(', ');
}

export function totalLine(r: FleetSyncReport): string {
  const who = r.attention.map((name) => `${name} (${r.companies.find((c) => c.name === name)!.status})`);
  const head = `mlc fleet ${r.dryRun ? 'sync --dry-run' : 'sync'}: ${r.totals.companies} companies in ${secs(r.durationMs)} (${r.concurrency} at a time): ${statusCounts(r.totals)}`;
  const stopped = r.stoppedBy ? `; stopped by ${r.stoppedBy} (exit ${128 + constants.signals[r.stoppedBy]})` : '';
  return `${head}; ${countsText(r.totals.counts)}${who.length ? `; needs attention: ${who.join(', ')}` : ''}${stopped}; exit ${r.exitCode}`;
}

export function statusLines(r: FleetStatusReport): string[] {
  const rows = r.companies.map((c) => [
    c.name,
    c.lastGood?.finishedAt ?? 'none',
    c.lastGoodAgeMs === null ? '' : formatDuration(c.lastGoodAgeMs),
    String(c.open),
    String(c.dueToday),
    c.scheduled === null ? '' : String(c.scheduled),
    c.stale ? 'STALE' : 'ok',
    c.error ?? (c.running ? `running: pid ${c.running.pid} on ${c.running.host} since ${c.running.since}` : c.lastRun && c.lastRun.status !== 'ok' ? `last run ${c.lastRun.status}${c.lastRun.errorCode ? ` (${c.lastRun.errorCode})` : ''}` : ''),
  ]);
  const lines = table(['COMPANY', 'LAST GOOD RUN', 'AGE', 'OPEN', 'DUE TODAY', 'SCHEDULED', 'STALE', 'NOTE'], rows, 120);
  const stale = r.stale.length ? `${r.stale.length} stale: ${r.stale.join(', ')}` : 'none stale';
  return [...lines, '', `mlc fleet status: ${r.companies.length} companies, ${stale} (max age ${maxAgeText(r.maxAgeMs)})`];
}
