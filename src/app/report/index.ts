// `mlc report`: everything the page shows, gathered from the state database and the
// configuration alone (no BambooHR or ERP call), into the typed model of model.ts. The HTML
// is rendered from it by src/report/html/; `--json` prints it as it is.
import { existsSync, readFileSync } from 'node:fs';
import { targetSpecs } from '../../adapters/registry.js';
import type { Config, FlowSettings } from '../../config/types.js';
import { MlcError } from '../../domain/errors.js';
import type { AuditRow } from '../../store/audit.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { mappingCoverage } from './coverage.js';
import { flowHealth } from './health.js';
import { REPORT_VERSION, type FlowReport, type ReportModel } from './model.js';
import { loadPeople, type People } from './people.js';
import { runRef, runsSince, systemsOf } from './runs.js';
import { upcomingChanges } from './upcoming.js';
import { waitingGroups, type ReplayCommand } from './waiting.js';

export interface ReportOptions {
  sinceMs: number;
  sinceText: string;
  maxAgeMs: number;
  maxAgeText: string;
  flow?: string | undefined;
  /** Appended to every replay command (e.g. ` --config /etc/mlc/mlc.yaml`). */
  replayArgs?: string | undefined;
}

function mlcVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The configured flows (or the one asked for), plus flows only the state still knows. */
function flowNames(config: Config, state: State | undefined, open: readonly AuditRow[], only: string | undefined): string[] {
  if (only !== undefined) {
    if (!config.flows.some((f) => f.name === only)) throw new MlcError('usage', `no flow named "${only}" (flows: ${config.flows.map((f) => f.name).join(', ') || 'none'})`);
    return [only];
  }
  const names = new Set(config.flows.map((f) => f.name));
  for (const c of state?.cursors.all() ?? []) names.add(c.flow);
  for (const r of open) names.add(r.flow);
  return [...names];
}

interface Shared {
  state: State | undefined;
  people: People;
  open: readonly AuditRow[];
  today: string;
  nowMs: number;
  opts: ReportOptions;
  config: Config;
  replay: ReplayCommand;
}

function flowReport(name: string, s: Shared): FlowReport {
  const flow: FlowSettings | undefined = s.config.flows.find((f) => f.name === name);
  const rows = s.open.filter((r) => r.flow === name);
  const open = { parked: rows.filter((r) => r.status === 'parked').length, failed: rows.filter((r) => r.status === 'failed').length };
  const t = flow ? s.config.targets[flow.target] : undefined;
  const upcoming = flow ? upcomingChanges(flow, s.people, s.today, s.config.audit.redact) : [];
  return {
    name,
    target: flow && t ? { name: t.name, type: t.type, system: targetSpecs[t.type]?.displayName ?? t.type } : null,
    health: flowHealth(s.state, name, s.nowMs, s.opts.maxAgeMs, open),
    waiting: waitingGroups(rows, s.people, s.config.report.names, s.replay),
    open,
    upcoming,
    coverage: flow ? mappingCoverage(flow, s.people, upcoming, s.config.audit.redact) : [],
    fixed: flow ? Object.entries(flow.references).flatMap(([slot, r]) => (r.kind === 'value' ? [{ slot, value: r.value }] : [])) : [],
  };
}

export function buildReport(ctx: AppContext, opts: ReportOptions): ReportModel {
  const config = ctx.config;
  const stateExists = existsSync(config.state.path);
  const state = stateExists ? ctx.openState(true) : undefined;
  const nowMs = Date.now();
  const today = ctx.clock.today();
  const names = config.report.names;
  const open = state?.audit.list({ status: 'open', limit: Number.MAX_SAFE_INTEGER }) ?? [];
  const flows = flowNames(config, state, open, opts.flow);
  const since = new Date(nowMs - opts.sinceMs).toISOString();
  const runs = state ? runsSince(state, since, opts.flow ? flows : undefined) : [];
  const lastGood = state?.runs.lastGood();
  const shared: Shared = { state, people: loadPeople(state, today, names), open, today, nowMs, opts, config, replay: (id) => `npx mlc replay ${id}${opts.replayArgs ?? ''}` };
  return {
    reportVersion: REPORT_VERSION,
    mlcVersion: mlcVersion(),
    generatedAt: new Date(nowMs).toISOString(),
    businessDate: today,
    timezone: config.timezone,
    company: config.bamboohr.companyDomain,
    state: config.state.path,
    stateExists,
    names,
    window: { since, sinceText: opts.sinceText },
    maxAge: { ms: opts.maxAgeMs, text: opts.maxAgeText },
    lastGood: lastGood ? runRef(lastGood) : null,
    // Age by the real clock, as `mlc status`: monitoring asks "when did it last work".
    lastGoodAgeMs: lastGood?.finishedAt ? nowMs - Date.parse(lastGood.finishedAt) : null,
    flows: flows.map((f) => flowReport(f, shared)),
    runs,
    systems: systemsOf(runs),
  };
}
