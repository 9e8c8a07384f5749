// `mlc replay <operation-id|run-id>`: once the cause is fixed (a lookup added, a department
// activated in the ERP), re-read the employee from BambooHR, plan again and apply, linking
// the new audit row to the old one. --as-recorded re-sends the payload that was recorded
// instead (fields redacted in the audit are taken from today's plan, and say so).
import { adapterFor } from '../adapters/registry.js';
import { MlcError } from '../domain/errors.js';
import { stableHash } from '../domain/hash.js';
import { redactedPaths } from '../domain/redact-payload.js';
import { readEmployees } from '../source/bamboohr/reader.js';
import type { AuditRow } from '../store/audit.js';
import { newRunId } from '../store/runs.js';
import type { AppContext } from './context.js';
import { applyItems } from './sync/apply.js';
import { persistChanges } from './sync/candidates.js';
import { connectTarget } from './sync/connect.js';
import { planFor, type PlanItem } from './sync/plan.js';
import { payloadRedactor, recordNotAttempted, recordPlanned, recordSettled } from './sync/record.js';
import { parkBadReferences } from './sync/references.js';
import { countItems, type RunSummary } from './sync/summary.js';
import { EmployeeView } from './sync/view.js';

export interface ReplayOutcome {
  summary: RunSummary;
  items: PlanItem[];
  notes: string[];
}

function targetsOf(ctx: AppContext, id: string): AuditRow[] {
  const s = ctx.openState();
  if (/^\d+$/.test(id)) {
    const row = s.audit.get(Number(id));
    if (!row) throw new MlcError('usage', `no audited operation ${id} (mlc audit list shows them)`);
    return [row];
  }
  if (!s.runs.get(id)) throw new MlcError('usage', `no operation or run "${id}" (mlc status lists recent runs)`);
  return s.audit.list({ runId: id, status: 'open', limit: 100_000 });
}

function withRecorded(item: PlanItem, row: AuditRow, version: string, notes: string[]): PlanItem {
  const recorded = JSON.parse(row.payloadJson ?? 'null') as Record<string, unknown> | null;
  if (!recorded) return item;
  const payload: Record<string, unknown> = { ...recorded };
  const redacted = redactedPaths(recorded).map((p) => p.split('.')[0]!);
  for (const k of redacted) payload[k] = item.payload?.[k] ?? null;
  if (redacted.length) notes.push(`operation ${row.id}: ${redacted.join(', ')} were redacted in the audit; today's values were sent`);
  return { ...item, kind: row.kind as PlanItem['kind'], payload, payloadHash: stableHash({ v: version, payload }), status: 'planned' };
}

export async function replay(ctx: AppContext, id: string, opts: { asRecorded: boolean }): Promise<ReplayOutcome> {
  const t0 = Date.now();
  const now = () => new Date().toISOString();
  const asOf = ctx.clock.today();
  const state = ctx.openState();
  const rows = targetsOf(ctx, id);
  const runId = newRunId(new Date());
  const lease = state.lock.acquire({ command: 'replay', staleAfterMs: ctx.config.state.lockStaleAfterMs });
  const notes: string[] = [];
  try {
    state.transaction(() => state.runs.start({ id: runId, command: `replay ${id}`, startedAt: now(), asOf, dryRun: false }));
    const ids = [...new Set(rows.map((r) => r.employeeId))];
    const changes = ids.length ? await readEmployees(await ctx.bamboo(), ctx.config.bamboohr, ids) : { mode: 'incremental' as const, since: null, latest: null, employees: [], notes: [] };
    persistChanges(state, changes, now());
    const view = new EmployeeView(state, changes, now(), true, ctx.config.bamboohr.tables);
    const redact = payloadRedactor(ctx.config.audit.redact);
    const final: PlanItem[] = [];
    for (const flowName of [...new Set(rows.map((r) => r.flow))]) {
      const flow = ctx.config.flows.find((f) => f.name === flowName);
      if (!flow) throw new MlcError('usage', `flow "${flowName}" of the recorded operation is no longer in the configuration`);
      const target = ctx.config.targets[flow.target]!;
      const planner = { flow, target, adapter: adapterFor(target.type) };
      const links = state.links.byEmployee(flow.name);
      const items: PlanItem[] = [];
      for (const row of rows.filter((r) => r.flow === flowName)) {
        const st = view.stateAsOf(row.employeeId, asOf);
        if (!st) continue;
        const supervisorKey = st.supervisorId ? (links.get(st.supervisorId)?.erpKey ?? null) : null;
        const planned = planFor(planner, { state: st, rows: view.rows(row.employeeId), link: links.get(row.employeeId), supervisorKey, seenOn: () => asOf }, asOf).find((i) => i.status !== 'scheduled');
        if (!planned) continue;
        const item = opts.asRecorded && row.payloadJson ? withRecorded(planned, row, planner.adapter.version, notes) : planned;
        items.push({ ...item, replayOf: row.id });
      }
      const needsErp = items.some((i) => i.status === 'planned');
      const session = needsErp ? await connectTarget(ctx, target) : undefined;
      const checked = session ? await parkBadReferences(items, session, planner) : items;
      const ops = state.transaction(() => {
        recordSettled(state, runId, checked, redact, now());
        return recordPlanned(state, runId, checked.filter((i) => i.status === 'planned'), redact, now());
      });
      final.push(...checked.filter((i) => i.status !== 'planned'));
      if (!session) continue;
      if (ops.length === 0) {
        await session.close();
        continue;
      }
      const tally = await applyItems(ops, { state, session, logger: ctx.logger, now, stop: ctx.stop });
      await session.close();
      final.push(...tally.applied, ...tally.parked.map((i) => ({ ...i, status: 'parked' as const })), ...tally.failed.map((i) => ({ ...i, status: 'failed' as const })));
      if (tally.fatal) {
        // Planned rows never sent say so (not left 'planned' for the next run to find).
        state.transaction(() => recordNotAttempted(state, tally.notAttempted, tally.fatal!.message, now()));
        throw tally.fatal;
      }
    }
    const summary: RunSummary = {
      runId, status: final.some((i) => i.status === 'parked' || i.status === 'failed') ? 'partial' : 'ok', dryRun: false, asOf, flows: [...new Set(rows.map((r) => r.flow))],
      counts: countItems(final, changes.employees.length), requests: ctx.counter.toJSON(), cursor: null, durationMs: Date.now() - t0,
    };
    state.runs.finish(runId, { finishedAt: now(), status: summary.status, summary });
    return { summary, items: final, notes: [...changes.notes, ...notes] };
  } catch (err) {
    state.runs.finish(runId, { finishedAt: now(), status: 'failed', errorCode: err instanceof MlcError ? err.code : 'internal', errorMessage: String((err as Error).message ?? err) });
    throw err;
  } finally {
    lease.release();
  }
}
