// Every JSON answer of the simulator, sent through the OpenAPI validating proxy: the spec's
// response schemas are the contract (DESIGN §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { startValidatingProxy, type ValidatingProxy } from '../helpers/openapi/proxy.js';
import { basic, FULL_KEY, RESTRICTED_KEY, startSim } from './helpers.js';

let sim: BambooSim;
let proxy: ValidatingProxy;
beforeAll(async () => {
  sim = await startSim();
  // `"employees": []` for an empty map is BambooHR's PHP quirk (reference §3.1), reproduced on purpose.
  proxy = await startValidatingProxy(sim.url);
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

async function send(path: string, init: { method?: string; key?: string; body?: string; contentType?: string } = {}): Promise<number> {
  const headers: Record<string, string> = { Authorization: basic(init.key ?? FULL_KEY), Accept: 'application/json' };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const res = await fetch(`${proxy.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
  await res.arrayBuffer();
  return res.status;
}

describe('OpenAPI conformance', () => {
  it('JSON answers validate against bamboohr-openapi.yaml', async () => {
    const id = sim.company.list()[4]?.id ?? 0;
    const since = encodeURIComponent('2000-01-01T00:00:00Z');
    const fields = 'firstName,lastName,preferredName,workEmail,homeEmail,birthDate,hireDate,originalHireDate,terminationDate,status,employmentHistoryStatus,department,division,location,jobTitle,supervisorEId,supervisorId,payRate,payType,payPer,lastChanged';
    for (const key of [FULL_KEY, RESTRICTED_KEY]) {
      await send(`/api/v1/employees/changed?since=${since}`, { key });
      await send(`/api/v1/employees/changed?since=${encodeURIComponent('2040-01-01T00:00:00Z')}`, { key });
      for (const t of ['jobInfo', 'employmentStatus', 'compensation']) {
        await send(`/api/v1/employees/changed/tables/${t}?since=${since}`, { key });
        await send(`/api/v1/employees/changed/tables/${t}?since=${encodeURIComponent('2040-01-01T00:00:00Z')}`, { key });
        await send(`/api/v1/employees/all/tables/${t}`, { key });
        await send(`/api/v1/employees/${id}/tables/${t}`, { key });
      }
      await send(`/api/v1/employees/${id}?fields=${fields}`, { key });
      await send(`/api/v1/employees/0?fields=${fields}&onlyCurrent=false`, { key });
      const body = JSON.stringify({ title: 'All', fields: ['id', ...fields.split(',')], filters: { lastChanged: { value: '2000-01-01T00:00:00Z', includeNull: 'no' } } });
      expect(await send('/api/v1/reports/custom?format=json&onlyCurrent=true', { method: 'POST', key, body, contentType: 'application/json' })).toBe(200);
      await send('/api/v1/meta/fields', { key });
      await send('/api/v1/meta/lists', { key });
      await send('/api/v1/webhooks/monitor_fields', { key });
    }
    const hook = JSON.stringify({ name: 'h', url: 'https://erp.example.com/hook', format: 'json', events: ['employee.updated'], monitorFields: ['firstName'] });
    expect(await send('/api/v1/webhooks', { method: 'POST', body: hook, contentType: 'application/json' })).toBe(201);
    await send('/api/v1/webhooks');
    await send('/api/v1/webhooks/1');
    await send('/api/v1/webhooks/99');
    await send('/api/v1/webhooks', { method: 'POST', body: '{"name":"x","url":"http://erp.example.com","format":"json"}', contentType: 'application/json' });
    expect(await send('/api/v1/webhooks/1', { method: 'DELETE' })).toBe(200);
    expect(proxy.violations).toEqual([]);
  });
});
