// The port capability the SYSPRO adapter needs: a flow's parsed `options:` reach the adapter's
// mapEmployee (what a termination does is a flow setting: custom form fields, an inactive work
// centre, or a delete), in the payload of today and in the payloads compared for future rows.
import { describe, expect, it } from 'vitest';
import type { Adapter, MapInput, TargetSettings } from '../../src/adapters/types.js';
import { planFor, type FlowPlanner } from '../../src/app/sync/plan.js';
import type { FlowSettings } from '../../src/config/types.js';
import type { DatedRow } from '../../src/domain/dated.js';
import { employeeStateAsOf } from '../../src/domain/employee.js';

const target: TargetSettings = { name: 't', type: 'fake', baseUrl: 'http://x', concurrency: 1, timeoutMs: 1000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1 } };

function planner(options: Record<string, unknown>, seen: MapInput[]): FlowPlanner {
  const flow: FlowSettings = { name: 'employees', target: 't', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options, references: {} };
  const adapter = {
    version: '1',
    spec: { naturalKey: (id: string) => `K${id}`, slots: {} },
    mapEmployee: (input: MapInput) => {
      seen.push(input);
      return { mode: input.options.termination ?? null, department: input.state.department };
    },
  } as unknown as Adapter<TargetSettings>;
  return { flow, target, adapter };
}

describe('flow options through the port', () => {
  it("hands the flow's options to mapEmployee, today and for the scheduled rows it compares", () => {
    const seen: MapInput[] = [];
    const rows: DatedRow[] = [
      { table: 'jobInfo', date: '2020-01-06', seq: 0, data: { department: 'Sales' } },
      { table: 'jobInfo', date: '2026-12-01', seq: 1, data: { department: 'Legal' } },
    ];
    const fields = { firstName: 'Ana', lastName: 'Ruiz', status: 'Active', hireDate: '2020-01-06' };
    const state = employeeStateAsOf({ id: '42', fields, rows }, '2026-11-23');
    const items = planFor(planner({ termination: 'delete' }, seen), { state, rows, link: undefined, linkedKey: () => null, seenOn: () => '2026-11-23', stateOn: (d) => employeeStateAsOf({ id: '42', fields, rows }, d) }, '2026-11-23');
    expect(items[0]).toMatchObject({ kind: 'create', status: 'planned', payload: { mode: 'delete', department: 'Sales' } });
    expect(items.some((i) => i.status === 'scheduled')).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((m) => m.options.termination === 'delete')).toBe(true);
  });
});
