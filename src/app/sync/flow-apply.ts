// Applying one flow's planned operations, wave by wave (see waves.ts): before a later wave,
// its items are planned again so their payloads carry the supervisors created just before.
import type { ErpSession } from '../../adapters/types.js';
import type { DatedRow } from '../../domain/dated.js';
import type { MlcError } from '../../domain/errors.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { applyItems, type Pending } from './apply.js';
import { planFor, type FlowPlanner, type PlanItem } from './plan.js';
import { parkBadReferences } from './references.js';
import { recordNotAttempted, recordPlanned, recordSettled } from './record.js';
import type { EmployeeView } from './view.js';
import { waves } from './waves.js';

export interface FlowApplyDeps {
  ctx: AppContext;
  state: State;
  runId: string;
  planner: FlowPlanner;
  session: ErpSession;
  view: EmployeeView;
  asOf: string;
  redact: (p: unknown) => string;
  now: () => string;
  /** The flow's items planned for the ERP (status 'planned'). */
  planned: PlanItem[];
  seenOn: (row: DatedRow) => string;
  commitCursor: () => void;
  /** Awaited before the last outcome's transaction (the dated rows must be stored first). */
  beforeCommit: () => Promise<void>;
  onDone: () => void;
}

export async function applyFlow(d: FlowApplyDeps): Promise<{ items: PlanItem[]; fatal: MlcError | undefined }> {
  const { state, runId, planner, now } = d;
  const checked = await parkBadReferences(d.planned, d.session, planner);
  const settled = checked.filter((it) => it.status !== 'planned');
  const planned = checked.filter((it) => it.status === 'planned');
  // Supervisors before their reports: an operation whose supervisor is created in this run
  // waits for the supervisor's key (waves.ts orders them so the wait is short).
  const creating = new Set(planned.map((it) => it.employeeId));
  const ordered = waves(planned).flat();
  const waiting = (it: PlanItem) => it.waitsFor !== null && creating.has(it.waitsFor);
  if (planned.length === 0) await d.beforeCommit();
  // Every operation gets its 'planned' row before anything is sent, in one transaction.
  const recorded = state.transaction(() => {
    recordSettled(state, runId, settled, d.redact, now());
    if (planned.length === 0) d.commitCursor();
    return recordPlanned(state, runId, ordered, d.redact, now(), waiting);
  });
  const ops: Pending[] = recorded.map(({ item, auditId }) => ({ item, auditId, ...(waiting(item) ? { dependsOn: item.waitsFor! } : {}) }));
  // A waiting operation is mapped again before it is sent: its first payload served the
  // reference check and is let go now (tens of MB over a large initial load).
  for (const op of ops) if (op.dependsOn !== undefined) op.item.payload = null;
  const out: PlanItem[] = [...settled];
  const t0 = Date.now();
  const tally = await applyItems(ops, {
    state, session: d.session, logger: d.ctx.logger, now, commitLast: d.commitCursor, beforeCommit: d.beforeCommit, onDone: d.onDone, redact: d.redact, stop: d.ctx.stop,
    resolve: async (old, auditId, supervisorKey) => {
      const item = await replan(d, old, supervisorKey);
      if (item.status === 'planned') return item;
      // Nothing to send after all (rare): the planned row says what happened instead.
      const at = now();
      state.transaction(() => state.audit.finish(auditId, { status: item.status === 'parked' ? 'parked' : 'unchanged', reason: item.reason, errorCode: item.errorCode, attempts: 0, startedAt: at, finishedAt: at }));
      out.push(item);
      return undefined;
    },
  });
  d.ctx.logger.info({ flow: planner.flow.name, operations: ops.length, ms: Date.now() - t0 }, 'operations applied');
  out.push(...tally.applied, ...tally.parked.map((i) => ({ ...i, status: 'parked' as const })), ...tally.failed.map((i) => ({ ...i, status: 'failed' as const })));
  if (tally.fatal) {
    state.transaction(() => recordNotAttempted(state, tally.notAttempted, tally.fatal!.message, now()));
    const attempted = new Set([...tally.applied, ...tally.parked, ...tally.failed].map((i) => i.employeeId));
    out.push(...ordered.filter((i) => !attempted.has(i.employeeId)).map((i) => ({ ...i, status: 'failed' as const })));
    return { items: out, fatal: tally.fatal };
  }
  return { items: out, fatal: undefined };
}

/**
 * A waiting operation, now that its supervisor's ERP key is known: only the payload changes
 * (references were checked already), so it is mapped again rather than planned from scratch.
 */
async function replan(d: FlowApplyDeps, old: PlanItem, supervisorKey: string | null): Promise<PlanItem> {
  if (old.remap) {
    const { payload, payloadHash } = old.remap(supervisorKey);
    // A create had no link when planned, and only this operation writes one.
    const link = old.kind === 'create' ? undefined : d.state.links.get(d.planner.flow.name, old.employeeId);
    return { ...old, payload, payloadHash, remap: undefined, waitsFor: null, status: link?.payloadHash === payloadHash ? 'unchanged' : 'planned' };
  }
  const st = d.view.stateAsOf(old.employeeId, d.asOf)!;
  const link = d.state.links.get(d.planner.flow.name, old.employeeId);
  const fresh = planFor(d.planner, { state: st, rows: d.view.rows(old.employeeId), link, supervisorKey, seenOn: d.seenOn }, d.asOf);
  const item = fresh.find((it) => it.status !== 'scheduled') ?? old;
  return (await parkBadReferences([item], d.session, d.planner))[0]!;
}
