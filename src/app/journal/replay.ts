// `mlc replay <id>` of a journal row (held, failed, or an interrupted post): the journal of
// that flow and period again, from BambooHR's data of today, through the same steps as
// `mlc journal` (look for it in the ERP first, check, create): still posted only once.
import type { AuditRow } from '../../store/audit.js';
import { countItems } from '../sync/summary.js';
import { MlcError } from '../../domain/errors.js';
import type { ReplayOutcome } from '../replay.js';
import { summaryOf } from '../sync/engine.js';
import type { PlanItem } from '../sync/plan.js';
import type { Run } from '../sync/run.js';
import { parsePeriod } from './period.js';
import { journalIn, type JournalOutcome } from './run.js';
import { isJournalFlow } from './settings.js';

const STATUS: Record<JournalOutcome['status'], PlanItem['status']> = {
  created: 'planned', replaced: 'planned', planned: 'planned', exists: 'unchanged', posted: 'unchanged', held: 'parked', refused: 'parked', failed: 'failed',
};

function itemOf(out: JournalOutcome, row: AuditRow): PlanItem {
  const doc = out.plan.doc;
  return {
    flow: out.flow, family: 'journal', type: 'journal', employeeId: out.period, label: doc.reference, kind: 'create', status: STATUS[out.status], reason: out.message,
    errorCode: null, key: doc.reference, erpKey: out.journal?.erpKey ?? null, payload: null, payloadHash: null, sourceHash: '', effectiveDate: doc.date, retro: false,
    refs: {}, needs: [], linked: {}, waitsFor: [], replayOf: row.id,
  };
}

export async function replayJournals(run: Run, rows: readonly AuditRow[], t0: number): Promise<ReplayOutcome> {
  const items: PlanItem[] = [];
  const flows = [];
  const seen = new Set<string>();
  for (const row of rows.filter((r) => r.family === 'journal')) {
    if (seen.has(`${row.flow}\u0000${row.employeeId}`)) continue;
    seen.add(`${row.flow}\u0000${row.employeeId}`);
    const flow = run.ctx.config.flows.find((f) => f.name === row.flow);
    if (!flow || !isJournalFlow(flow)) throw new MlcError('usage', `journal flow "${row.flow}" of operation ${row.id} is no longer in the configuration`);
    flows.push(flow);
    const out = await journalIn(run, flow, parsePeriod(row.employeeId, run.asOf), { period: row.employeeId, dryRun: false, replace: false, replayOf: row.id });
    items.push(itemOf(out, row));
  }
  const summary = summaryOf(run, flows, { items, counts: countItems(items, 0) }, 0, null, t0);
  run.finish(summary.status, summary);
  return { summary, items, notes: run.notes };
}
