// `mlc sync`: one run. Lock, read BambooHR since the cursor, lay the answer over what the
// state remembers, plan every candidate for every flow, record what needs no ERP call, apply
// the rest with the target's concurrency, and advance each flow's cursor in the transaction
// of its last outcome (DESIGN §3.2). A dry run plans and writes nothing at all.
import { existsSync } from 'node:fs';
import { adapterFor } from '../../adapters/registry.js';
import type { ErpSession } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import type { DatedRow } from '../../domain/dated.js';
import { MlcError } from '../../domain/errors.js';
import { failpoint } from '../../domain/failpoints.js';
import { throwIfStopped, unlessStopped } from '../../domain/stop.js';
import { collectGarbage } from '../../domain/memory.js';
import { readChanges } from '../../source/bamboohr/reader.js';
import type { Link } from '../../store/links.js';
import { newRunId } from '../../store/runs.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { connectTarget } from './connect.js';
import { candidates, dueIds, laterCursor, persistInBackground } from './candidates.js';
import { applyFlow } from './flow-apply.js';
import { planFor, type FlowPlanner, type PlanItem } from './plan.js';
import { prefetchReferences } from './references.js';
import { payloadRedactor, recordSettled } from './record.js';
import { countItems, type RunSummary } from './summary.js';
import { EmployeeView } from './view.js';

