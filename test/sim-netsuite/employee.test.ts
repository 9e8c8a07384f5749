// Employee record API: upsert by external id (section_156335203191), create/update
// (section_1545141395), reads, and NetSuite-style validation errors (section_156570709583).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetSuiteSim } from '../../src/sim/netsuite/index.js';
import { api, EMPLOYEE, errorOf, getToken, makeKeys, person, startSim, type Answer } from './helpers.js';

let sim: NetSuiteSim;
let token: string;

beforeAll(async () => {
  const keys = await makeKeys();
  sim = await startSim(keys);
  token = await getToken(sim, keys.es);
});
afterAll(() => sim.close());

const put = (eid: string, body: unknown): Promise<Answer> => api(sim, 'PUT', `${EMPLOYEE}/eid:${eid}`, { token, body });
const patch = (id: string, body: unknown): Promise<Answer> => api(sim, 'PATCH', `${EMPLOYEE}/${id}`, { token, body });
const get = (key: string): Promise<Answer> => api(sim, 'GET', `${EMPLOYEE}/${key}`, { token });

function expectError(res: Answer, status: number, code: string, detail?: string | RegExp, path?: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/vnd.oracle.resource+json; type=error');
  const e = errorOf(res);
  expect(e.code).toBe(code);
  if (typeof detail === 'string') expect(e.detail).toBe(detail);
  else if (detail) expect(e.detail).toMatch(detail);
  if (path !== undefined) expect(e.path).toBe(path);
}

