// What the engine gives the D365 adapter through the port: the flow's options reach
// mapEmployee (the legal entity is per flow), and the reference check leaves a value the ERP
// does not list to the ERP's own validation when the slot's listing is partial (D365
// FinancialDimensionValues lists only values already used or modified, erps.md §8 A.2), while
// inactive values and missing vendor groups still park.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d365Adapter } from '../../src/adapters/d365/index.js';
import type { Adapter, TargetSettings } from '../../src/adapters/types.js';
import { planFor, type FlowPlanner } from '../../src/app/sync/plan.js';
import { parkBadReferences } from '../../src/app/sync/references.js';
import type { FlowSettings } from '../../src/config/types.js';
import { employeeStateAsOf } from '../../src/domain/employee.js';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { connect, d365Settings } from '../sim-d365/adapter-helpers.js';
import { openSim } from '../sim-d365/helpers.js';

let sim: D365Sim;
beforeAll(async () => ({ sim } = await openSim()));
afterAll(() => sim.close());

const table = (entries: Array<[string, string]>) => ({ source: 'inline', map: new Map(entries) });

function flow(group: string): FlowSettings {
  return {
    name: 'employees', target: 'd365', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options: { dataAreaId: 'usmf' },
    references: {
      vendorGroup: { kind: 'value', value: group },
      Department: { kind: 'lookup', from: 'department', table: table([['Engineering', '010'], ['Facilities', '090'], ['Sales', '020']]) },
    },
  };
}

function planned(fp: FlowPlanner, id: string, department: string) {
  const state = employeeStateAsOf({ id, fields: { firstName: 'Ada', lastName: 'Lovelace', status: 'Active', hireDate: '2020-01-06', department }, rows: [] }, '2026-11-23');
  return planFor(fp, { state, rows: [], link: undefined, linkedKey: () => null, seenOn: () => '2026-11-23' }, '2026-11-23')[0]!;
}

describe('the port for D365', () => {
  it("passes the flow's options to mapEmployee: the vendor goes to the flow's legal entity", () => {
    const fp: FlowPlanner = { flow: flow('EMPL'), target: d365Settings(sim), adapter: d365Adapter as unknown as Adapter<TargetSettings> };
    const item = planned(fp, '7', 'Engineering');
    expect(item.payload).toMatchObject({ dataAreaId: 'usmf', VendorAccountNumber: 'EMP-7', VendorGroupId: 'EMPL', $dimensions: { Department: '010' } });
  });

  it('parks inactive values and missing vendor groups, and leaves unlisted dimension values to D365', async () => {
    const { session, s } = await connect(sim);
    const ok: FlowPlanner = { flow: flow('EMPL'), target: s, adapter: d365Adapter as unknown as Adapter<TargetSettings> };
    // 010 exists but no vendor uses it yet, so FinancialDimensionValues does not list it (A.2).
    expect((await session.references(['dimension Department']))['dimension Department']!.map((r) => r.id)).not.toContain('010');
    const [unlisted, suspended] = await parkBadReferences([planned(ok, '1', 'Engineering'), planned(ok, '2', 'Facilities')], session, ok);
    expect(unlisted).toMatchObject({ status: 'planned' });
    expect(suspended).toMatchObject({ status: 'parked', errorCode: 'erp_reference' });
    expect(suspended!.reason).toContain('Department: dimension Department 090 ("Facilities") is inactive in d365');
    const bad: FlowPlanner = { ...ok, flow: flow('NOPE') };
    const [noGroup] = await parkBadReferences([planned(bad, '3', 'Sales')], session, bad);
    expect(noGroup!.reason).toBe('vendorGroup: VendorGroups NOPE does not exist in d365 (flows.employees.references.vendorGroup)');
  });
});
