// What ERP value a BambooHR value becomes through one of a flow's lookups, the way the sync
// resolves it (src/app/sync/refs.ts): the lookup's row, else a value mlc provisions itself,
// else the flow's default when it says `unmapped: default`, else nothing (the record parks).
import type { FlowSettings, ReferenceRule } from '../../config/types.js';
import type { ErpHow } from './model.js';

export type LookupRule = Extract<ReferenceRule, { kind: 'lookup' }>;

export function lookupsOf(flow: FlowSettings): Array<{ slot: string; rule: LookupRule }> {
  return Object.entries(flow.references)
    .filter((e): e is [string, LookupRule] => e[1].kind === 'lookup')
    .map(([slot, rule]) => ({ slot, rule }));
}

export function erpValueOf(flow: FlowSettings, rule: LookupRule, value: string | null): { value: string | null; how: ErpHow } {
  const hit = value === null ? undefined : rule.table.map.get(value);
  if (hit !== undefined) return { value: hit, how: 'mapped' };
  if (value !== null && rule.provision) return { value: null, how: 'provisioned' };
  if (flow.unmapped === 'default' && rule.default !== undefined) return { value: rule.default, how: 'default' };
  return { value: null, how: 'unmapped' };
}

/** Where a lookup's rows come from, for people: a file name, "inline" or "provisioned". */
export function sourceName(rule: LookupRule, flow: string, slot: string): string {
  const s = rule.table.source;
  if (s === 'inline') return `flows.${flow}.references.${slot}.lookup`;
  return s;
}
