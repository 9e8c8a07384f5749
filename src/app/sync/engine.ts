// `mlc sync`: one run. Lock, read BambooHR since the cursor, lay the answer over what the
// state remembers, plan every candidate for every flow, record what needs no ERP call, apply
// the rest through the adapter port, and advance each flow's cursor in the transaction of its
// last outcome (DESIGN §3.2). A dry run plans, checks references and writes nothing at all.
// `mlc replay` runs the same pipeline (executeFlows) over a restricted set of records.
import { loadAdapter } from '../../adapters/registry.js';
import type { FlowSettings } from '../../config/types.js';
import type { DatedRow } from '../../domain/dated.js';
import { MlcError } from '../../domain/errors.js';
import { failpoint } from '../../domain/failpoints.js';
import { isJournalFlow } from '../journal/settings.js';
import { collectGarbage } from '../../domain/memory.js';
import { unlessStopped } from '../../domain/stop.js';
import type { BambooHrClient } from '../../source/bamboohr/client.js';
import { openChanges, readChanges, type ChangeSet, type ReadOptions } from '../../source/bamboohr/reader.js';
import type { AppContext } from '../context.js';
import { candidates, dueIds, dueTablesOf, laterCursor, storeStream } from './candidates.js';
import { executeFlows, planEnv, type Executed, type FlowRun } from './execute.js';
import type { PlanItem } from './plan.js';
import { prefetchReferences } from './references.js';
import { Run } from './run.js';
import type { RunSummary } from './summary.js';
import { EmployeeView } from './view.js';

