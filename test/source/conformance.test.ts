// The BambooHR client's requests and the simulator's answers, checked against BambooHR's own
// OpenAPI file by a validating proxy placed between them, strictly (enums as written; the only
// leniency is the documented list in test/helpers/openapi/exceptions.ts). Every read mode mlc
// has goes through it: datasets (full pages, incremental by eeid, 413, refusals), the custom
// report (configured, and as the fallback), per-employee GETs, the changed feeds, tables,
// replays, meta, webhook registration as `mlc webhook register` does it, and OAuth.
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/context.js';
import { registerWebhook } from '../../src/app/webhook/register.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { FileBackend } from '../../src/secrets/file.js';
import { SecretStore } from '../../src/secrets/store.js';
import { OAuthAuth } from '../../src/source/bamboohr/auth.js';
import { BambooHrClient } from '../../src/source/bamboohr/client.js';
import { datasetFieldsFor } from '../../src/source/bamboohr/dataset-fields.js';
import { fieldsToRead } from '../../src/source/bamboohr/fields.js';
import { authorizeUrl, exchangeCode } from '../../src/source/bamboohr/oauth.js';
import { readChanges, readEmployees } from '../../src/source/bamboohr/reader.js';
import { ACCESS, REFRESH, TokenManager } from '../../src/source/bamboohr/tokens.js';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { startValidatingProxy, type ValidatingProxy } from '../helpers/openapi/proxy.js';
import { writeSimConfig } from '../helpers/config.js';
import { apiKeyClient, bambooHttp, bambooSettings } from '../helpers/bamboo.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
let sim: BambooSim;
let proxy: ValidatingProxy;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 11, size: 40 });
  proxy = await startValidatingProxy(sim.url);
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});
beforeEach(() => {
  proxy.violations.length = 0;
  sim.setDatasets({ refuse: null, cellBudget: 250_000 });
});

const settings = (over: Parameters<typeof bambooSettings>[1] = {}) => bambooSettings(proxy.url, { changedOverlapMs: 0, ...over });
const seen = () => new Set(sim.requests.map((r) => `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`));

/** Something changes one second after the returned cursor. */
function changeSome(n: number): string {
  const cursor = sim.clock.now().toISOString();
  sim.clock.advance(1000);
  for (const e of sim.company.list().slice(0, n)) sim.company.update(e.id, { preferredName: `Ä${sim.clock.now().getTime()}` });
  return cursor;
}

