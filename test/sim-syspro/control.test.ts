// The default seed and the /_sim control API used when the simulator runs in another process.
import { describe, expect, it } from 'vitest';
import { defaultSysproSeed, type SysproEmployee, type SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, call, control, employee, item, itemError, setup, setupAnswer, shareSim, startSim } from './helpers.js';

let sim: SysproSim;
let id: string;

shareSim((s, u) => {
  sim = s;
  id = u;
});

const DEPARTMENTS = ['Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'Human Resources', 'Operations', 'Legal', 'IT', 'Research & Development'];

describe('default seed', () => {
  it('has a cost centre per BambooHR department, work centres under each, INACTIVE and a dangling ORPHAN', () => {
    const seed = defaultSysproSeed();
    const descriptions = seed.costCentres.map((c) => c.Description);
    for (const d of DEPARTMENTS) expect(descriptions).toContain(d);
    const costCentres = new Set(seed.costCentres.map((c) => c.CostCentre));
    for (const c of seed.costCentres.filter((x) => x.CostCentre !== 'INACT')) expect(seed.workCentres.some((w) => w.CostCentre === c.CostCentre)).toBe(true);
    expect(seed.workCentres.find((w) => w.WorkCentre === 'INACTIVE')?.CostCentre).toBe('INACT');
    const orphan = seed.workCentres.find((w) => w.WorkCentre === 'ORPHAN');
    expect(orphan && costCentres.has(orphan.CostCentre)).toBe(false);
    expect(seed.customForms[0]?.fields.map((f) => f.fieldName)).toEqual(expect.arrayContaining(['Status', 'TrmDat']));
  });

  it('can be replaced: an empty company has no centres and no employees', async () => {
    const empty = await startSim({ seed: { costCentres: [], workCentres: [], customForms: [] } });
    try {
      expect([empty.costCentres(), empty.workCentres(), empty.employees()]).toEqual([[], [], []]);
    } finally {
      await empty.close();
    }
  });
});

describe('control API', () => {
  it('reports state: stats, sessions, counts, settings', async () => {
    const res = await control(sim, 'GET', '/_sim/state');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      stats: { logons: 1, activeSessions: 1 },
      sessions: [{ number: 1, operator: 'MLC', companyId: 'EDU1', human: false }],
      counts: { employees: 1, costCentres: 13, workCentres: 17, customFormValues: 0 },
      latencyMs: 0,
      sessionIdleTimeoutMs: 1_800_000,
    });
    expect((await control(sim, 'GET', '/_sim/sessions')).json<{ sessions: unknown[] }>().sessions).toHaveLength(1);
  });

  it('adds cost and work centres the next documents can use', async () => {
    expect((await control(sim, 'POST', '/_sim/cost-centres', { CostCentre: 'NEW', Description: 'New dept' })).status).toBe(201);
    expect((await control(sim, 'POST', '/_sim/work-centres', { WorkCentre: 'NEW1', Description: 'New', CostCentre: 'NEW' })).status).toBe(201);
    expect(setupAnswer((await addEmployees(sim, id, [employee('N1', { WorkCentre: 'NEW1' })])).text, 'setupbomemployee').invalid).toBe(0);
    const wcs = (await control(sim, 'GET', '/_sim/work-centres')).json<{ workCentres: Array<{ WorkCentre: string }> }>().workCentres;
    expect(wcs.map((w) => w.WorkCentre)).toContain('NEW1');
    expect((await control(sim, 'GET', '/_sim/cost-centres')).json<{ costCentres: unknown[] }>().costCentres).toHaveLength(14);
  });

  it('reads employees and flags posted labour', async () => {
    const one = await control(sim, 'GET', '/_sim/employees/N1');
    expect(one.json<SysproEmployee>()).toMatchObject({ Employee: 'N1', WorkCentre: 'NEW1', labourPosted: false });
    expect((await control(sim, 'PATCH', '/_sim/employees/N1', { labourPosted: true })).status).toBe(200);
    const del = await setup(sim, id, { method: 'Delete', bo: 'BOMSEC', root: 'SetupBomEmployee', items: [item({ Employee: 'N1' })] });
    expect(itemError(setupAnswer(del.text, 'setupbomemployee').items[0] ?? {})?.number).toBe(240030);
    expect((await control(sim, 'GET', '/_sim/employees')).json<{ employees: unknown[] }>().employees).toHaveLength(2);
    expect((await control(sim, 'GET', '/_sim/employees/NOPE')).status).toBe(404);
    expect((await control(sim, 'PATCH', '/_sim/employees/NOPE', { labourPosted: true })).status).toBe(404);
    expect(() => sim.setLabourPosted('NOPE', true)).toThrow(RangeError);
  });

  it('lists custom form values', async () => {
    await setup(sim, id, { method: 'Add', bo: 'COMSFM', root: 'SetupCustomForm', items: [item({ FormType: 'BEM', KeyField: 'N1', FieldName: 'Status' }, { AlphaValue: 'Active' })] });
    expect((await control(sim, 'GET', '/_sim/custom-form-values')).json()).toEqual({
      customFormValues: [{ FormType: 'BEM', KeyField: 'N1', FieldName: 'Status', AlphaValue: 'Active', NumericValue: 0, DateValue: '' }],
    });
  });

  it('sets faults and latency through zod-checked bodies', async () => {
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ kind: '503' }] })).status).toBe(200);
    expect((await call(sim, '/GetVersion')).status).toBe(503);
    expect((await control(sim, 'POST', '/_sim/faults', null)).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/latency', { ms: 0 })).status).toBe(200);
    expect((await call(sim, '/GetVersion')).status).toBe(200);
  });

  it('names the offending key on a bad body, 404s unknown paths and 405s wrong methods', async () => {
    const bad = await control(sim, 'POST', '/_sim/faults', { rate: 2, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: string }>().error).toMatch(/rate|colour/);
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ kind: 'teapot' }] })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/latency', { ms: -1 })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/work-centres', { WorkCentre: 'X' })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/licences', 'not json')).status).toBe(400);
    expect((await control(sim, 'GET', '/_sim/nothing')).status).toBe(404);
    expect((await control(sim, 'DELETE', '/_sim/state')).status).toBe(405);
  });
});
