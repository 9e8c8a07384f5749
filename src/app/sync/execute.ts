// The pipeline every run goes through, sync and replay alike: plan each flow (references,
// employees, links between them), refuse a strict flow's unmapped values before any write,
// check references against the ERP (dry runs too), then record and apply flow by flow.
import { loadAdapter } from '../../adapters/registry.js';
import type { ErpSession } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import type { DatedRow } from '../../domain/dated.js';
import type { EmployeeState } from '../../domain/employee.js';
import { MlcError } from '../../domain/errors.js';
import { throwIfStopped } from '../../domain/stop.js';
import type { BambooHrClient } from '../../source/bamboohr/client.js';
import { applyFlow } from './flow-apply.js';
import { sourceLists } from './lists.js';
import type { FlowPlanner, PlanItem } from './plan.js';
import { planEmployees, planFlow, planReferencesOf, resolveWaits, type FlowScope, type PlanEnv } from './plan-flow.js';
import { parkBadReferences } from './references.js';
import { payloadRedactor } from './record.js';
import { countItems, emptyCounts, type RunCounts } from './summary.js';
import { collectGarbage } from '../../domain/memory.js';
import type { Run } from './run.js';
import type { State } from '../../store/state.js';
import type { EmployeeView } from './view.js';

export interface FlowRun {
  flow: FlowSettings;
  scope: FlowScope;
  /** The cursor this flow moves to (sync); null leaves it. */
  cursor: string | null;
  /** Last touches on the plan (a replay links items to the rows they replay). */
  decorate?: ((items: PlanItem[]) => PlanItem[]) | undefined;
}

export interface ExecuteOptions {
  lap: (phase: string, extra?: Record<string, unknown>) => void;
  onProgress?: ((done: number, total: number) => void) | undefined;
  beforeCommit?: (() => Promise<void>) | undefined;
  /** Inside the transaction of a flow's last outcome (sync: cursor and inbox). */
  commitCursor?: ((fr: FlowRun) => void) | undefined;
  afterPlan?: (() => void) | undefined;
  /** A reason to stop writing at once (the change set could not be stored). */
  halted?: (() => MlcError | undefined) | undefined;
  /** Dry runs: have the ERP validate the writes where it can. */
  online?: boolean | undefined;
}

export function planEnv(run: Run, view: EmployeeView, bamboo: BambooHrClient, seenOn: (r: DatedRow) => string): PlanEnv {
  const cache = new Map<string, ReturnType<typeof sourceLists>>();
  const states = function* (): Iterable<EmployeeState> {
    const ids = new Set([...(run.state?.rows.allEmployeeIds() ?? []), ...view.changedIds()]);
    view.prepare([...ids]);
    for (const id of ids) {
      const st = view.stateAsOf(id, run.asOf);
      if (st) yield st;
    }
  };
  return {
    state: run.state, view, asOf: run.asOf, seenOn,
    lists: (fields) => {
      const key = [...fields].sort().join(',');
      if (!cache.has(key)) cache.set(key, sourceLists(bamboo, fields, states));
      return cache.get(key)!;
    },
  };
}

function strictCheck(run: Run, items: readonly PlanItem[]): void {
  const strict = items.filter((it) => it.errorCode === 'unmapped' && run.ctx.config.flows.find((f) => f.name === it.flow)?.unmapped === 'fail');
  if (strict.length === 0) return;
  throw new MlcError('unmapped', `${strict.length} record${strict.length === 1 ? ' has' : 's have'} unmapped values and the flow says unmapped: fail; nothing was written:\n${strict.slice(0, 20).map((s) => `  ${s.family === 'employee' ? 'employee ' : ''}${s.employeeId}: ${s.reason}`).join('\n')}`, {
    hint: 'add the values to the lookups (mlc config check --online lists every uncovered value), or set unmapped: park',
  });
}

/** A dry run checks references too, when the ERP can be reached; if not, it says so. */
async function dryCheck(run: Run, p: FlowPlanner, items: PlanItem[], online: boolean): Promise<PlanItem[]> {
  if (!items.some((i) => i.status === 'planned')) return items;
  try {
    const session = await run.session(p.target);
    const checked = await parkBadReferences(items, session, p);
    return online ? await validateOnline(run, session, p, checked) : checked;
  } catch (err) {
    run.notes.push(`references not checked against ${p.target.name}: ${err instanceof Error ? err.message : String(err)}`);
    return items;
  }
}

