// Latency, injected faults (failNext and a seeded rate, and on single items: `reject`, a
// business rule refusing the next document's first item, and `lockRate`, records locked) and
// the request log with its secrets blanked (DESIGN §6); the handle adds cost and work centres.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES, type SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, call, comfnd, control, employee, itemError, logon, PASSWORD, setupAnswer, shareSim } from './helpers.js';

let sim: SysproSim;
let id: string;

shareSim(
  (s, u) => {
    sim = s;
    id = u;
  },
  { each: true },
);

const VERSION = '/SYSPROWCFService/Rest/GetVersion';
const status = async (path: string): Promise<number | string> => {
  try {
    return (await call(sim, path)).status;
  } catch {
    return 'reset';
  }
};

describe('failNext', () => {
  it('resets, answers 500 (WCF) or 503 (http.sys), or sends an ERROR text, in order and by path', async () => {
    sim.setFaults({ failNext: [{ kind: 'reset', pathPrefix: VERSION }, { kind: '500', pathPrefix: VERSION.toLowerCase() }, { kind: '503' }, { kind: 'text', text: 'ERROR: Record locked' }] });
    expect(await status('/GetVersion')).toBe('reset');
    const wcf = await call(sim, '/GetVersion');
    expect(wcf.status).toBe(500);
    expect(wcf.text).toContain('The server encountered an error processing the request.');
    const down = await call(sim, '/GetVersion');
    expect(down.status).toBe(503);
    expect(down.text).toContain('HTTP Error 503. The service is unavailable.');
    expect((await call(sim, '/GetVersion')).text).toBe('ERROR: Record locked');
    expect((await call(sim, '/GetVersion')).text).toBe('7.0.0.6');
    expect(sim.requests.slice(-5).map((r) => r.status)).toEqual([0, 500, 503, 200, 200]);
  });

  it('matches a business object and counts `times`', async () => {
    sim.setFaults({ failNext: [{ kind: '503', businessObject: 'bomsec', times: 2 }] });
    expect((await comfnd(sim, id, '<TableName>BomCostCentre</TableName>')).status).toBe(200);
    expect((await addEmployees(sim, id, [employee('T1')])).status).toBe(503);
    expect((await addEmployees(sim, id, [employee('T1')])).status).toBe(503);
    expect((await addEmployees(sim, id, [employee('T1')])).status).toBe(200);
    expect(sim.employees().some((e) => e.Employee === 'T1')).toBe(true);
  });

  it('afterWrite applies the document, then fails: the client cannot know the write happened', async () => {
    sim.setFaults({ failNext: [{ kind: 'reset', pathPrefix: '/SYSPROWCFService/Rest/Setup/Add', afterWrite: true }] });
    await expect(addEmployees(sim, id, [employee('AW1')])).rejects.toThrow();
    expect(sim.employees().some((e) => e.Employee === 'AW1')).toBe(true);
    expect(sim.stats.writes).toBe(1);
  });

  it('evict: a person logs on with the operator mid-run; the call (or, afterWrite, the next) finds the session dead', async () => {
    sim.setFaults({ failNext: [{ kind: 'evict', businessObject: 'BOMSEC' }] });
    expect((await addEmployees(sim, id, [employee('EV1')])).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect(sim.sessions()).toMatchObject([{ human: true }]);
    const next = await logon(sim);
    sim.setFaults({ failNext: [{ kind: 'evict', businessObject: 'BOMSEC', afterWrite: true }] });
    expect((await addEmployees(sim, next, [employee('EV1')])).text).toContain('<RecordsInvalid>0</RecordsInvalid>');
    expect((await addEmployees(sim, next, [employee('EV2')])).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect(sim.stats).toMatchObject({ evictions: 3, humanLogons: 2 });
    const third = await logon(sim);
    sim.setFaults({ rate: 1, kinds: ['evict'] });
    expect((await comfnd(sim, third, '<TableName>BomCostCentre</TableName>')).text).toBe(DEFAULT_MESSAGES.invalidSession);
  });
});

describe('seeded rate', () => {
  it('gives the same fault sequence for the same seed', async () => {
    const run = async (): Promise<Array<number | string>> => {
      sim.setFaults({ seed: 42, rate: 0.5, kinds: ['503', 'reset', '500'] });
      const out: Array<number | string> = [];
      for (let i = 0; i < 12; i++) out.push(await status('/GetVersion'));
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(2);
    sim.setFaults(undefined);
    expect(await status('/GetVersion')).toBe(200);
  });

  it('slow holds the answer for slowMs; latency delays every e.net call', async () => {
    sim.setFaults({ rate: 1, kinds: ['slow'], slowMs: 150 });
    let started = Date.now();
    expect(await status('/GetVersion')).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.setFaults(undefined);
    sim.setLatency(120);
    started = Date.now();
    expect(await status('/GetVersion')).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(() => sim.setLatency(-1)).toThrow(RangeError);
  });
});

describe('request log', () => {
  it('blanks passwords and replaces session ids by their number, in queries and bodies', async () => {
    const second = await logon(sim);
    await comfnd(sim, second, '<TableName>BomCostCentre</TableName>');
    const log = JSON.stringify(sim.requests);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(id.trim());
    expect(log).not.toContain(second.trim());
    const logons = sim.requests.filter((r) => r.path.endsWith('/Logon'));
    expect(logons.map((r) => [r.query['OperatorPassword'], r.query['CompanyPassword'], r.responseBody])).toEqual([
      ['…', '…', '…#1'],
      ['…', '…', '…#2'],
    ]);
    expect(sim.requests.at(-1)?.query['UserId']).toBe('…#2');
  });

  it('does not record control calls, and lists or clears the log through the control API', async () => {
    await control(sim, 'GET', '/_sim/state');
    expect(sim.requests.some((r) => r.path.startsWith('/_sim'))).toBe(false);
    expect((await control(sim, 'GET', '/_sim/requests')).json<{ requests: unknown[] }>().requests).toHaveLength(1);
    expect((await control(sim, 'DELETE', '/_sim/requests')).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
  });

  it('shows whether calls on one session overlap (calls without a session do not count)', async () => {
    sim.setLatency(100);
    await Promise.all([call(sim, '/GetVersion'), call(sim, '/GetVersion')]);
    await comfnd(sim, id, '<TableName>BomCostCentre</TableName>');
    expect(sim.stats.maxInFlightPerSession).toBe(1);
    await Promise.all([comfnd(sim, id, '<TableName>BomCostCentre</TableName>'), comfnd(sim, id, '<TableName>BomWorkCentre</TableName>')]);
    expect(sim.stats.maxInFlightPerSession).toBe(2);
  });
});

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
