// Org-structure records a flow keeps in step (DESIGN §8 "reference"): the adapter plans them
// from BambooHR's lists (planReferences, pure), and here each is diffed against its link like
// any record: create, rename (an update), deactivate when BambooHR archives the option and
// the flow allows it, or nothing when the payload equals the last one written; a record the
// adapter cannot map is parked with its reason. What such a record provides to employee flows
// (the code of a provisioned value) is collected too.
import type { OpKind, ReferencePlan, SourceListValue } from '../../adapters/types.js';
import { stableHash } from '../../domain/hash.js';
import type { Link } from '../../store/links.js';
import type { FlowPlanner, PlanItem } from './plan.js';
import type { Provided } from './refs.js';

/** Whether a flow plans reference records: it provisions a lookup, or its target writes only those. */
export function plansReferences(fp: FlowPlanner): boolean {
  if (!fp.adapter.planReferences) return false;
  const families = fp.adapter.spec.families ?? ['employee'];
  return !families.includes('employee') || Object.values(fp.flow.references).some((r) => r.kind === 'lookup' && r.provision);
}

function kindOf(p: ReferencePlan, link: Link | undefined): OpKind | 'none' {
  if (p.deactivate) return link?.erpKey && link.erpState !== 'inactive' ? 'deactivate' : 'none';
  if (!link?.erpKey) return 'create';
  return link.erpState === 'inactive' ? 'reactivate' : 'update';
}

function itemOf(fp: FlowPlanner, p: ReferencePlan, links: ReadonlyMap<string, Link>): PlanItem {
  const link = links.get(p.sourceKey);
  const kind = kindOf(p, link);
  const payloadHash = stableHash({ v: fp.adapter.version, payload: p.payload, active: kind !== 'deactivate' });
  const linked = Object.fromEntries(p.needs.map((n) => [n.slot, links.get(n.on.sourceKey)?.erpKey ?? null]));
  // Unmapped is never guessed (DESIGN §3.6): parked with the adapter's reason, nothing sent.
  if (p.unmapped !== undefined) {
    return {
      flow: fp.flow.name, family: 'reference', type: p.type, employeeId: p.sourceKey, label: p.label, kind: kind === 'none' ? 'update' : kind,
      status: 'parked', reason: p.unmapped, errorCode: 'unmapped', key: p.key, erpKey: link?.erpKey ?? null, payload: null, payloadHash: null,
      sourceHash: stableHash({ unmapped: p.unmapped, payload: p.payload }), effectiveDate: null, retro: false, refs: {}, needs: [], linked: {}, waitsFor: [],
    };
  }
  return {
    flow: fp.flow.name, family: 'reference', type: p.type, employeeId: p.sourceKey, label: p.label, kind,
    status: kind === 'none' ? 'skipped' : link?.payloadHash === payloadHash ? 'unchanged' : 'planned',
    reason: kind === 'none' ? 'archived in BambooHR and not active in the ERP' : null, errorCode: null,
    key: p.key, erpKey: link?.erpKey ?? null, payload: p.payload, payloadHash, sourceHash: stableHash(p.payload),
    effectiveDate: null, retro: false, refs: {}, needs: p.needs, linked, waitsFor: [],
  };
}

export function planReferenceItems(fp: FlowPlanner, lists: Record<string, SourceListValue[]>, links: ReadonlyMap<string, Link>): { items: PlanItem[]; provided: Provided } {
  const plans = fp.adapter.planReferences!({ flow: fp.flow, lists, linked: (k) => links.get(k)?.erpKey ?? null }, fp.target);
  const provided = new Map<string, Map<string, { id: string; sourceKey: string; label: string }>>();
  for (const p of plans) {
    if (!p.provides) continue;
    const slot = provided.get(p.provides.slot) ?? provided.set(p.provides.slot, new Map()).get(p.provides.slot)!;
    slot.set(p.provides.value, { id: p.provides.id, sourceKey: p.sourceKey, label: p.label });
  }
  return { items: plans.map((p) => itemOf(fp, p, links)), provided };
}