/** `--dry-run --online`: the ERP's own validation-only write, batch by batch; what it refuses shows as parked or failed. */
async function validateOnline(run: Run, session: ErpSession, p: FlowPlanner, items: PlanItem[]): Promise<PlanItem[]> {
  if (!session.validateBatch) {
    run.notes.push(`${p.target.name} has no validation-only write: --online checked the references only`);
    return items;
  }
  const planned = items.filter((i) => i.status === 'planned' && i.payload);
  const verdict = new Map<PlanItem, PlanItem>();
  for (let at = 0; at < planned.length; at += Math.max(1, session.batchSize)) {
    const batch = planned.slice(at, at + Math.max(1, session.batchSize));
    const outcomes = await session.validateBatch(batch.map((i) => ({ family: i.family, type: i.type, kind: i.kind as Exclude<PlanItem['kind'], 'none'>, sourceKey: i.employeeId, key: i.key, erpKey: i.erpKey, payload: i.payload! })));
    for (const [k, o] of outcomes.entries()) {
      if (o.ok) continue;
      const item = batch[k]!;
      verdict.set(item, { ...item, status: o.error.code === 'record_rejected' ? 'parked' : 'failed', errorCode: o.error.code, reason: `${p.target.name} would refuse it: ${o.error.message}` });
    }
  }
  return items.map((i) => verdict.get(i) ?? i);
}

/** Above this many employees in a flow, a real run plans and applies in chunks of this size. */
export const CHUNK = 2000;

interface Planned {
  fr: FlowRun;
  planner: FlowPlanner;
}

/**
 * Managers before their reports (depth in the reporting lines, cycles cut): in a run planned
 * in chunks, a report's manager is then written in the same or an earlier chunk, and the
 * report carries the link at once instead of owing it.
 */
