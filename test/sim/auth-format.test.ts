import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, startSim } from './helpers.js';

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('API key auth', () => {
  it('accepts Basic key:x and records the request without the secret', async () => {
    const r = await call(sim, '/api/v1/meta/fields');
    expect(r.status).toBe(200);
    const last = sim.requests.at(-1);
    expect(last?.headers['authorization']).toBe('Basic …');
    expect(JSON.stringify(last)).not.toContain(Buffer.from('sim-full-access-key:x').toString('base64'));
  });

  it('answers 401 with WWW-Authenticate and both error headers when the key is missing', async () => {
    const r = await call(sim, '/api/v1/employees/0?fields=firstName', { key: null });
    expect(r.status).toBe(401);
    expect(r.text).toBe('');
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
    expect(r.headers.get('x-bamboohr-error-message')).toBeTruthy();
    expect(r.headers.get('x-bamboohr-error-messsage')).toBe(r.headers.get('x-bamboohr-error-message'));
  });

  it('answers 401 for an unknown key', async () => {
    const r = await call(sim, '/api/v1/meta/fields', { key: 'nope' });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-bamboohr-error-message')).toBe('Invalid API key');
  });
});

describe('content negotiation', () => {
  it('answers XML when Accept is not application/json', async () => {
    const r = await call(sim, '/api/v1/employees/0/tables/jobInfo', { accept: null });
    expect(r.headers.get('content-type')).toBe('text/xml; charset=UTF-8');
    expect(r.text).toMatch(/^<\?xml version="1.0"\?>\n<table><row id="\d+" employeeId="\d+"><field id="date">\d{4}-\d\d-\d\d<\/field>/);
  });

  it('answers JSON with Accept: application/json', async () => {
    const r = await call(sim, '/api/v1/employees/0/tables/jobInfo');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(r.json())).toBe(true);
  });

  it('serves the legacy gateway path too', async () => {
    const r = await call(sim, '/api/gateway.php/acme/v1/employees/0?fields=firstName');
    expect(r.status).toBe(200);
    expect(r.json<{ firstName: string }>().firstName).toBeTruthy();
  });

  it('escapes XML special characters', async () => {
    const r = await call(sim, '/api/v1/meta/lists', { accept: null });
    expect(r.text).toContain('Research &amp; Development');
  });
});

describe('meta', () => {
  it('lists fields with ids, names, types and aliases, hiding what the key cannot see', async () => {
    const full = (await call(sim, '/api/v1/meta/fields')).json<Array<{ alias: string; type: string }>>();
    expect(full.find((f) => f.alias === 'payRate')?.type).toBe('currency');
    const restricted = (await call(sim, '/api/v1/meta/fields', { key: 'sim-restricted-key' })).json<Array<{ alias: string }>>();
    expect(restricted.some((f) => f.alias === 'payRate')).toBe(false);
  });

  it('lists department, division, location, jobTitle and employmentHistoryStatus options', async () => {
    const lists = (await call(sim, '/api/v1/meta/lists')).json<Array<{ alias: string; fieldId: string; options: Array<{ id: number; name: string }> }>>();
    expect(lists.map((l) => l.alias)).toEqual(['department', 'division', 'location', 'jobTitle', 'employmentHistoryStatus']);
    expect(lists[1]?.options.map((o) => o.name)).toEqual(['North America', 'EMEA', 'APAC']);
    expect(typeof lists[0]?.fieldId).toBe('string');
    const viaFormat = await call(sim, '/api/v1/meta/lists?format=json', { accept: null });
    expect(viaFormat.headers.get('content-type')).toMatch(/json/);
  });
});
