// The BambooHR client's requests and the simulator's answers, checked against BambooHR's own
// OpenAPI file by a validating proxy placed between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../src/source/bamboohr/reader.js';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { startValidatingProxy, type ValidatingProxy } from '../helpers/openapi/proxy.js';
import { apiKeyClient, bambooSettings } from '../helpers/bamboo.js';

let sim: BambooSim;
let proxy: ValidatingProxy;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 11, size: 40 });
  // `"employees": []` (an empty map as a JSON array) is a documented BambooHR quirk that the
  // spec's schema does not describe; it is the only deviation allowed.
  proxy = await startValidatingProxy(sim.url);
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

describe('client and simulator against bamboohr-openapi.yaml', () => {
  it('every request mlc sends and every answer it reads validates, in every read mode', async () => {
    const { client } = apiKeyClient(proxy.url);
    const s = bambooSettings(proxy.url, { changedOverlapMs: 0 });
    await readChanges(client, s, { full: true });
    const cursor = sim.clock.now().toISOString();
    await readChanges(client, s, { cursor, full: false }); // nothing changed: "employees": []
    const [a, b] = sim.company.list();
    sim.clock.advance(60_000);
    sim.company.update(a!.id, { firstName: 'Änne' });
    await readChanges(client, s, { cursor, full: false }); // one change: per-employee GET
    sim.company.addJobInfo(b!.id, { date: '2027-02-01', department: 'Legal' });
    await readChanges(client, { ...s, perEmployeeMax: 0 }, { cursor, full: false }); // bulk report with employeeIds
    await client.employee('0', ['firstName', 'lastName']);
    await client.metaFields();
    expect(proxy.exchanges).toBeGreaterThanOrEqual(17);
    expect(proxy.violations).toEqual([]);
  });

  it('the validator does catch a request BambooHR would misread', async () => {
    const before = proxy.violations.length;
    await fetch(`${proxy.url}/api/v1/reports/custom?format=JSON`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('sim-full-access-key:x').toString('base64')}`, 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
      body: JSON.stringify({ fields: ['firstName'] }),
    }).then((r) => r.arrayBuffer());
    expect(proxy.violations.length).toBeGreaterThan(before);
    expect(proxy.violations.map((v) => v.message).join('\n')).toMatch(/Content-Type/i);
  });
});
