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
      const data = (body: unknown) => send('/api/v2/datasets/employee/data', { method: 'POST', key, body: JSON.stringify(body), contentType: 'application/json' });
      const dsFields = ['eeid', 'firstName', 'preferredName', 'email', 'status', 'employmentStatus', 'hireDate', 'originalHireDate', 'terminationDate', 'jobInformationDepartment', 'supervisorEid', 'compensationPayRate', 'compensationPayRateCurrencyCode', 'compensationPayType', 'lastChanged'];
      expect(await data({ fields: dsFields, pageSize: 1000 })).toBe(200); // one page: "links": []
      expect(await data({ fields: dsFields, orderBy: 'eeid asc', pageSize: 10, page: 2 })).toBe(200); // next and prev
      expect(await data({ fields: dsFields, filter: `eeid in (${id}, 1, 2)`, page: 1, pageSize: 3 })).toBe(200);
      expect(await data({ fields: ['eeid'], filter: 'eeid gt 999999' })).toBe(200); // no rows
      expect(await data({ fields: ['eeid'], filter: 'eeid in (' })).toBe(422);
      expect(await data({ fields: ['eeid', 'nope'] })).toBe(400);
      sim.setDatasets({ cellBudget: 10 });
      expect(await data({ fields: dsFields, pageSize: 5 })).toBe(413);
      sim.setDatasets({ cellBudget: 250_000 });
      await send('/api/v1_2/datasets', { key });
      await send('/api/v1_2/datasets/employee/fields?page=2&page_size=10', { key });
      expect(await send('/api/v1_2/datasets/nope/fields', { key })).toBe(422);
      await send('/api/v1/meta/fields', { key });
      await send('/api/v1/meta/lists', { key });
      await send('/api/v1/webhooks/monitor_fields', { key });
    }
    const hook = JSON.stringify({ name: 'h', url: 'https://erp.example.com/hook', format: 'json', events: ['employee.updated'], monitorFields: ['firstName'] });
    expect(await send('/api/v1/webhooks', { method: 'POST', body: hook, contentType: 'application/json' })).toBe(201);
    await send('/api/v1/webhooks');
    for (const problemType of ['application/problem+json', 'application/json'] as const) {
      for (const refuse of [403, 404, 422] as const) {
        sim.setDatasets({ refuse, problemType });
        expect(await send('/api/v2/datasets/employee/data', { method: 'POST', body: '{"fields":["eeid"]}', contentType: 'application/json' })).toBe(refuse);
      }
    }
    sim.setDatasets({ refuse: null });
    expect(await send('/api/v2/datasets/payroll/data', { method: 'POST', body: '{"fields":["eeid"]}', contentType: 'application/json' })).toBe(404);
    await send('/api/v1/webhooks/1');
    await send('/api/v1/webhooks/99');
    await send('/api/v1/webhooks', { method: 'POST', body: '{"name":"x","url":"http://erp.example.com","format":"json"}', contentType: 'application/json' });
    expect(await send('/api/v1/webhooks/1', { method: 'DELETE' })).toBe(200);
    expect(proxy.violations).toEqual([]);
  });
});
