// Applying one flow's plan: every outcome that needs no ERP call and every 'planned' row are
// recorded first (one transaction), then the ERP is written in two phases: the reference
// records the flow keeps in step (so the values exist before anyone points at them), then the
// people. The cursor commits in the transaction of the last outcome.
import type { ErpSession } from '../../adapters/types.js';
import type { MlcError } from '../../domain/errors.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { applyItems, type ApplyTally, type Pending } from './apply.js';
import type { FlowPlanner, PlanItem } from './plan.js';
import { parkBadReferences } from './references.js';
import { recordNotAttempted, recordPlanned, recordSettled } from './record.js';

export interface FlowApplyDeps {
  ctx: AppContext;
  state: State;
  runId: string;
  planner: FlowPlanner;
  /** Absent when nothing is to be sent. */
  session: ErpSession | undefined;
  redact: (p: unknown) => string;
  now: () => string;
  /** The flow's items, reference check done. */
  items: PlanItem[];
  /** Runs inside the last outcome's transaction (the cursor commit); absent for replays. */
  commitCursor?: (() => void) | undefined;
  /** Awaited before the last outcome's transaction (the dated rows must be stored first). */
  beforeCommit?: (() => Promise<void>) | undefined;
  onDone?: (() => void) | undefined;
  halted?: (() => MlcError | undefined) | undefined;
}

export interface FlowResult {
  items: PlanItem[];
  fatal: MlcError | undefined;
}

export async function applyFlow(d: FlowApplyDeps): Promise<FlowResult> {
  const { state, runId, now } = d;
  const settled = d.items.filter((it) => it.status !== 'planned');
  const planned = d.items.filter((it) => it.status === 'planned');
  if (planned.length > 0 && !d.session) throw new Error('applyFlow: operations to send but no session');
  if (planned.length === 0) await d.beforeCommit?.();
  // Every operation gets its 'planned' row before anything is sent, in one transaction.
  const recorded = state.transaction(() => {
    recordSettled(state, runId, settled, d.redact, now());
    if (planned.length === 0) d.commitCursor?.();
    return recordPlanned(state, runId, planned, d.redact, now());
  });
  // A waiting operation is mapped again before it is sent: its first payload served the
  // reference check and is let go now (tens of MB over a large initial load).
  for (const op of recorded) if (op.item.waitsFor.length > 0 && op.item.remap) op.item.payload = null;
  const phases = [recorded.filter((o) => o.item.family !== 'employee'), recorded.filter((o) => o.item.family === 'employee')].filter((p) => p.length > 0);
  const out: PlanItem[] = [...settled];
  for (const [i, ops] of phases.entries()) {
    const last = i === phases.length - 1;
    const t0 = Date.now();
    const tally = await applyItems(ops, {
      state, session: d.session!, logger: d.ctx.logger, runId, now, redact: d.redact, stop: d.ctx.stop, onDone: d.onDone, halted: d.halted,
      commitLast: last ? d.commitCursor : undefined, beforeCommit: last ? d.beforeCommit : undefined,
      resolve: (old, auditId, linked) => resolveWaiting(d, old, auditId, linked, out),
    });
    d.ctx.logger.info({ flow: d.planner.flow.name, operations: ops.length, ms: Date.now() - t0 }, 'operations applied');
    out.push(...tally.applied, ...tally.parked.map((x) => ({ ...x, status: 'parked' as const })), ...tally.failed.map((x) => ({ ...x, status: 'failed' as const })));
    if (tally.fatal) return { items: [...out, ...stopped(d, tally, phases.slice(i + 1).flat())], fatal: tally.fatal };
  }
  return { items: out, fatal: undefined };
}

/** After a fatal error: what was not sent is recorded failed (open), in this phase and the next. */
function stopped(d: FlowApplyDeps, tally: ApplyTally, later: Pending[]): PlanItem[] {
  const notSent = [...tally.notAttempted, ...later];
  d.state.transaction(() => recordNotAttempted(d.state, notSent, tally.fatal!.message, d.now()));
  return notSent.map((o) => ({ ...o.item, status: 'failed' as const, errorCode: 'not_attempted', reason: tally.fatal!.message }));
}

/**
 * A waiting operation, now that the records it waited for have their outcome: the keys it
 * has (this run's, or the store's for another phase), a required one missing parks it,
 * otherwise it is mapped again; an unchanged payload after all is recorded as such.
 */
async function resolveWaiting(d: FlowApplyDeps, old: PlanItem, auditId: number, linked: Record<string, string | null>, out: PlanItem[]): Promise<PlanItem | undefined> {
  const keys = { ...linked };
  for (const n of old.needs) keys[n.slot] ??= d.state.links.get(old.flow, n.on.sourceKey, n.on.family)?.erpKey ?? null;
  const missing = old.needs.find((n) => n.required && keys[n.slot] === null);
  const link = d.state.links.get(old.flow, old.employeeId, old.family);
  let item: PlanItem;
  if (missing) item = { ...old, status: 'parked', errorCode: 'dependency', reason: `waits for ${missing.label}, which could not be written in this run` };
  else {
    const mapped = old.remap ? old.remap(keys) : { payload: old.payload, payloadHash: old.payloadHash };
    item = { ...old, ...mapped, linked: keys, remap: undefined, status: link?.payloadHash === mapped.payloadHash ? 'unchanged' : 'planned' };
  }
  if (item.status === 'planned') return item;
  const at = d.now();
  d.state.transaction(() => {
    d.state.audit.finish(auditId, { status: item.status === 'parked' ? 'parked' : 'unchanged', reason: item.reason, errorCode: item.errorCode, attempts: 0, startedAt: at, finishedAt: at });
    if (item.status === 'unchanged') d.state.audit.resolveOthers(item.flow, item.employeeId, auditId, item.family);
  });
  out.push(item);
  return undefined;
}

/** The reference check, then what is left to apply; dry runs use the same check. */
export async function checkedItems(items: PlanItem[], session: ErpSession | undefined, planner: FlowPlanner): Promise<PlanItem[]> {
  return session ? parkBadReferences(items, session, planner) : items;
}