describe('upsert by external id', () => {
  it('creates, then updates the same record without a duplicate', async () => {
    const writes = sim.stats.writes;
    const created = await put('bhr-1', person({ hireDate: '2024-01-15', department: { id: '101' }, class: { id: '1' }, location: { id: '11' }, custentity_bhr_id: 1 }));
    expect(created.status).toBe(204);
    expect(created.text).toBe('');
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${sim.url}/services/rest/record/v1/employee/(\\d+)$`));
    const id = location.split('/').at(-1) ?? '';
    expect(Number(id)).toBeGreaterThanOrEqual(1000);

    const updated = await put('bhr-1', { title: 'Analyst', department: { id: 102 } });
    expect(updated.status).toBe(204);
    expect(updated.headers.get('location')).toBe(location);
    expect(sim.records.employees().filter((e) => e.externalId === 'bhr-1')).toHaveLength(1);
    const e = sim.records.employee(id);
    expect(e).toMatchObject({ externalId: 'bhr-1', firstName: 'Ada', title: 'Analyst', department: '102', location: '11', hireDate: '2024-01-15', custom: { custentity_bhr_id: 1 } });
    expect(sim.records.employeeByExternalId('bhr-1')?.id).toBe(id);
    expect(sim.stats.writes).toBe(writes + 2);
  });

  it('refuses external ids with characters other than letters, digits, _ and -', async () => {
    expectError(await put('bhr%2F1', person()), 400, 'INVALID_KEY_OR_REF', /Invalid external ID bhr\/1/);
    expectError(await put('bhr.1', person()), 400, 'INVALID_KEY_OR_REF');
  });

  it('requires a body externalId to match the URL', async () => {
    expectError(await put('bhr-2', person({ externalId: 'bhr-3' })), 400, 'INVALID_CONTENT', undefined, 'externalId');
  });

  it('lists all missing mandatory fields on create', async () => {
    expectError(await put('bhr-4', { email: 'x@example.com' }), 400, 'USER_ERROR', 'Please enter value(s) for: First Name, Last Name, Subsidiary');
    expectError(await put('bhr-4', { firstName: 'A', lastName: 'B' }), 400, 'USER_ERROR', 'Please enter value(s) for: Subsidiary');
    expect(sim.records.employeeByExternalId('bhr-4')).toBeUndefined();
  });
});

describe('reference validation', () => {
  it.each([
    ['department', { department: { id: '999' } }, 'Invalid department reference key 999.'],
    ['class', { class: { id: '999' } }, 'Invalid class reference key 999.'],
    ['location', { location: { id: '999' } }, 'Invalid location reference key 999.'],
    ['subsidiary', { subsidiary: { id: '999' } }, 'Invalid subsidiary reference key 999.'],
    ['supervisor', { supervisor: { id: '5' } }, 'Invalid employee reference key 5.'],
  ])('refuses a missing %s', async (field, refs, detail) => {
    expectError(await put('bhr-ref', person(refs)), 400, 'INVALID_KEY_OR_REF', detail, field);
  });

  it('refuses inactive references with the same message', async () => {
    expectError(await put('bhr-ref', person({ department: { id: '199' } })), 400, 'INVALID_KEY_OR_REF', 'Invalid department reference key 199.');
    expectError(await put('bhr-ref', person({ location: { id: '19' } })), 400, 'INVALID_KEY_OR_REF', 'Invalid location reference key 19.');
    const cls = sim.records.addReference('classification', { name: 'Retired', isInactive: true });
    expectError(await put('bhr-ref', person({ class: { id: cls } })), 400, 'INVALID_KEY_OR_REF', `Invalid class reference key ${cls}.`);
    expect(sim.records.employeeByExternalId('bhr-ref')).toBeUndefined();
  });

  it('refuses a department not available to the subsidiary', async () => {
    const dept = sim.records.addReference('department', { name: 'UK Sales', subsidiary: ['4'] });
    expectError(await put('bhr-sub', person({ department: { id: dept } })), 400, 'INVALID_KEY_OR_REF', `Invalid department reference key ${dept} for subsidiary 2.`);
    expect((await put('bhr-sub', person({ subsidiary: { id: '4' }, department: { id: dept } }))).status).toBe(204);
  });

  it('accepts a supervisor that exists and shows its name', async () => {
    await put('boss-1', person({ firstName: 'Grace', lastName: 'Hopper' }));
    const boss = sim.records.employeeByExternalId('boss-1');
    expect((await put('bhr-5', person({ supervisor: { id: boss?.id } }))).status).toBe(204);
    const view = (await get('eid:bhr-5')).json<Record<string, { id: string; refName: string }>>();
    expect(view['supervisor']).toMatchObject({ id: boss?.id, refName: 'Grace Hopper' });
  });
});

describe('body validation', () => {
  it('refuses unknown fields with o:errorPath', async () => {
    expectError(await put('bhr-6', person({ favouriteColour: 'blue' })), 400, 'INVALID_CONTENT', /favouriteColour/, 'favouriteColour');
  });
  it('refuses bad types and dates', async () => {
    expectError(await put('bhr-6', person({ hireDate: '2024-02-30' })), 400, 'INVALID_CONTENT', undefined, 'hireDate');
    expectError(await put('bhr-6', person({ isInactive: 'no' })), 400, 'INVALID_CONTENT', undefined, 'isInactive');
    expectError(await put('bhr-6', person({ department: '101' })), 400, 'INVALID_CONTENT', undefined, 'department');
  });
  it('refuses malformed JSON', async () => {
    const res = await api(sim, 'PUT', `${EMPLOYEE}/eid:bhr-6`, { token, rawBody: '{"firstName":', headers: { 'Content-Type': 'application/json' } });
    expectError(res, 400, 'INVALID_CONTENT', 'The request body is not valid JSON.');
  });
});

describe('reads, create and update by internal id', () => {
  it('reads by id and by eid with references as {id, refName}', async () => {
    await put('bhr-7', person({ department: { id: '107' }, class: { id: '2' }, location: { id: '15' }, releaseDate: null }));
    const byEid = await get('eid:bhr-7');
    expect(byEid.status).toBe(200);
    const body = byEid.json<Record<string, unknown>>();
    const id = String(body['id']);
    expect(body).toMatchObject({
      externalId: 'bhr-7',
      firstName: 'Ada',
      isInactive: false,
      subsidiary: { id: '2', refName: 'Acme US' },
      department: { id: '107', refName: 'Finance' },
      class: { id: '2', refName: 'EMEA' },
      location: { id: '15', refName: 'London, UK' },
      links: [{ rel: 'self', href: `${sim.url}${EMPLOYEE}/${id}` }],
    });
    expect((await get(id)).json()).toEqual(body);
  });

  it('answers 404 NONEXISTENT_ID for a missing record', async () => {
    expectError(await get('424242'), 404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.');
    expectError(await get('eid:nobody'), 404, 'NONEXISTENT_ID');
    expectError(await patch('424242', { title: 'x' }), 404, 'NONEXISTENT_ID');
  });

  it('POST creates (204 + Location) and refuses a duplicate externalId', async () => {
    const res = await api(sim, 'POST', EMPLOYEE, { token, body: person({ externalId: 'bhr-8' }) });
    expect(res.status).toBe(204);
    expect(res.headers.get('location')).toBe(`${sim.url}${EMPLOYEE}/${sim.records.employeeByExternalId('bhr-8')?.id ?? ''}`);
    expectError(await api(sim, 'POST', EMPLOYEE, { token, body: person({ externalId: 'bhr-8' }) }), 400, 'DUP_ENTITY', 'This record already exists.');
  });

  it('PATCH merges fields, deactivates and validates like PUT', async () => {
    await put('bhr-9', person({ title: 'Engineer' }));
    const id = sim.records.employeeByExternalId('bhr-9')?.id ?? '';
    expect((await patch(id, { isInactive: true, releaseDate: '2026-03-31' })).status).toBe(204);
    expect(sim.records.employee(id)).toMatchObject({ isInactive: true, releaseDate: '2026-03-31', title: 'Engineer' });
    expectError(await patch(id, { lastName: null }), 400, 'USER_ERROR', 'Please enter value(s) for: Last Name');
    expectError(await patch(id, { department: { id: '199' } }), 400, 'INVALID_KEY_OR_REF', 'Invalid department reference key 199.');
    expectError(await patch(id, { externalId: 'bhr-8' }), 400, 'DUP_ENTITY');
  });

  it('lists employees and reference records', async () => {
    const list = await api(sim, 'GET', `${EMPLOYEE}?limit=2`, { token });
    expect(list.json()).toMatchObject({ count: 2, hasMore: true, offset: 0 });
    const dept = await api(sim, 'GET', '/services/rest/record/v1/department/199', { token });
    expect(dept.json()).toMatchObject({ id: '199', name: 'Old Projects (inactive)', isInactive: true });
    expectError(await api(sim, 'PUT', '/services/rest/record/v1/department/101', { token, body: {} }), 405, 'METHOD_NOT_ALLOWED');
  });
});
