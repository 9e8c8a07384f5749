// Faults on single items, added for the adapter's suites: `reject` (a business rule refuses
// the first item of the next Setup document; the others are processed) and `lockRate` (each
// item may find its record locked); faultsInjected counts request faults and locked items;
// the handle adds cost and work centres (the sandbox's addDepartment).
import { describe, expect, it } from 'vitest';
import type { SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, control, employee, itemError, setupAnswer, shareSim } from './helpers.js';

let sim: SysproSim;
let id: string;
shareSim(
  (s, u) => {
    sim = s;
    id = u;
  },
  { each: true },
);

const codes = (): string[] => sim.employees().map((e) => e.Employee);

describe('item faults', () => {
  it('reject refuses the first item of the next Setup document inline, with its text or a default', async () => {
    sim.setFaults({ failNext: [{ kind: 'reject', businessObject: 'BOMSEC' }] });
    const answer = setupAnswer((await addEmployees(sim, id, [employee('R1'), employee('R2')])).text, 'setupbomemployee');
    expect(answer).toMatchObject({ read: 2, invalid: 1 });
    expect(itemError(answer.items[0]!)).toEqual({ field: 'employee', value: 'R1', number: 240099, description: "Employee 'R1' was refused by a business rule (simulated)" });
    expect(itemError(answer.items[1]!)).toBeUndefined();
    expect(codes()).toContain('R2');
    expect(codes()).not.toContain('R1');
    sim.setFaults({ failNext: [{ kind: 'reject', text: 'Employee is on hold' }] });
    const second = setupAnswer((await addEmployees(sim, id, [employee('R1')])).text, 'setupbomemployee');
    expect(itemError(second.items[0]!)?.description).toBe('Employee is on hold');
    // One call only: the next document goes through.
    expect(setupAnswer((await addEmployees(sim, id, [employee('R1')])).text, 'setupbomemployee').invalid).toBe(0);
    expect(sim.stats.faultsInjected).toBe(2);
  });

  it('lockRate locks items by seed, each refused alone; the control API takes it', async () => {
    const res = await control(sim, 'POST', '/_sim/faults', { seed: 5, lockRate: 0.5 });
    expect(res.status).toBe(200);
    const answer = setupAnswer((await addEmployees(sim, id, Array.from({ length: 20 }, (_, i) => employee(`L${i}`)))).text, 'setupbomemployee');
    const locked = answer.items.map(itemError).filter((e) => e !== undefined);
    expect(locked.length).toBeGreaterThan(2);
    expect(locked.length).toBeLessThan(18);
    expect(locked.every((e) => e.number === 240032 && /^Employee 'L\d+' is locked by another operator$/.test(e.description))).toBe(true);
    expect(sim.stats).toMatchObject({ itemsLocked: locked.length, faultsInjected: locked.length, writes: 20 - locked.length });
  });

  it('adds cost and work centres through the handle', async () => {
    sim.addCostCentre({ CostCentre: 'QR', Description: 'Quantum Research' });
    sim.addWorkCentre({ WorkCentre: 'QR1', Description: 'Quantum Research', CostCentre: 'QR' });
    expect(sim.workCentres().find((w) => w.WorkCentre === 'QR1')).toMatchObject({ CostCentre: 'QR' });
    const answer = setupAnswer((await addEmployees(sim, id, [employee('Q1', { WorkCentre: 'QR1' })])).text, 'setupbomemployee');
    expect(answer.invalid).toBe(0);
  });
});