export function bySupervisor(ids: readonly string[], supervisors: ReadonlyMap<string, string | null>): string[] {
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const path: string[] = [];
    let cur: string | null | undefined = id;
    while (cur && !depth.has(cur) && !path.includes(cur) && path.length < 64) {
      path.push(cur);
      cur = supervisors.get(cur) ?? null;
    }
    let d = cur && depth.has(cur) ? depth.get(cur)! + 1 : 0;
    for (const p of path.reverse()) depth.set(p, d++);
    return depth.get(id)!;
  };
  return [...ids].sort((a, b) => depthOf(a) - depthOf(b) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Everyone's supervisor, for bySupervisor(): from the change set when it holds every one of
 * the ids (a run of up to KEEP_IN_MEMORY people), else from the store (one scan of every
 * stored employee's fields, ~30 ms at 10,000).
 */
function supervisorsOf(env: PlanEnv, ids: readonly string[], state: State): ReadonlyMap<string, string | null> {
  const known = new Map<string, string | null>();
  for (const id of ids) {
    const sup = env.view.supervisorOf(id);
    if (sup === undefined) return state.rows.supervisors();
    known.set(id, sup);
  }
  return known;
}

/**
 * The run's items and counts. A big run (planned in chunks) keeps only the items that need a
 * person (parked, failed); its counts cover every item.
 */
export interface Executed {
  items: PlanItem[];
  counts: RunCounts;
}

export async function executeFlows(run: Run, env: PlanEnv, flows: readonly FlowRun[], o: ExecuteOptions): Promise<Executed> {
  const { ctx } = run;
  const planned: Planned[] = [];
  for (const fr of flows) {
    const target = ctx.config.targets[fr.flow.target]!;
    planned.push({ fr, planner: { flow: fr.flow, target, adapter: await loadAdapter(target.type) } });
  }
  // A strict flow refuses before any write, across all flows: those runs (and dry runs, and
  // small ones) are planned whole first; big ones in chunks, in bounded memory (issue 9 §3).
  const big = flows.some((f) => f.scope.employees.length > CHUNK);
  if (!run.runId || !big || flows.some((f) => f.flow.unmapped === 'fail')) {
    const items = await executeWhole(run, env, planned, o);
    return { items, counts: countItems(items, 0) };
  }
  const final: PlanItem[] = [];
  const tally = emptyCounts();
  const progress = { done: 0, total: flows.reduce((n, f) => n + f.scope.employees.length, 0) };
  for (const p of planned) {
    throwIfStopped(ctx.stop); // between flows: the next one waits for the next run
    final.push(...(await executeChunked(run, env, p, o, progress, tally)));
  }
  o.lap('applied in chunks', { kept: final.length });
  return { items: final, counts: tally };
}

async function executeWhole(run: Run, env: PlanEnv, planned: readonly Planned[], o: ExecuteOptions): Promise<PlanItem[]> {
  const plans: Array<Planned & { items: PlanItem[] }> = [];
  for (const p of planned) {
    const items = await planFlow(env, p.planner, p.fr.scope);
    plans.push({ ...p, items: p.fr.decorate ? p.fr.decorate(items) : items });
  }
  o.afterPlan?.();
  const all = plans.flatMap((p) => p.items);
  o.lap('planned', { items: all.length, toApply: all.filter((i) => i.status === 'planned').length });
  strictCheck(run, all);
  if (!run.runId) {
    const out: PlanItem[] = [];
    for (const p of plans) out.push(...(await dryCheck(run, p.planner, p.items, o.online ?? false)));
    return out;
  }
  const progress = { done: 0, total: all.filter((it) => it.status === 'planned').length };
  const final: PlanItem[] = [];
  for (const p of plans) {
    throwIfStopped(run.ctx.stop); // between flows: the next one waits for the next run
    final.push(...(await applyChecked(run, p, p.items, o, progress, true)));
  }
  return final;
}

/** The reference check, then the writes; `last`: this call records the flow's last outcome (the cursor). */
async function applyChecked(run: Run, p: Planned, planned: PlanItem[], o: ExecuteOptions, progress: { done: number; total: number }, last: boolean): Promise<PlanItem[]> {
  const needsErp = planned.some((it) => it.status === 'planned');
  const session = needsErp ? await run.session(p.planner.target) : undefined;
  const items = session ? await parkBadReferences(planned, session, p.planner) : planned;
  const res = await applyFlow({
    ctx: run.ctx, state: run.state!, runId: run.runId!, planner: p.planner, session, redact: payloadRedactor(run.ctx.config.audit.redact), now: () => run.now(), items,
    commitCursor: last && o.commitCursor ? () => o.commitCursor!(p.fr) : undefined, beforeCommit: last ? o.beforeCommit : undefined,
    onDone: () => o.onProgress?.(++progress.done, progress.total), halted: o.halted,
  });
  if (res.fatal) throw res.fatal;
  return res.items;
}

/** A big flow: its reference records first, then its employees, managers first, chunk by chunk. */
async function executeChunked(run: Run, env: PlanEnv, p: Planned, o: ExecuteOptions, progress: { done: number; total: number }, tally: RunCounts): Promise<PlanItem[]> {
  const refs = await planReferencesOf(env, p.planner, p.fr.scope);
  const ids = bySupervisor(p.fr.scope.employees, supervisorsOf(env, p.fr.scope.employees, run.state!));
  const cpu = { plan: 0 };
  const out: PlanItem[] = [];
  for (let at = 0; at < ids.length; at += CHUNK) {
    throwIfStopped(run.ctx.stop);
    const first = at === 0;
    // Reference records are written with the first chunk; later chunks see their links.
    const refLinks = first ? refs.links : (run.state!.links.byEmployee(p.fr.flow.name, 'reference'));
    const c0 = process.cpuUsage();
    let items = planEmployees(env, p.planner, ids.slice(at, at + CHUNK), refs.provided, refLinks);
    if (first) items = [...refs.items, ...items];
    resolveWaits(items, first ? [] : refs.items.filter((i) => i.status !== 'planned'));
    env.view.release();
    if (p.fr.decorate) items = p.fr.decorate(items);
    const c1 = process.cpuUsage(c0);
    cpu.plan += (c1.user + c1.system) / 1000;
    out.push(...keep(await applyChecked(run, p, items, o, progress, at + CHUNK >= ids.length), tally));
    collectGarbage(); // between chunks: the finished chunk's garbage goes before the next one's
  }
  if (ids.length === 0) out.push(...keep(await applyChecked(run, p, refs.items, o, progress, true), tally));
  run.ctx.logger.info({ flow: p.fr.flow.name, planCpuMs: Math.round(cpu.plan), chunks: Math.ceil(ids.length / CHUNK) }, 'planned in chunks');
  return out;
}

/**
 * What a big run keeps of a finished chunk: the records that need a person (parked, failed)
 * in full, the rest only as counts (50,000 applied items would be most of the memory).
 */
function keep(items: PlanItem[], tally: RunCounts): PlanItem[] {
  const c = countItems(items, 0);
  for (const k of Object.keys(c) as Array<keyof RunCounts>) tally[k] += c[k];
  return items.filter((i) => i.status === 'parked' || i.status === 'failed');
}
