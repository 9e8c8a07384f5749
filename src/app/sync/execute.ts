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
import { planFlow, type FlowScope, type PlanEnv } from './plan-flow.js';
import { parkBadReferences } from './references.js';
import { payloadRedactor } from './record.js';
import type { Run } from './run.js';
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

export async function executeFlows(run: Run, env: PlanEnv, flows: readonly FlowRun[], o: ExecuteOptions): Promise<PlanItem[]> {
  const { ctx } = run;
  const plans: Array<{ fr: FlowRun; planner: FlowPlanner; items: PlanItem[] }> = [];
  for (const fr of flows) {
    const target = ctx.config.targets[fr.flow.target]!;
    const planner: FlowPlanner = { flow: fr.flow, target, adapter: await loadAdapter(target.type) };
    const items = await planFlow(env, planner, fr.scope);
    plans.push({ fr, planner, items: fr.decorate ? fr.decorate(items) : items });
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
  const redact = payloadRedactor(ctx.config.audit.redact);
  const total = all.filter((it) => it.status === 'planned').length;
  let done = 0;
  const final: PlanItem[] = [];
  for (const p of plans) {
    throwIfStopped(ctx.stop); // between flows: the next one waits for the next run
    const needsErp = p.items.some((it) => it.status === 'planned');
    const session = needsErp ? await run.session(p.planner.target) : undefined;
    const items = session ? await parkBadReferences(p.items, session, p.planner) : p.items;
    const res = await applyFlow({
      ctx, state: run.state!, runId: run.runId, planner: p.planner, session, redact, now: () => run.now(), items,
      commitCursor: o.commitCursor ? () => o.commitCursor!(p.fr) : undefined, beforeCommit: o.beforeCommit,
      onDone: () => o.onProgress?.(++done, total), halted: o.halted,
    });
    final.push(...res.items);
    if (res.fatal) throw res.fatal;
  }
  return final;
}
