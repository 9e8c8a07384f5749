// Reference records (DESIGN §8 "reference") as the engine plans them from an adapter's
// ReferencePlan: create, unchanged, deactivate, and a record the adapter cannot map parked
// with its reason (errorCode unmapped, so a strict flow refuses the run).
import { describe, expect, it } from 'vitest';
import type { Adapter, ReferencePlan, TargetSettings } from '../../src/adapters/types.js';
import type { FlowPlanner } from '../../src/app/sync/plan.js';
import { planReferenceItems } from '../../src/app/sync/plan-references.js';
import type { FlowSettings } from '../../src/config/types.js';
import type { Link } from '../../src/store/links.js';

const target: TargetSettings = { name: 'erp', type: 'fake', baseUrl: 'https://x', concurrency: 1, timeoutMs: 1000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1 } };
const flow: FlowSettings = { name: 'org', target: 'erp', filter: {}, unmapped: 'park', references: {}, fields: {}, names: 'legal', options: {} };

function planner(plans: ReferencePlan[]): FlowPlanner {
  const adapter = { spec: { families: ['reference'] }, version: '1', planReferences: () => plans } as unknown as Adapter<TargetSettings>;
  return { flow, target, adapter };
}

const plan = (over: Partial<ReferencePlan>): ReferencePlan => ({ type: 'value', sourceKey: 'dept=A', key: 'A', label: 'A', deactivate: false, payload: { name: 'A' }, needs: [], ...over });
const link = (over: Partial<Link>): Link => ({ flow: 'org', employeeId: 'dept=A', erpKey: 'A', payloadHash: 'h', sourceHash: null, erpState: 'active', appliedAt: null, ...over });

describe('reference records in the plan', () => {
  it('creates an unlinked record, and costs nothing once its payload was written', () => {
    const [first] = planReferenceItems(planner([plan({})]), {}, new Map()).items;
    expect(first).toMatchObject({ family: 'reference', kind: 'create', status: 'planned', employeeId: 'dept=A' });
    const [again] = planReferenceItems(planner([plan({})]), {}, new Map([['dept=A', link({ payloadHash: first!.payloadHash })]])).items;
    expect(again).toMatchObject({ kind: 'update', status: 'unchanged' });
  });

  it('deactivates a linked record the adapter says is archived', () => {
    const [item] = planReferenceItems(planner([plan({ deactivate: true })]), {}, new Map([['dept=A', link({})]])).items;
    expect(item).toMatchObject({ kind: 'deactivate', status: 'planned' });
  });

  it('parks a record the adapter cannot map, with its reason, and sends nothing', () => {
    const reason = 'department: no lookup for department "Skunkworks" in departments.csv';
    const [item] = planReferenceItems(planner([plan({ sourceKey: 'dept=Skunkworks', unmapped: reason })]), {}, new Map()).items;
    expect(item).toMatchObject({ status: 'parked', errorCode: 'unmapped', reason, kind: 'create', payload: null, payloadHash: null });
    // The same refusal twice has the same source hash (one open audit row, its retries counted).
    const [again] = planReferenceItems(planner([plan({ sourceKey: 'dept=Skunkworks', unmapped: reason })]), {}, new Map()).items;
    expect(again!.sourceHash).toBe(item!.sourceHash);
  });
});
