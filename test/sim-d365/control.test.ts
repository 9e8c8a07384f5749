// The /_sim control API used when the simulator runs in another process: state, vendors,
// vendor groups, apps (with a certificate), settings, the request log; zod validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultD365Seed, type D365Sim } from '../../src/sim/d365/index.js';
import { api, assertion, control, makeCert, openSim, tokenCall } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim()));
afterAll(() => sim.close());

describe('control API', () => {
  it('reports state, counts, stats and the token URL', async () => {
    const res = await control(sim, 'GET', '/_sim/state');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      tenantId: sim.tenantId,
      tokenUrl: sim.tokenUrl,
      defaultCompany: 'usmf',
      counts: { companies: 4, vendors: 3, dimensions: 6 },
      stats: { tokensIssued: 1 },
      format: { dimensions: ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'], delimiter: 'Hyphen' },
      throttle: null,
    });
  });

  it('seeds, lists and reads vendors', async () => {
    expect((await control(sim, 'POST', '/_sim/vendors', { dataAreaId: 'usmf', VendorAccountNumber: 'CTL-1', VendorGroupId: 'EMPL', OnHoldStatus: 'All' })).status).toBe(201);
    expect((await control(sim, 'GET', '/_sim/vendors/USMF/ctl-1')).json()).toMatchObject({ VendorAccountNumber: 'CTL-1', OnHoldStatus: 'All', CurrencyCode: 'USD' });
    const usrt = (await control(sim, 'GET', '/_sim/vendors?dataAreaId=usrt')).json<{ vendors: unknown[] }>();
    expect(usrt.vendors).toHaveLength(1);
    expect((await control(sim, 'GET', '/_sim/vendors/usmf/NOPE')).status).toBe(404);
    expect((await control(sim, 'POST', '/_sim/vendors', { dataAreaId: 'usmf' })).status).toBe(400);
  });

  it('adds vendor groups that the OData side then accepts', async () => {
    expect((await control(sim, 'POST', '/_sim/vendor-groups', { dataAreaId: 'usmf', id: 'CONTR', description: 'Contractors' })).status).toBe(201);
    const res = await api(sim, 'GET', "/data/VendorGroups(dataAreaId='usmf',VendorGroupId='CONTR')", { token });
    expect(res.json()).toMatchObject({ Description: 'Contractors' });
    expect((await control(sim, 'POST', '/_sim/vendor-groups', { dataAreaId: 'nope', id: 'X' })).status).toBe(400);
  });

  it('registers a certificate app whose assertions then work', async () => {
    const other = await makeCert();
    const id = '44444444-4444-4444-8444-444444444444';
    expect((await control(sim, 'POST', '/_sim/apps', { clientId: id, certificatePem: 'nope' })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/apps', { clientId: id })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/apps', { clientId: id, certificatePem: other.pem })).status).toBe(201);
    const jwt = await assertion(sim, other, { iss: id, sub: id, header: { 'x5t#S256': other.x5tS256 }, alg: 'PS256' });
    const res = await tokenCall(sim, { grant_type: 'client_credentials', client_id: id, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt, scope: sim.scope });
    expect(res.status, res.text).toBe(200);
    const apps = (await control(sim, 'GET', '/_sim/apps')).json<{ apps: Array<{ clientId: string; certificate: boolean }> }>();
    expect(apps.apps.find((a) => a.clientId === id)).toMatchObject({ certificate: true });
    expect(JSON.stringify(apps)).not.toContain('sim~secret');
  });

  it('changes settings with validation', async () => {
    expect((await control(sim, 'PATCH', '/_sim/settings', { pageSize: 0 })).status).toBe(400);
    expect((await control(sim, 'PATCH', '/_sim/settings', { build: 'ancient' })).status).toBe(400);
    const ok = await control(sim, 'PATCH', '/_sim/settings', { messages: { unknownDimensionValue: 'Nope {value}/{dimension}.' } });
    expect(ok.json<{ settings: { messages: Record<string, string> } }>().settings.messages).toMatchObject({
      unknownDimensionValue: 'Nope {value}/{dimension}.',
      noActiveFormat: 'No active format for data entities has been set up.',
    });
    expect((await control(sim, 'PUT', '/_sim/format', { dimensions: [] })).status).toBe(400);
  });

  it('returns and clears the request log, without /_sim calls and with the Authorization scheme only', async () => {
    await api(sim, 'GET', '/data/VendorGroups', { token });
    const log = (await control(sim, 'GET', '/_sim/requests')).json<{ requests: Array<{ path: string; headers: Record<string, string> }> }>();
    expect(log.requests.some((r) => r.path.startsWith('/_sim'))).toBe(false);
    const data = log.requests.find((r) => r.path === '/data/VendorGroups');
    expect(data?.headers['authorization']).toBe('Bearer …');
    expect(JSON.stringify(log)).not.toContain(token);
    expect((await control(sim, 'DELETE', '/_sim/requests')).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
    expect((await control(sim, 'GET', '/_sim/nothing')).status).toBe(404);
  });

  it('exports a default seed that covers the BambooHR company', () => {
    const seed = defaultD365Seed();
    const descriptions = seed.dimensions.flatMap((d) => d.values.map((v) => v.description));
    for (const name of ['Engineering', 'Research & Development', 'North America', 'EMEA', 'APAC', 'Denver, Colorado', 'Singapore']) expect(descriptions).toContain(name);
    expect(seed.dimensions.flatMap((d) => d.values).filter((v) => v.suspended)).toHaveLength(1);
  });
});
