// Before writing, the ERP ids a flow's lookups produced are checked against the target's
// reference data (read once per run, then cached by the session). A record pointing at a
// missing or inactive department is parked with a clear reason instead of being sent to
// fail at the ERP. The check reads the resolved references the plan carries (never an
// adapter's payload shape), in every adapter, and in dry runs too: a dry run shows what a
// real run would park (issue 8 §6). Values mlc provisions itself are not checked here: the
// record waits for them instead. Where the ERP lists only part of its values (a slot's
// `listing: 'partial'`), an id it does not list is left to the ERP's own validation.
import type { ErpSession } from '../../adapters/types.js';
import type { FlowPlanner, PlanItem } from './plan.js';
import { provisionSlot } from './refs.js';

function checkedSlots({ flow, adapter }: FlowPlanner): { slots: string[]; types: string[] } {
  const slots = Object.keys(flow.references).filter((s) => adapter.spec.slots[s]);
  return { slots, types: [...new Set(slots.map((s) => adapter.spec.slots[s]!.recordType))] };
}

/** Starts reading the reference data a flow's check needs (the session caches it for the run). */
export function prefetchReferences(session: ErpSession, planner: FlowPlanner): void {
  const { types } = checkedSlots(planner);
  if (types.length > 0) session.references(types).catch(() => undefined); // the check itself reports a failure
}

export async function parkBadReferences(items: PlanItem[], session: ErpSession, planner: FlowPlanner): Promise<PlanItem[]> {
  const { flow, target, adapter } = planner;
  const { slots, types } = checkedSlots(planner);
  const checked = (i: PlanItem) => i.family === 'employee' && i.status === 'planned';
  if (slots.length === 0 || !items.some(checked)) return items;
  const data = await session.references(types);
  const index = new Map(types.map((t) => [t, new Map((data[t] ?? []).map((r) => [r.id, r]))]));
  return items.map((item) => {
    if (!checked(item)) return item;
    const problems: string[] = [];
    for (const slot of slots) {
      const id = item.refs[slot];
      if (id === undefined || item.needs.some((n) => n.slot === provisionSlot(slot))) continue;
      const { recordType: type, listing } = adapter.spec.slots[slot]!;
      const rec = index.get(type)?.get(id);
      if (!rec && listing === 'partial') continue; // unknown is not invalid: the ERP's own validation decides
      if (!rec) problems.push(`${slot}: ${type} ${id} does not exist in ${target.name} (flows.${flow.name}.references.${slot})`);
      else if (!rec.active) problems.push(`${slot}: ${type} ${id} ("${rec.name}") is inactive in ${target.name} (flows.${flow.name}.references.${slot})`);
    }
    return problems.length ? { ...item, status: 'parked' as const, errorCode: 'erp_reference', reason: problems.join('; ') } : item;
  });
}
