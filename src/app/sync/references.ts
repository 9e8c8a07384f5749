// Before writing, the ERP ids a flow's lookups produced are checked against the target's
// reference data (read once per run, then cached by the session: NetSuite SuiteQL with
// Prefer: transient). A record pointing at a missing or inactive department is parked with
// a clear reason instead of being sent to fail at the ERP.
import type { ErpSession } from '../../adapters/types.js';
import type { FlowPlanner, PlanItem } from './plan.js';

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
  if (slots.length === 0 || items.length === 0) return items;
  const data = await session.references(types);
  const index = new Map(types.map((t) => [t, new Map((data[t] ?? []).map((r) => [r.id, r]))]));
  return items.map((item) => {
    const problems: string[] = [];
    for (const slot of slots) {
      const ref = item.payload?.[slot] as { id?: string } | undefined;
      if (!ref?.id) continue;
      const type = adapter.spec.slots[slot]!.recordType;
      const rec = index.get(type)?.get(ref.id);
      if (!rec) problems.push(`${slot}: ${type} ${ref.id} does not exist in ${target.name} (flows.${flow.name}.references.${slot})`);
      else if (!rec.active) problems.push(`${slot}: ${type} ${ref.id} ("${rec.name}") is inactive in ${target.name} (flows.${flow.name}.references.${slot})`);
    }
    return problems.length ? { ...item, status: 'parked' as const, errorCode: 'erp_reference', reason: problems.join('; ') } : item;
  });
}
