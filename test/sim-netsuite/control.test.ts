// The /_sim control API used when the simulator runs in another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetSuiteEmployee, NetSuiteSim } from '../../src/sim/netsuite/index.js';
import { api, assertion, control, EMPLOYEE, errorOf, getToken, makeKey, makeKeys, person, startSim, tokenCall, type Keys } from './helpers.js';

let keys: Keys;
let sim: NetSuiteSim;
let token: string;

beforeAll(async () => {
  keys = await makeKeys();
  sim = await startSim(keys);
  token = await getToken(sim, keys.ps);
});
afterAll(() => sim.close());

describe('control API', () => {
  it('reports state and stats', async () => {
    const res = await control(sim, 'GET', '/_sim/state');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      accountId: '1234567_SB1',
      counts: { employees: 0, department: 13, classification: 3, location: 9, subsidiary: 6 },
      stats: { tokensIssued: 1, writes: 0 },
      concurrencyLimit: 5,
    });
  });

  it('lists employees and finds one by external id', async () => {
    await api(sim, 'PUT', `${EMPLOYEE}/eid:ctl-1`, { token, body: person() });
    const all = (await control(sim, 'GET', '/_sim/employees')).json<{ employees: NetSuiteEmployee[] }>();
    expect(all.employees.map((e) => e.externalId)).toContain('ctl-1');
    const one = await control(sim, 'GET', '/_sim/employees/eid/ctl-1');
    expect(one.json()).toMatchObject({ externalId: 'ctl-1', firstName: 'Ada', subsidiary: '2' });
    expect((await control(sim, 'GET', '/_sim/employees/eid/nobody')).status).toBe(404);
  });

  it('adds and deactivates reference records', async () => {
    const added = await control(sim, 'POST', '/_sim/references/department', { name: 'Support' });
    expect(added.status).toBe(201);
    const { id } = added.json<{ id: string }>();
    expect(id).toBe('200');
    expect((await api(sim, 'PUT', `${EMPLOYEE}/eid:ctl-2`, { token, body: person({ department: { id } }) })).status).toBe(204);
    expect((await control(sim, 'PATCH', `/_sim/references/department/${id}`, { isInactive: true })).status).toBe(200);
    const refused = await api(sim, 'PATCH', `${EMPLOYEE}/eid:ctl-2`, { token, body: { department: { id } } });
    expect(errorOf(refused)).toMatchObject({ code: 'INVALID_KEY_OR_REF', detail: `Invalid department reference key ${id}.` });
    expect((await control(sim, 'POST', '/_sim/references/account', { name: 'x' })).status).toBe(404);
    expect((await control(sim, 'PATCH', '/_sim/references/location/77', { isInactive: true })).status).toBe(404);
    expect((await control(sim, 'POST', '/_sim/references/location', { name: 'x', colour: 'red' })).status).toBe(400);
  });

  it('sets faults and latency, validates them', async () => {
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ status: 503 }] })).status).toBe(200);
    expect((await api(sim, 'GET', `${EMPLOYEE}/1`, { token })).status).toBe(503);
    expect((await control(sim, 'POST', '/_sim/faults', { rate: 2 })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/faults', null)).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/latency', { ms: -1 })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/latency', { ms: 0 })).status).toBe(200);
  });

  it('expires tokens', async () => {
    const t = await getToken(sim, keys.es);
    expect((await control(sim, 'POST', '/_sim/tokens/expire')).status).toBe(200);
    expect((await api(sim, 'GET', `${EMPLOYEE}/1`, { token: t })).status).toBe(401);
    token = await getToken(sim, keys.ps);
  });

  it('registers a client', async () => {
    const key = await makeKey('ES256');
    const bad = await control(sim, 'POST', '/_sim/clients', { clientId: 'c2', certificateId: 'k2', publicKeyPem: 'nope' });
    expect(bad.status).toBe(400);
    const res = await control(sim, 'POST', '/_sim/clients', { clientId: 'c2', certificateId: 'k2', publicKeyPem: key.publicKeyPem, algorithms: ['ES256'] });
    expect(res.status).toBe(201);
    const ok = await tokenCall(sim, await assertion(sim, key, { kid: 'k2', iss: 'c2' }));
    expect(ok.status).toBe(200);
  });

  it('returns the request log without /_sim calls', async () => {
    const log = (await control(sim, 'GET', '/_sim/requests')).json<{ requests: Array<{ path: string; status: number }> }>();
    expect(log.requests.length).toBeGreaterThan(0);
    expect(log.requests.every((r) => !r.path.startsWith('/_sim'))).toBe(true);
    expect((await control(sim, 'DELETE', '/_sim/requests')).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
    expect((await control(sim, 'GET', '/_sim/nothing')).status).toBe(404);
  });
});
