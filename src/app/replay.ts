// `mlc replay <operation-id|run-id>`: once the cause is fixed (a lookup added, a department
// activated in the ERP), re-read the records from BambooHR and run the engine's own pipeline
// over them (plan → check → record → apply: the same code as `mlc sync`, issue 8 §6), plus
// the records owed a link to them (a manager landing pays their reports' supervisor links).
// The new audit rows point at the ones they replay. --as-recorded re-sends the payload that
// was recorded instead (fields redacted in the audit are taken from today's plan, and say so).
import { MlcError } from '../domain/errors.js';
import { stableHash } from '../domain/hash.js';
import { redactedPaths } from '../domain/redact-payload.js';
import { readEmployees, type ChangeSet } from '../source/bamboohr/reader.js';
import type { AuditRow } from '../store/audit.js';
import type { State } from '../store/state.js';
import type { AppContext } from './context.js';
import { loadAdapter } from '../adapters/registry.js';
import { replayJournals } from './journal/replay.js';
import { owedDependents, persistChanges } from './sync/candidates.js';
import { phaseTimer, summaryOf } from './sync/engine.js';
import { executeFlows, planEnv, type FlowRun } from './sync/execute.js';
import type { PlanItem } from './sync/plan.js';
import { Run } from './sync/run.js';
import type { RunSummary } from './sync/summary.js';
import { EmployeeView } from './sync/view.js';

export interface ReplayOutcome {
  summary: RunSummary;
  items: PlanItem[];
  notes: string[];
}

function targetsOf(state: State, id: string): AuditRow[] {
  if (/^\d+$/.test(id)) {
    const row = state.audit.get(Number(id));
    if (!row) throw new MlcError('usage', `no audited operation ${id} (mlc audit list shows them)`);
    return [row];
  }
  if (!state.runs.get(id)) throw new MlcError('usage', `no operation or run "${id}" (mlc status lists recent runs)`);
  return state.audit.list({ runId: id, status: 'open', limit: 100_000 });
}

function withRecorded(item: PlanItem, row: AuditRow, version: string, notes: string[]): PlanItem {
  const recorded = JSON.parse(row.payloadJson ?? 'null') as Record<string, unknown> | null;
  if (!recorded) return item;
  const payload: Record<string, unknown> = { ...recorded };
  const redacted = redactedPaths(recorded).map((p) => p.split('.')[0]!);
  for (const k of redacted) payload[k] = item.payload?.[k] ?? null;
  if (redacted.length) notes.push(`operation ${row.id}: ${redacted.join(', ')} were redacted in the audit; today's values were sent`);
  return { ...item, kind: row.kind as PlanItem['kind'], payload, payloadHash: stableHash({ v: version, payload }), status: 'planned', waitsFor: [], remap: undefined };
}

/** The replayed rows' flows, each with its records and the rows they replay. */
async function flowRuns(ctx: AppContext, state: State, rows: readonly AuditRow[], asRecorded: boolean, notes: string[]): Promise<FlowRun[]> {
  const out: FlowRun[] = [];
  for (const name of new Set(rows.map((r) => r.flow))) {
    const flow = ctx.config.flows.find((f) => f.name === name);
    if (!flow) throw new MlcError('usage', `flow "${name}" of the recorded operation is no longer in the configuration`);
    const mine = rows.filter((r) => r.flow === name);
    const byKey = new Map(mine.map((r) => [`${r.family}\u0000${r.employeeId}`, r]));
    const ids = new Set(mine.filter((r) => r.family === 'employee').map((r) => r.employeeId));
    const version = (await loadAdapter(ctx.config.targets[flow.target]!.type)).version;
    out.push({
      flow, cursor: null,
      scope: { employees: [...ids, ...owedDependents(state, name, ids)], references: new Set(mine.filter((r) => r.family === 'reference').map((r) => r.employeeId)) },
      decorate: (items) => items.map((it) => {
        const row = it.status === 'scheduled' ? undefined : byKey.get(`${it.family}\u0000${it.employeeId}`);
        if (!row) return it;
        const item = asRecorded && row.payloadJson && it.status !== 'skipped' ? withRecorded(it, row, version, notes) : it;
        return { ...item, replayOf: row.id };
      }),
    });
  }
  return out;
}

export async function replay(ctx: AppContext, id: string, opts: { asRecorded: boolean }): Promise<ReplayOutcome> {
  const t0 = Date.now();
  const run = new Run(ctx, `replay ${id}`, false);
  const state = run.state!;
  const notes: string[] = [];
  try {
    const rows = targetsOf(state, id);
    // A journal row posts its flow's journal of that period (still only once: found first).
    if (rows.some((r) => r.family === 'journal')) return await replayJournals(run, rows, t0);
    const runs = await flowRuns(ctx, state, rows, opts.asRecorded, notes);
    const ids = [...new Set(runs.flatMap((r) => r.scope.employees))];
    const bamboo = await ctx.bamboo();
    const changes: ChangeSet = ids.length ? await readEmployees(bamboo, ctx.config.bamboohr, ids, { memory: state.kv }) : { mode: 'incremental', since: null, latest: null, employees: [], notes: [] };
    persistChanges(state, changes, run.now());
    const view = new EmployeeView(state, changes, run.now(), true, ctx.config.bamboohr.tables);
    const env = planEnv(run, view, bamboo, (r) => ctx.clock.dateOf(new Date(r.firstSeenAt ?? run.now())));
    const done = await executeFlows(run, env, runs, { lap: phaseTimer(ctx, () => false) });
    const summary = summaryOf(run, runs.map((r) => r.flow), done, changes.employees.length, null, t0);
    run.finish(summary.status, summary);
    return { summary, items: done.items, notes: [...changes.notes, ...notes, ...run.notes] };
  } catch (err) {
    run.fail(err);
    throw err;
  } finally {
    await run.close();
  }
}
