// Applying one flow's planned operations, wave by wave (see waves.ts): before a later wave,
// its items are planned again so their payloads carry the supervisors created just before.
import type { ErpSession } from '../../adapters/types.js';
import type { DatedRow } from '../../domain/dated.js';
import type { MlcError } from '../../domain/errors.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { applyItems } from './apply.js';
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
  onDone: () => void;
}

export async function applyFlow(d: FlowApplyDeps): Promise<{ items: PlanItem[]; fatal: MlcError | undefined }> {
  const { state, runId, planner, now } = d;
  const groups = waves(d.planned);
  const out: PlanItem[] = [];
  for (const [w, group] of groups.entries()) {
    const items = await parkBadReferences(w === 0 ? group : replan(d, group), d.session, planner);
    const settled = items.filter((it) => it.status !== 'planned');
    const planned = items.filter((it) => it.status === 'planned');
    const isLast = w === groups.length - 1;
    const ops = state.transaction(() => {
      recordSettled(state, runId, settled, d.redact, now());
      if (isLast && planned.length === 0) d.commitCursor();
      return recordPlanned(state, runId, planned, d.redact, now());
    });
    out.push(...settled);
    const tally = await applyItems(ops, { state, session: d.session, logger: d.ctx.logger, now, commitLast: isLast ? d.commitCursor : undefined, onDone: d.onDone });
    out.push(...tally.applied, ...tally.parked.map((i) => ({ ...i, status: 'parked' as const })), ...tally.failed.map((i) => ({ ...i, status: 'failed' as const })));
    if (tally.fatal) {
      const rest = [...tally.notAttempted, ...groups.slice(w + 1).flat().map((item) => ({ item, auditId: -1 }))];
      state.transaction(() => recordNotAttempted(state, tally.notAttempted, tally.fatal!.message, now()));
      out.push(...rest.map((r) => ({ ...r.item, status: 'failed' as const })));
      return { items: out, fatal: tally.fatal };
    }
  }
  return { items: out, fatal: undefined };
}

/** Plan the employees of a later wave again: their supervisors now have ERP keys. */
function replan(d: FlowApplyDeps, group: PlanItem[]): PlanItem[] {
  const links = d.state.links.byEmployee(d.planner.flow.name);
  return group.map((old) => {
    const st = d.view.stateAsOf(old.employeeId, d.asOf)!;
    const supervisorKey = st.supervisorId ? (links.get(st.supervisorId)?.erpKey ?? null) : null;
    const fresh = planFor(d.planner, { state: st, rows: d.view.rows(old.employeeId), link: links.get(old.employeeId), supervisorKey, seenOn: d.seenOn }, d.asOf);
    return fresh.find((it) => it.status !== 'scheduled') ?? old;
  });
}
