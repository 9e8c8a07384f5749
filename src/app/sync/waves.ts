// Creates whose supervisor is created in the same run wait for the supervisor's ERP key: they
// go in later waves, so the first full sync writes each record once, supervisor included.
import type { PlanItem } from './plan.js';

export function waves(ops: readonly PlanItem[]): PlanItem[][] {
  const byId = new Map(ops.map((o) => [o.employeeId, o]));
  const depth = new Map<string, number>();
  const depthOf = (o: PlanItem, guard: Set<string>): number => {
    const known = depth.get(o.employeeId);
    if (known !== undefined) return known;
    const sup = o.waitsFor ? byId.get(o.waitsFor) : undefined;
    // A cycle in BambooHR's reporting lines (it happens with bad data) is cut, not followed.
    const d = sup && !guard.has(sup.employeeId) ? depthOf(sup, new Set([...guard, o.employeeId])) + 1 : 0;
    depth.set(o.employeeId, d);
    return d;
  };
  const out: PlanItem[][] = [];
  for (const o of ops) (out[depthOf(o, new Set([o.employeeId]))] ??= []).push(o);
  return out.filter((w) => w !== undefined);
}
