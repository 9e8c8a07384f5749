// The NetSuite adapter against its simulator over real HTTP: the JWT client assertion, token
// renewal, error classification (reject → park, fresh-token INVALID_LOGIN → auth), retries
// on concurrency refusals, and the account-id host rule.
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetSuiteTokens } from '../../src/adapters/netsuite/auth.js';
import { NetSuiteClient } from '../../src/adapters/netsuite/client.js';
import { accountHost, netsuiteSpec, type NetSuiteSettings } from '../../src/adapters/netsuite/config.js';
import { netsuiteAdapter } from '../../src/adapters/netsuite/index.js';
import { NetSuiteSession } from '../../src/adapters/netsuite/session.js';
import type { ErpOp, OpOutcome } from '../../src/adapters/types.js';
import { MlcError } from '../../src/domain/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { AdaptiveGate } from '../../src/http/gate.js';
import { RequestCounter } from '../../src/http/counter.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';
import { startNetSuiteSim, type NetSuiteSim } from '../../src/sim/netsuite/index.js';

let sim: NetSuiteSim;
let psPem: string;
let esPem: string;
beforeAll(async () => {
  const ps = await generateKeyPair('PS256', { extractable: true, modulusLength: 2048 });
  const es = await generateKeyPair('ES256', { extractable: true });
  psPem = await exportPKCS8(ps.privateKey);
  esPem = await exportPKCS8(es.privateKey);
  sim = await startNetSuiteSim({
    clients: [
      { clientId: 'client-1', certificateId: 'cert-ps', publicKeyPem: await exportSPKI(ps.publicKey), algorithms: ['PS256'] },
      { clientId: 'client-1', certificateId: 'cert-es', publicKeyPem: await exportSPKI(es.publicKey), algorithms: ['ES256'] },
    ],
    concurrencyLimit: 2,
  });
});
afterAll(() => sim.close());

function settings(over: Partial<NetSuiteSettings> = {}): NetSuiteSettings {
  const base = netsuiteSpec.normalize(
    { type: 'netsuite', accountId: '1234567_SB1', baseUrl: sim.url, clientId: 'client-1', certificateId: 'cert-ps', algorithm: 'PS256', scopes: ['rest_webservices'], concurrency: 2, externalIdPrefix: 'bhr-', timeout: '10s', retry: { maxAttempts: 6, maxDelay: '5s', budget: '30s' } },
    'netsuite',
  );
  return { ...base, ...over };
}

function parts(s: NetSuiteSettings, pem: string, now?: () => number) {
  const counter = new RequestCounter();
  // As in production (src/app/sync/connect.ts): the adaptive gate in front of the account.
  const http = new HttpClient({ system: 'netsuite', baseUrl: s.baseUrl, timeoutMs: 10_000, retry: { ...s.retry, baseDelayMs: 20 }, logger: silentLogger(), counter, gate: new AdaptiveGate(s.concurrency) });
  const tokens = new NetSuiteTokens(s, http, pem, now);
  const client = new NetSuiteClient(http, tokens);
  return { counter, http, tokens, client, session: new NetSuiteSession(s, client) };
}

const body = (over: Record<string, unknown> = {}) => ({ externalId: 'bhr-1', firstName: 'Ada', lastName: 'Lovelace', subsidiary: { id: '2' }, department: { id: '101' }, ...over });

/** One operation through the port: its outcome, or its error thrown as before. */
async function apply(session: { applyBatch(ops: ErpOp[]): Promise<OpOutcome[]> }, op: Omit<ErpOp, 'family' | 'type' | 'sourceKey'> & { employeeId: string }): Promise<{ erpKey: string }> {
  const { employeeId, ...rest } = op;
  const [o] = await session.applyBatch([{ ...rest, family: 'employee', type: 'employee', sourceKey: employeeId }]);
  if (!o!.ok) throw o!.error;
  return o!;
}