export interface SyncOptions {
  flows?: string[] | undefined;
  dryRun: boolean;
  full: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface SyncOutcome {
  summary: RunSummary;
  items: PlanItem[];
  notes: string[];
}

/** Logs how long each phase of a run took (info level: `mlc sync --verbose`). */
function phaseTimer(ctx: AppContext, big: () => boolean): (phase: string, extra?: Record<string, unknown>) => void {
  let t = Date.now();
  return (phase, extra = {}) => {
    if (big()) collectGarbage();
    const ms = Date.now() - t;
    t = Date.now();
    ctx.logger.info({ ms, rssMb: Math.round(process.memoryUsage().rss / 1048576), heapMb: Math.round(process.memoryUsage().heapUsed / 1048576), ...extra }, phase);
  };
}

export function selectFlows(ctx: AppContext, names: string[] | undefined): FlowSettings[] {
  const all = ctx.config.flows;
  if (all.length === 0) throw new MlcError('usage', 'no flows are configured: add a flows: section (see config.example.yaml)');
  if (!names?.length) return all;
  return names.map((n) => all.find((f) => f.name === n) ?? (() => { throw new MlcError('usage', `no flow named "${n}" (flows: ${all.map((f) => f.name).join(', ')})`); })());
}

export async function runSync(ctx: AppContext, opts: SyncOptions): Promise<SyncOutcome> {
  const t0 = Date.now();
  const flows = selectFlows(ctx, opts.flows);
  const asOf = ctx.clock.today();
  const now = () => new Date().toISOString();
  const path = ctx.config.state.path;
  const state: State | undefined = opts.dryRun ? (existsSync(path) ? ctx.openState(true) : undefined) : ctx.openState();
  const runId = opts.dryRun ? null : newRunId(new Date());
  const lease = runId ? state!.lock.acquire({ command: 'sync', staleAfterMs: ctx.config.state.lockStaleAfterMs }) : undefined;
  const sessions = new Map<string, Promise<ErpSession>>();
  let persisted: { done: Promise<void> } = { done: Promise.resolve() };
  try {
    if (runId) {
      state!.transaction(() => {
        state!.runs.markInterrupted(runId, now());
        state!.runs.start({ id: runId, command: 'sync', startedAt: now(), asOf, dryRun: false });
        state!.audit.failInterrupted(runId);
      });
    }
    const stored = flows.map((f) => state?.cursors.get(f.name));
    const cursor = stored.every((c) => c !== undefined) ? stored.map((c) => c!.value).sort((a, b) => Date.parse(a) - Date.parse(b))[0] : undefined;
    // Webhook hints waiting in the inbox are read again with the employees due today.
    const inboxMark = state?.inbox.watermark() ?? 0;
    const hinted = state?.inbox.pending(inboxMark) ?? [];
    const refresh = opts.full ? [] : [...new Set([...dueIds(state, flows.map((f, i) => stored[i]?.sweptThrough ?? null), asOf), ...hinted])];
    // A first run (no cursor yet) writes nearly everyone: the ERP session and the reference
    // data its check needs are fetched while BambooHR is read, and bad ERP credentials show
    // before a long read. Later runs connect only once something is to be sent, so a run with
    // nothing to write makes no ERP request.
    if (runId && cursor === undefined) {
      for (const flow of flows) {
        const target = ctx.config.targets[flow.target]!;
        if (!sessions.has(target.name)) sessions.set(target.name, connectTarget(ctx, target));
        sessions.get(target.name)!.then((s) => prefetchReferences(s, { flow, target, adapter: adapterFor(target.type) }), () => undefined);
      }
    }
    let bigRun = false;
    const lap = phaseTimer(ctx, () => bigRun);
    const known = (id: string) => state?.rows.employee(id)?.lastChanged;
    // A stop during the read ends the run at once: nothing has been written yet.
    const changes = await unlessStopped(readChanges(await ctx.bamboo(), ctx.config.bamboohr, { cursor, full: opts.full, refresh, known }), ctx.stop);
    const readCount = changes.employees.length;
    bigRun = readCount >= 5000;
    lap('read BambooHR', { employees: changes.employees.length, since: changes.since });
    if (runId) persisted = persistInBackground(state!, changes, now());
    const view = new EmployeeView(state, changes, now(), false, ctx.config.bamboohr.tables);
    const seenOn = (r: DatedRow) => ctx.clock.dateOf(new Date(r.firstSeenAt ?? now()));
    const items: PlanItem[] = [];
    const perFlow: Array<{ planner: FlowPlanner; items: PlanItem[]; cursor: string | null }> = [];
    for (const [i, flow] of flows.entries()) {
      const target = ctx.config.targets[flow.target]!;
      const planner: FlowPlanner = { flow, target, adapter: adapterFor(target.type) };
      const mine: PlanItem[] = [];
      const ids = candidates(state, view, flow.name, stored[i], asOf, opts.full);
      const links = state?.links.lookup(flow.name, ids) ?? new Map<string, Link>();
      view.prepare(ids);
      for (const id of ids) {
        const st = view.stateAsOf(id, asOf);
        if (!st) continue;
        const supervisorKey = st.supervisorId ? (links.get(st.supervisorId)?.erpKey ?? null) : null;
        mine.push(...planFor(planner, { state: st, rows: view.rows(id), link: links.get(id), supervisorKey, seenOn }, asOf));
      }
      items.push(...mine);
      perFlow.push({ planner, items: mine, cursor: laterCursor(stored[i]?.value, changes.latest) });
    }
    view.release();
    lap('planned', { items: items.length, toApply: items.filter((i) => i.status === 'planned').length });
    const strict = items.filter((it) => it.errorCode === 'unmapped' && flows.find((f) => f.name === it.flow)?.unmapped === 'fail');
    if (strict.length > 0) {
      throw new MlcError('unmapped', `${strict.length} record${strict.length === 1 ? ' has' : 's have'} unmapped values and the flow says unmapped: fail; nothing was written:\n${strict.slice(0, 20).map((s) => `  employee ${s.employeeId}: ${s.reason}`).join('\n')}`, {
        hint: 'add the values to the lookups (mlc config check --online lists every uncovered value), or set unmapped: park',
      });
    }
    const summary = (status: RunSummary['status'], all: PlanItem[], cur: string | null): RunSummary => ({
      runId, status, dryRun: opts.dryRun, asOf, flows: flows.map((f) => f.name), counts: countItems(all, readCount),
      requests: ctx.counter.toJSON(), cursor: cur, durationMs: Date.now() - t0,
    });
    const newest = perFlow.map((p) => p.cursor).filter((c): c is string => c !== null).sort().at(-1) ?? null;
    if (!runId) return { summary: summary('ok', items, newest), items, notes: changes.notes };
    throwIfStopped(ctx.stop);

    // The change set must be fully stored before any cursor moves past it.
    const storedAll = async () => {
      await persisted.done;
      failpoint('after-persist');
    };
    // Once stored, what BambooHR said is in SQLite: a big change set is let go (re-plans of
    // waiting operations only re-map a payload; the rare full re-plan reads the store).
    void persisted.done.then(() => {
      if (!bigRun) return;
      view.forget();
      changes.employees.length = 0;
    }, () => undefined);
    const redact = payloadRedactor(ctx.config.audit.redact);
    const total = items.filter((it) => it.status === 'planned').length;
    let done = 0;
    const final: PlanItem[] = [];
    for (const p of perFlow) {
      throwIfStopped(ctx.stop); // between flows: the next one waits for the next run
      const commitCursor = () => {
        // Inside the transaction of the last outcome: dying here rolls both back together.
        failpoint('before-cursor-commit');
        if (p.cursor) state!.cursors.set(p.planner.flow.name, p.cursor, asOf, runId, now());
        // The inbox entries this run took are covered once every flow has committed.
        if (p === perFlow.at(-1)) state!.inbox.markDone(inboxMark, runId, now());
      };
      const planned = p.items.filter((it) => it.status === 'planned');
      if (planned.length === 0) await storedAll();
      state!.transaction(() => {
        recordSettled(state!, runId, p.items, redact, now());
        if (planned.length === 0) commitCursor();
      });
      if (planned.length === 0) {
        final.push(...p.items);
        continue;
      }
      const target = p.planner.target;
      if (!sessions.has(target.name)) sessions.set(target.name, connectTarget(ctx, target));
      const res = await applyFlow({
        ctx, state: state!, runId, planner: p.planner, session: await sessions.get(target.name)!, view, asOf, redact, now, commitCursor, planned, seenOn, beforeCommit: storedAll,
        onDone: () => opts.onProgress?.(++done, total),
      });
      final.push(...p.items.filter((it) => it.status !== 'planned'), ...res.items);
      if (res.fatal) throw res.fatal;
    }
    await storedAll();
    lap('applied');
    const s = summary(final.some((it) => it.status === 'parked' || it.status === 'failed') ? 'partial' : 'ok', final, newest);
    state!.runs.finish(runId, { finishedAt: now(), status: s.status, summary: s });
    return { summary: s, items: final, notes: changes.notes };
  } catch (err) {
    if (runId && state?.db.open) {
      const e = err instanceof MlcError ? err : undefined;
      state.runs.finish(runId, { finishedAt: now(), status: 'failed', errorCode: e?.code ?? 'internal', errorMessage: e?.message ?? String(err) });
    }
    throw err;
  } finally {
    for (const s of sessions.values()) await s.then((x) => x.close()).catch(() => undefined);
    await persisted.done.catch(() => undefined); // never leave slices writing behind a closed database
    lease?.release();
  }
}
