import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim, SimEmployee } from '../../src/sim/bamboohr/index.js';
import { call, control, plainEmployee, startSim } from './helpers.js';

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

type State = { now: string; today: string; counts: { employees: number; active: number; inactive: number; deleted: number }; employees: Array<{ id: number }> };

describe('control API', () => {
  it('reports state and moves the clock', async () => {
    const state = (await control(sim, 'GET', '/_sim/state')).json<State>();
    expect(state.today).toBe('2026-03-15');
    expect(state.counts.employees).toBe(60);
    expect(state.counts.active + state.counts.inactive).toBe(60);
    const moved = (await control(sim, 'POST', '/_sim/clock', { advanceMs: 86_400_000 })).json<{ today: string }>();
    expect(moved.today).toBe('2026-03-16');
    const set = (await control(sim, 'POST', '/_sim/clock', { set: '2026-03-15T17:30:00Z' })).json<{ today: string }>();
    expect(set.today).toBe('2026-03-15');
  });

  it('hires, updates, adds and removes rows, terminates, rehires and deletes', async () => {
    const hired = await control(sim, 'POST', '/_sim/employees', {
      firstName: 'Grace', lastName: 'Hopper', department: 'IT', location: 'Denver, Colorado', jobTitle: 'Systems Administrator',
      compensation: { rate: { value: '120000', currency: 'USD' }, type: 'Salary', paidPer: 'Year' },
    });
    expect(hired.status).toBe(201);
    const { id } = hired.json<{ id: number }>();
    expect((await control(sim, 'PATCH', `/_sim/employees/${id}`, { workEmail: 'grace@acme.example.com' })).status).toBe(200);
    const job = (await control(sim, 'POST', `/_sim/employees/${id}/jobInfo`, { date: '2026-05-01', department: 'Engineering' })).json<{ rowId: number }>();
    expect((await control(sim, 'POST', `/_sim/employees/${id}/compensation`, { startDate: '2026-03-15', rate: { value: 125000, currency: 'USD' }, type: 'Salary', paidPer: 'Year' })).status).toBe(201);
    expect((await control(sim, 'DELETE', `/_sim/employees/${id}/rows/jobInfo/${job.rowId}`)).status).toBe(200);
    const record = (await control(sim, 'GET', `/_sim/employees/${id}`)).json<SimEmployee & { current: { status: string } }>();
    expect(record.workEmail).toBe('grace@acme.example.com');
    expect(record.jobInfo).toHaveLength(1);
    expect(record.compensation.map((c) => c.rate.value)).toEqual(['120000.00', '125000.00']);
    expect(record.current.status).toBe('Active');

    const other = plainEmployee(sim, [id]);
    expect((await control(sim, 'POST', `/_sim/employees/${other}/terminate`, { date: '2026-03-01' })).status).toBe(201);
    expect((await call(sim, `/api/v1/employees/${other}?fields=status`)).json<{ status: string }>().status).toBe('Inactive');
    expect((await control(sim, 'POST', `/_sim/employees/${other}/rehire`, { date: '2026-03-10' })).status).toBe(201);
    expect((await call(sim, `/api/v1/employees/${other}?fields=status`)).json<{ status: string }>().status).toBe('Active');
    expect((await control(sim, 'DELETE', `/_sim/employees/${id}`)).status).toBe(200);
    expect((await call(sim, `/api/v1/employees/${id}?fields=firstName`)).status).toBe(404);
  });

  it('answers 400 with a clear message for bad input and 404 for unknown employees', async () => {
    const bad = await control(sim, 'POST', '/_sim/employees', { firstName: 'X', lastName: 'Y', hireDate: 'tomorrow', shoeSize: 9 });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: string }>().error).toMatch(/hireDate/);
    expect(bad.json<{ error: string }>().error).toMatch(/shoeSize/);
    expect((await control(sim, 'POST', '/_sim/clock', { set: 'never' })).status).toBe(400);
    expect((await control(sim, 'PATCH', '/_sim/employees/999999', { firstName: 'Z' })).status).toBe(404);
    expect((await control(sim, 'POST', '/_sim/faults', { rate: 2 })).status).toBe(400);
  });

  it('sets faults and latency, and exposes requests, deliveries and OAuth switches', async () => {
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ status: 503 }] })).status).toBe(200);
    expect((await call(sim, '/api/v1/meta/fields')).status).toBe(503);
    expect((await control(sim, 'POST', '/_sim/faults', null)).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/latency', { ms: 0 })).status).toBe(200);
    const { requests } = (await control(sim, 'GET', '/_sim/requests')).json<{ requests: Array<{ path: string; status: number; headers: Record<string, string> }> }>();
    expect(requests.at(-1)).toMatchObject({ path: '/api/v1/meta/fields', status: 503, headers: { authorization: 'Basic …' } });
    expect(requests.some((r) => r.path.startsWith('/_sim'))).toBe(false);
    expect((await control(sim, 'GET', '/_sim/webhooks/deliveries')).json()).toEqual({ deliveries: [] });
    expect((await control(sim, 'POST', '/_sim/oauth/expire')).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/oauth/revoke')).status).toBe(200);
  });
});