describe('NetSuite adapter', () => {
  it('derives the host from the account id: 1234567_SB1 → 1234567-sb1', () => {
    expect(accountHost('1234567_SB1')).toBe('1234567-sb1.suitetalk.api.netsuite.com');
    const s = netsuiteSpec.normalize({ type: 'netsuite', accountId: '1234567_SB1', clientId: 'c', certificateId: 'k', algorithm: 'PS256', scopes: ['rest_webservices'], concurrency: 4, externalIdPrefix: 'bhr-', timeout: '60s', retry: { maxAttempts: 6, maxDelay: '2m', budget: '5m' } }, 'ns');
    expect(s.baseUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(netsuiteSpec.naturalKey('123', s)).toBe('bhr-123');
  });

  it('gets a token with a PS256 or ES256 assertion the simulator verifies, and upserts by external id', async () => {
    for (const [cert, alg, pem] of [['cert-ps', 'PS256', psPem], ['cert-es', 'ES256', esPem]] as const) {
      const { session } = parts(settings({ certificateId: cert, algorithm: alg }), pem);
      expect(await session.ping()).toBe('account 1234567_SB1: 6 subsidiaries visible');
    }
    const { session } = parts(settings(), psPem);
    const first = await apply(session, { kind: 'create', employeeId: '1', key: 'bhr-1', erpKey: null, payload: body() });
    const again = await apply(session, { kind: 'update', employeeId: '1', key: 'bhr-1', erpKey: first.erpKey, payload: body({ department: { id: '107' } }) });
    expect(again.erpKey).toBe(first.erpKey);
    expect(sim.records.employeeByExternalId('bhr-1')).toMatchObject({ id: first.erpKey, department: '107' });
  });

  it('renews the token after a 401 (expiry) once for all requests in flight, and refuses after a second 401', async () => {
    const { session, tokens } = parts(settings({ concurrency: 2 }), psPem);
    await session.ping();
    expect(tokens.count).toBe(1);
    sim.expireTokens();
    await Promise.all([session.ping(), session.ping()]);
    expect(tokens.count).toBe(2); // one renewal served both
    sim.setFaults({ failNext: [{ status: 401, times: 2 }] });
    const err = (await session.ping().catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^NetSuite POST \/services\/rest\/query\/v1\/suiteql: HTTP 401 INVALID_LOGIN: Invalid login attempt/);
    expect(tokens.count).toBe(3);
  });

  it('renews before the token runs out (5 minutes, or a tenth of its life, before), and not earlier', async () => {
    let now = Date.now();
    const { session, tokens } = parts(settings(), psPem, () => now);
    sim.setFaults(undefined);
    await session.ping();
    expect(tokens.count).toBe(1);
    now += 3000_000; // 50 minutes into a 60-minute token: still well before the renewal window
    await session.ping();
    expect(tokens.count).toBe(1);
    now += 301_000; // 4 min 59 s before it ends: inside the window, renewed without waiting for a 401
    const before = sim.requests.filter((r) => r.status === 401).length;
    await session.ping();
    expect(tokens.count).toBe(2);
    expect(sim.requests.filter((r) => r.status === 401).length).toBe(before);
  });

  it('refuses a key NetSuite does not know, naming the failed check', async () => {
    const other = await generateKeyPair('PS256', { extractable: true, modulusLength: 2048 });
    const { session } = parts(settings(), await exportPKCS8(other.privateKey));
    const err = (await session.ping().catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^NetSuite refused the client credentials of target "netsuite" \(invalid_client: /);
    const bad = (await netsuiteAdapter.connect(settings(), {
      secrets: new SecretStore([new EnvBackend({ MLC_NETSUITE_PRIVATE_KEY: 'not a pem' })]), logger: silentLogger(), counter: new RequestCounter(),
      http: () => parts(settings(), psPem).http, stop: new AbortController().signal,
    }).catch((e: unknown) => e)) as MlcError;
    expect(bad.code).toBe('auth_required');
    expect(bad.message).toBe('secret netsuite.private_key is not a PEM private key');
  });

  it('classifies NetSuite errors: an inactive reference parks the record with NetSuite\'s words', async () => {
    const { session } = parts(settings(), psPem);
    const err = (await apply(session, { kind: 'create', employeeId: '2', key: 'bhr-2', erpKey: null, payload: body({ externalId: 'bhr-2', department: { id: '199' } }) }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('record_rejected');
    expect(err.message).toBe('NetSuite PUT employee eid:bhr-2: INVALID_KEY_OR_REF: Invalid department reference key 199. (at department)');
    sim.setFaults({ failNext: [{ status: 500 }] });
    const five = (await apply(session, { kind: 'create', employeeId: '3', key: 'bhr-3', erpKey: null, payload: body({ externalId: 'bhr-3' }) }).catch((e: unknown) => e)) as MlcError;
    expect(five.code).toBe('record_failed');
  });

  it('retries concurrency refusals with backoff and never exceeds the account limit', async () => {
    sim.setLatency(50);
    const { session, counter } = parts(settings({ concurrency: 6 }), psPem);
    await Promise.all(Array.from({ length: 12 }, (_, i) => apply(session, { kind: 'create', employeeId: `c${i}`, key: `bhr-c${i}`, erpKey: null, payload: body({ externalId: `bhr-c${i}` }) })));
    sim.setLatency(0);
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(sim.stats.concurrencyRejections).toBeGreaterThan(0);
    expect(counter.get('netsuite')).toBeGreaterThan(12);
    for (let i = 0; i < 12; i++) expect(sim.records.employeeByExternalId(`bhr-c${i}`)).toBeDefined();
  });
});
