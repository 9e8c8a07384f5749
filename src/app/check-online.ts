// `mlc config check --online`: the lookups against the live systems. Every ERP id a flow maps
// to must exist and be active in the target (NetSuite refuses inactive references like
// missing ones), and every BambooHR value in use should be covered by a lookup, or records
// carrying it will be parked.
import type { ErpSession } from '../adapters/types.js';
import { targetSpecs } from '../adapters/registry.js';
import type { AppContext } from './context.js';
import { connectTarget } from './sync/connect.js';

export interface Finding {
  severity: 'error' | 'warning';
  where: string;
  message: string;
}

// BambooHR list aliases behind the source fields flows can look up (reference §3.4).
const LIST_ALIAS: Record<string, string> = { employmentStatus: 'employmentHistoryStatus' };

export async function checkOnline(ctx: AppContext): Promise<Finding[]> {
  const out: Finding[] = [];
  const bamboo = await ctx.bamboo();
  const lists = await bamboo.metaLists();
  const options = (field: string) => lists.find((l) => l.alias === (LIST_ALIAS[field] ?? field))?.options.filter((o) => o.archived !== 'yes').map((o) => o.name);
  const sessions = new Map<string, ErpSession>();
  try {
    for (const flow of ctx.config.flows) {
      const target = ctx.config.targets[flow.target]!;
      const spec = targetSpecs[target.type]!;
      if (!sessions.has(target.name)) sessions.set(target.name, await connectTarget(ctx, target));
      const session = sessions.get(target.name)!;
      for (const [slot, rule] of Object.entries(flow.references)) {
        const recordType = spec.slots[slot]?.recordType;
        if (!recordType) continue;
        const partial = spec.slots[slot]?.listing === 'partial';
        const records = (await session.references([recordType]))[recordType] ?? [];
        const byId = new Map(records.map((r) => [r.id, r]));
        const where = `flows.${flow.name}.references.${slot}`;
        const check = (id: string, what: string) => {
          const r = byId.get(id);
          if (!r && partial) out.push({ severity: 'warning', where, message: `${what} → ${recordType} ${id}, which ${target.name} does not list; it lists only part of its values (for D365: values already used or modified), so this one is unknown rather than invalid: the first write will tell` });
          else if (!r) out.push({ severity: 'error', where, message: `${what} → ${recordType} ${id}, which does not exist in ${target.name}` });
          else if (!r.active) out.push({ severity: 'error', where, message: `${what} → ${recordType} ${id} ("${r.name}"), which is inactive in ${target.name}` });
        };
        if (rule.kind === 'value') {
          check(rule.value, 'value');
          continue;
        }
        for (const [from, id] of rule.table.map) check(id, `"${from}"`);
        if (rule.default !== undefined) check(rule.default, 'default');
        const used = options(rule.from);
        if (used === undefined) {
          out.push({ severity: 'warning', where, message: `BambooHR has no list for ${rule.from}; its values cannot be checked` });
          continue;
        }
        const missing = used.filter((v) => !rule.table.map.has(v));
        if (missing.length > 0 && !(flow.unmapped === 'default' && rule.default !== undefined)) {
          out.push({ severity: 'warning', where, message: `BambooHR ${rule.from} values with no lookup (their records will be ${flow.unmapped === 'fail' ? 'refused' : 'parked'}): ${missing.map((m) => `"${m}"`).join(', ')}` });
        }
      }
    }
    // What only the target itself can say (its entity sets, resource paths, licences).
    for (const [name, session] of sessions) {
      const flows = ctx.config.flows.filter((f) => f.target === name);
      for (const f of (await session.selfCheck?.(flows)) ?? []) out.push({ severity: f.severity, where: f.where, message: f.message });
    }
  } finally {
    for (const s of sessions.values()) await s.close();
  }
  return out;
}
