// How a flow's reference slots resolve for one employee (pure). A lookup hit gives the ERP id;
// a provisioned slot (a value mlc itself keeps in step in the ERP, DESIGN §8 "reference")
// gives the id mlc chose for it, plus a required need on that reference record, so the
// employee is written only once the value exists. Unmapped values are listed, never guessed
// (DESIGN §3.6).
import type { Need } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import type { EmployeeState } from '../../domain/employee.js';
import { sourceValue } from '../../domain/source-fields.js';

/** slot → BambooHR value → the provisioned record for it. */
export type Provided = ReadonlyMap<string, ReadonlyMap<string, { id: string; sourceKey: string; label: string }>>;

/** The need slot of a provisioned reference slot (kept apart from the supervisor's). */
export const provisionSlot = (slot: string): string => `ref:${slot}`;

export function resolveRefs(flow: FlowSettings, s: EmployeeState, provided?: Provided): { refs: Record<string, string>; unmapped: string[]; provisioned: Need[] } {
  const refs: Record<string, string> = {};
  const unmapped: string[] = [];
  const provisioned: Need[] = [];
  for (const [slot, rule] of Object.entries(flow.references)) {
    if (rule.kind === 'value') {
      refs[slot] = rule.value;
      continue;
    }
    const v = sourceValue(s, rule.from);
    const hit = v === null ? undefined : rule.table.map.get(v);
    const made = v === null || !rule.provision ? undefined : provided?.get(slot)?.get(v);
    if (hit !== undefined) refs[slot] = hit;
    else if (made) {
      refs[slot] = made.id;
      provisioned.push({ slot: provisionSlot(slot), on: { family: 'reference', sourceKey: made.sourceKey }, required: true, label: made.label });
    } else if (flow.unmapped === 'default' && rule.default !== undefined) refs[slot] = rule.default;
    else unmapped.push(`${slot}: no lookup for ${rule.from} ${v === null ? '(empty)' : `"${v}"`} in ${rule.table.source === 'inline' ? `flows.${flow.name}.references.${slot}` : rule.table.source}`);
  }
  return { refs, unmapped, provisioned };
}