export interface SyncOptions {
  flows?: string[] | undefined;
  dryRun: boolean;
  full: boolean;
  /** With dryRun: ask the ERP to validate the writes where it can (SYSPRO ValidateOnly). */
  online?: boolean | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface SyncOutcome {
  summary: RunSummary;
  items: PlanItem[];
  notes: string[];
}

/** Logs how long each phase of a run took (info level: `mlc sync --verbose`). */
export function phaseTimer(ctx: AppContext, big: () => boolean): (phase: string, extra?: Record<string, unknown>) => void {
  let t = Date.now();
  let cpu = process.cpuUsage();
  return (phase, extra = {}) => {
    if (big()) collectGarbage();
    const ms = Date.now() - t;
    const used = process.cpuUsage(cpu);
    t = Date.now();
    cpu = process.cpuUsage();
    ctx.logger.info({ ms, cpuMs: Math.round((used.user + used.system) / 1000), rssMb: Math.round(process.memoryUsage().rss / 1048576), heapMb: Math.round(process.memoryUsage().heapUsed / 1048576), ...extra }, phase);
  };
}

/** The flows `mlc sync` runs: journal flows post with `mlc journal` instead (DESIGN §8). */
export function syncFlows(ctx: AppContext): FlowSettings[] {
  return ctx.config.flows.filter((f) => !isJournalFlow(f));
}

export function selectFlows(ctx: AppContext, names: string[] | undefined): FlowSettings[] {
  const all = syncFlows(ctx);
  if (ctx.config.flows.length === 0) throw new MlcError('usage', 'no flows are configured: add a flows: section (see config.example.yaml)');
  const journal = (n: string) => (ctx.config.flows.some((f) => f.name === n && isJournalFlow(f)) ? `flow "${n}" is a journal flow: run mlc journal --flow ${n} --period <YYYY-MM|previous>` : undefined);
  if (all.length === 0) throw new MlcError('usage', `only journal flows are configured: run mlc journal --period <YYYY-MM|previous>`);
  if (!names?.length) return all;
  return names.map((n) => all.find((f) => f.name === n) ?? (() => { throw new MlcError('usage', journal(n) ?? `no flow named "${n}" (flows: ${all.map((f) => f.name).join(', ')})`); })());
}

export function summaryOf(run: Run, flows: readonly FlowSettings[], done: Executed, read: number, cursor: string | null, t0: number): RunSummary {
  const status = done.counts.parked + done.counts.failed > 0 ? 'partial' : 'ok';
  return {
    runId: run.runId, status, dryRun: run.dryRun, asOf: run.asOf, flows: flows.map((f) => f.name), counts: { ...done.counts, read },
    requests: run.ctx.counter.toJSON(), cursor, durationMs: Date.now() - t0,
  };
}

function readOptions(run: Run, flows: readonly FlowSettings[], full: boolean) {
  const state = run.state;
  const stored = flows.map((f) => state?.cursors.get(f.name));
  const cursor = stored.every((c) => c !== undefined) ? stored.map((c) => c!.value).sort((a, b) => Date.parse(a) - Date.parse(b))[0] : undefined;
  // Webhook hints waiting in the inbox, and employees BambooHR left out of an earlier answer,
  // are read again with the employees due today.
  const inboxMark = state?.inbox.watermark() ?? 0;
  const hinted = state?.inbox.pending(inboxMark, flows.map((f) => f.name)) ?? [];
  const missing = state?.audit.openWithCode(flows.map((f) => f.name), 'source_missing') ?? [];
  const swept = flows.map((f, i) => stored[i]?.sweptThrough ?? null);
  const refresh = full ? [] : [...new Set([...dueIds(state, swept, run.asOf), ...hinted, ...missing])];
  return { stored, cursor, inboxMark, refresh, dueTables: full || !state ? undefined : dueTablesOf(state, swept, run.asOf) };
}

/** What BambooHR says since the cursor: stored page by page by a real run, held by a dry run. */
async function readBamboo(run: Run, bamboo: BambooHrClient, o: ReadOptions): Promise<ChangeSet> {
  const { ctx, state } = run;
  if (!run.runId) return unlessStopped(readChanges(bamboo, ctx.config.bamboohr, o), ctx.stop);
  const stream = await unlessStopped(openChanges(bamboo, ctx.config.bamboohr, o), ctx.stop);
  const stored = await storeStream(state!, stream, () => run.now(), ctx.stop);
  failpoint('after-persist');
  return stored;
}

export async function runSync(ctx: AppContext, opts: SyncOptions): Promise<SyncOutcome> {
  const t0 = Date.now();
  const flows = selectFlows(ctx, opts.flows);
  const run = new Run(ctx, 'sync', opts.dryRun);
  const { state, runId, asOf } = run;
  const now = () => new Date().toISOString();
  try {
    const { stored, cursor, inboxMark, refresh, dueTables } = readOptions(run, flows, opts.full);
    // A first run (no cursor yet) writes nearly everyone: the ERP session and the reference
    // data its check needs are fetched while BambooHR is read, and bad ERP credentials show
    // before a long read. Later runs connect only once something is to be sent, so a run with
    // nothing to write makes no ERP request.
    if (runId && cursor === undefined) {
      for (const flow of flows) {
        const target = ctx.config.targets[flow.target]!;
        run.session(target).then(async (s) => prefetchReferences(s, { flow, target, adapter: await loadAdapter(target.type) }), () => undefined);
      }
    }
    let bigRun = false;
    const lap = phaseTimer(ctx, () => bigRun);
    const known = (id: string) => state?.rows.employee(id)?.lastChanged;
    const bamboo = await ctx.bamboo();
    const changes = await readBamboo(run, bamboo, { cursor, full: opts.full, refresh, known, memory: state?.kv, dueTables }).catch((err: unknown) => {
      run.abandonPrefetch();
      throw err;
    });
    const readCount = changes.employees.length;
    bigRun = readCount >= 5000;
    lap('read BambooHR', { employees: readCount, since: changes.since });
    // A real run has stored the change set: the view reads the store (persisted).
    const view = new EmployeeView(state, changes, now(), Boolean(runId), ctx.config.bamboohr.tables);
    const seenOn = (r: DatedRow) => ctx.clock.dateOf(new Date(r.firstSeenAt ?? now()));
    const env = planEnv(run, view, bamboo, seenOn);
    const perFlow: FlowRun[] = [];
    for (const [i, flow] of flows.entries()) {
      const ids = candidates(state, view, flow.name, stored[i], asOf, opts.full);
      perFlow.push({ flow, scope: { employees: ids, references: 'all' }, cursor: laterCursor(stored[i]?.value, changes.latest) });
    }
    const allFlowNames = syncFlows(ctx).map((f) => f.name);
    const done = await executeFlows(run, env, perFlow, {
      lap,
      onProgress: opts.onProgress,
      // Inside the transaction of the flow's last outcome: dying here rolls both back together.
      commitCursor: (fr) => {
        failpoint('before-cursor-commit');
        if (fr.cursor) state!.cursors.set(fr.flow.name, fr.cursor, asOf, runId, now());
        state!.inbox.markDone(inboxMark, fr.flow.name, allFlowNames, runId!, now());
      },
      afterPlan: () => view.release(),
      online: opts.online ?? false,
    });
    lap('applied');
    const newest = perFlow.map((p) => p.cursor).filter((c): c is string => c !== null).sort().at(-1) ?? null;
    const summary = summaryOf(run, flows, done, readCount, newest, t0);
    run.finish(summary.status, summary);
    return { summary, items: done.items, notes: [...changes.notes, ...run.notes] };
  } catch (err) {
    run.fail(err);
    throw err;
  } finally {
    await run.close();
  }
}