describe('client and simulator against bamboohr-openapi.yaml', () => {
  it('datasets: a full read in pages (413 shrinking them), an incremental read by eeid, replays', async () => {
    const { client } = apiKeyClient(proxy.url);
    const perRow = datasetFieldsFor(fieldsToRead({ tables: ['jobInfo', 'employmentStatus', 'compensation'], extra: [] })).length;
    sim.setDatasets({ cellBudget: 12 * perRow }); // pages of 7 after three 413s: "links" with next/prev
    const full = await readChanges(client, settings(), { full: true });
    expect(full.employees.length).toBeGreaterThan(30);
    sim.setDatasets({ cellBudget: 250_000 });
    await readChanges(client, settings(), { full: true }); // one page: "links": []
    await readChanges(client, settings(), { cursor: sim.clock.now().toISOString(), full: false }); // "employees": []
    await readChanges(client, settings({ perEmployeeMax: 0 }), { cursor: changeSome(3), full: false });
    const ids = sim.company.list().slice(0, 8).map((e) => String(e.id));
    await readEmployees(client, settings(), ids.slice(0, 2)); // per employee, per-employee tables
    await readEmployees(client, settings(), ids); // bulk, all-rows tables
    expect([...seen()]).toEqual(expect.arrayContaining(['POST /api/v2/datasets/employee/data', 'GET /api/v1/employees/{id}/tables/jobInfo', 'GET /api/v1/employees/all/tables/compensation']));
    expect(proxy.violations).toEqual([]);
  });

  it('the custom report, configured and as the fallback after refusals, per-employee GETs, changed feeds and tables', async () => {
    const { client } = apiKeyClient(proxy.url);
    await readChanges(client, settings({ bulkRead: 'report' }), { full: true });
    await readChanges(client, settings({ bulkRead: 'report', perEmployeeMax: 0 }), { cursor: changeSome(2), full: false });
    await readChanges(client, settings(), { cursor: changeSome(1), full: false }); // one GET
    for (const refuse of [403, 404, 422] as const) {
      sim.setDatasets({ refuse, problemType: refuse === 404 ? 'application/json' : 'application/problem+json' });
      const cs = await readChanges(client, settings({ perEmployeeMax: 0 }), { cursor: changeSome(2), full: false });
      expect(cs.notes.join()).toContain(`HTTP ${refuse}`);
    }
    sim.setDatasets({ refuse: null, problemType: 'application/problem+json', cellBudget: 1 });
    await readChanges(client, settings(), { full: true }).catch(() => undefined); // 413 problems
    sim.setDatasets({ cellBudget: 250_000 });
    await readChanges(client, settings({ fields: ['shirtSize'] }), { full: true }).catch(() => undefined); // 400 problem
    expect([...seen()]).toEqual(expect.arrayContaining(['POST /api/v1/reports/custom', 'GET /api/v1/employees/{id}', 'GET /api/v1/employees/changed/tables/employmentStatus']));
    expect(proxy.violations).toEqual([]);
  });

  it('meta reads and webhook registration, with the body `mlc webhook register` sends', async () => {
    const dir = tmp();
    const file = writeSimConfig(dir, proxy.url, 'secrets:\n  file: ./secrets.json\nwebhook:\n  publicUrl: https://erp.example.com/hooks/bamboohr\n');
    const ctx = AppContext.create({ config: file, env: { MLC_BAMBOOHR_API_KEY: 'sim-full-access-key' } });
    try {
      const first = await registerWebhook(ctx, { replace: false });
      const again = await registerWebhook(ctx, { replace: true }); // lists, creates, deletes the old one
      expect(again.id).not.toBe(first.id);
      const client = await ctx.bamboo();
      await client.metaFields();
      await client.metaLists();
      await client.deleteWebhook(again.id);
    } finally {
      await ctx.close();
    }
    expect([...seen()]).toEqual(expect.arrayContaining(['GET /api/v1/webhooks/monitor_fields', 'POST /api/v1/webhooks', 'DELETE /api/v1/webhooks/{id}', 'GET /api/v1/meta/lists']));
    expect(proxy.violations).toEqual([]);
  });

  it('OAuth: the code exchange and refresh go through, and every Bearer call validates', async () => {
    const dir = tmp();
    const store = new SecretStore([new EnvBackend({ MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' }), new FileBackend(join(dir, 'secrets.json'))]);
    const redirectUri = 'http://127.0.0.1:8765/callback';
    const url = authorizeUrl(proxy.url, { clientId: 'sim-client', redirectUri, scopes: ['offline_access', 'employee', 'report'], state: 's' });
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const tok = await exchangeCode(bambooHttp(proxy.url).http, { code, clientId: 'sim-client', clientSecret: 'sim-secret', redirectUri });
    await store.set(REFRESH, tok.refresh_token!);
    await store.set(ACCESS, JSON.stringify({ token: tok.access_token, expiresAt: Date.now() + 3600_000 }));
    const { http } = bambooHttp(proxy.url);
    const tokens = await TokenManager.create({ http, secrets: store, clientId: 'sim-client', logger: silentLogger() });
    const client = new BambooHrClient(http, new OAuthAuth(tokens));
    await readChanges(client, settings(), { full: true });
    sim.oauth.expireAccessTokens(); // 401, refresh, retry
    await readChanges(client, settings({ perEmployeeMax: 0 }), { cursor: changeSome(2), full: false });
    expect(sim.requests.filter((r) => r.path === '/token.php').length).toBeGreaterThanOrEqual(2);
    expect(proxy.violations).toEqual([]);
  });

  it('the validator does catch a request BambooHR would misread', async () => {
    await fetch(`${proxy.url}/api/v1/reports/custom?format=JSON`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('sim-full-access-key:x').toString('base64')}`, 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
      body: JSON.stringify({ fields: ['firstName'] }),
    }).then((r) => r.arrayBuffer());
    const text = proxy.violations.map((v) => v.message).join('\n');
    expect(text).toMatch(/Content-Type must be exactly "application\/json"/);
    expect(text).toMatch(/query parameter format: must be equal to one of the allowed values \(json, xml, csv, xls, pdf\), got "JSON"/);
  });
});
