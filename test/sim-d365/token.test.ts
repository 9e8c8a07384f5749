// Entra ID token endpoint: client secret, certificate assertion (RS256/PS256, x5t/x5t#S256),
// expiry on the clock and on demand, the AADSTS error bodies, and the 401 of an app that F&O
// has not mapped to a user.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, assertion, CERT_APP, control, getToken, makeCert, secretForm, startSim, tokenCall, UNMAPPED_APP, type TestCert } from './helpers.js';

let cert: TestCert;
let sim: D365Sim;

beforeAll(async () => {
  cert = await makeCert();
  sim = await startSim(cert);
});
afterAll(() => sim.close());

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const certForm = (jwt: string) => ({ grant_type: 'client_credentials', client_id: CERT_APP, client_assertion_type: ASSERTION_TYPE, client_assertion: jwt, scope: sim.scope });

interface EntraBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

describe('client secret', () => {
  it('issues a Bearer token with numeric lifetimes between 60 and 90 minutes and no refresh token', async () => {
    const res = await tokenCall(sim, secretForm(sim));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect(body['token_type']).toBe('Bearer');
    expect(body['expires_in']).toBeGreaterThanOrEqual(3600);
    expect(body['expires_in']).toBeLessThanOrEqual(5400);
    expect(body['ext_expires_in']).toBe(body['expires_in']);
    expect(decodeJwt(String(body['access_token']))).toMatchObject({ aud: `https://${sim.environmentHost}`, appid: secretForm(sim).client_id, tid: sim.tenantId });
    const data = await api(sim, 'GET', '/data/VendorGroups', { token: String(body['access_token']) });
    expect(data.status).toBe(200);
  });

  it('answers a wrong secret with AADSTS7000215 as Entra shapes it (401 invalid_client)', async () => {
    const res = await tokenCall(sim, secretForm(sim, { client_secret: 'nope' }));
    expect(res.status).toBe(401);
    const body = res.json<EntraBody>();
    expect(body.error).toBe('invalid_client');
    expect(body.error_codes).toEqual([7000215]);
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.stats.tokenErrors).toBeGreaterThan(0);
  });

  it('echoes client-request-id as the correlation id', async () => {
    const id = 'aaaa0000-bb11-2222-33cc-444444dddddd';
    const res = await fetch(sim.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'client-request-id': id }, body: new URLSearchParams(secretForm(sim, { client_secret: 'x' })) });
    expect(((await res.json()) as EntraBody).correlation_id).toBe(id);
  });

  it.each([
    ['a scope without /.default', { scope: `https://${'x'}.operations.dynamics.com` }, 400, 'invalid_scope', 1002012],
    ['two scopes', { scope: 'a/.default b/.default' }, 400, 'invalid_scope', 70011],
    ['another resource', { scope: 'https://other.operations.dynamics.com/.default' }, 400, 'invalid_resource', 500011],
    ['a trailing slash on the resource', { scope: 'TRAILING' }, 400, 'invalid_resource', 500011],
    ['an unknown app', { client_id: '99999999-9999-4999-8999-999999999999' }, 400, 'unauthorized_client', 700016],
    ['another grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    ['an empty secret', { client_secret: '' }, 401, 'invalid_client', 7000216],
  ])('refuses %s', async (_name, over, status, error, code) => {
    const form = secretForm(sim, over as Record<string, string>);
    if (form['scope'] === 'TRAILING') form['scope'] = `https://${sim.environmentHost}//.default`;
    const res = await tokenCall(sim, form);
    expect(res.status).toBe(status);
    expect(res.json<EntraBody>()).toMatchObject({ error, error_codes: [code] });
  });

  it('refuses an unknown tenant (AADSTS90002), a GET (AADSTS900561) and a missing parameter (AADSTS900144)', async () => {
    const wrongTenant = await tokenCall(sim, secretForm(sim), { url: `${sim.url}/contoso.onmicrosoft.com/oauth2/v2.0/token` });
    expect(wrongTenant.json<EntraBody>().error_codes).toEqual([90002]);
    const get = await tokenCall(sim, {}, { method: 'GET' });
    expect(get.json<EntraBody>().error_codes).toEqual([900561]);
    const { scope: _scope, ...noScope } = secretForm(sim);
    const missing = await tokenCall(sim, noScope);
    expect(missing.json<EntraBody>()).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
    expect(missing.json<EntraBody>().error_description).toContain("'scope'");
  });

  it('refuses an expired secret (AADSTS7000222)', async () => {
    expect((await control(sim, 'POST', '/_sim/apps', { clientId: 'expired-app', secret: 's', secretExpired: true })).status).toBe(201);
    const res = await tokenCall(sim, secretForm(sim, { client_id: 'expired-app', client_secret: 's' }));
    expect(res.json<EntraBody>().error_codes).toEqual([7000222]);
  });
});

describe('certificate assertion', () => {
  it('accepts RS256 with x5t and PS256 with x5t#S256', async () => {
    const rs = await tokenCall(sim, certForm(await assertion(sim, cert)));
    expect(rs.status).toBe(200);
    const ps = await tokenCall(sim, certForm(await assertion(sim, cert, { alg: 'PS256', header: { 'x5t#S256': cert.x5tS256 } })));
    expect(ps.status).toBe(200);
  });

  it('accepts the login.microsoftonline.com audience', async () => {
    const res = await tokenCall(sim, certForm(await assertion(sim, cert, { aud: `https://login.microsoftonline.com/${sim.tenantId}/oauth2/v2.0/token` })));
    expect(res.status).toBe(200);
  });

  it('refuses a signature by another key (AADSTS700027)', async () => {
    const other = createPrivateKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const res = await tokenCall(sim, certForm(await assertion(sim, cert, { key: other })));
    expect(res.status).toBe(401);
    expect(res.json<EntraBody>()).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
  });

  it('refuses a thumbprint of an unregistered certificate (AADSTS700027, key not found)', async () => {
    const res = await tokenCall(sim, certForm(await assertion(sim, cert, { header: { x5t: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA' } })));
    expect(res.json<EntraBody>().error_codes).toEqual([700027]);
    expect(res.json<EntraBody>().error_description).toContain('The key was not found');
  });

  it.each([
    ['iss/sub of another app', { iss: 'someone-else' }, 700021],
    ['a wrong audience', { aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' }, 700023],
    ['an expired assertion', { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }, 700024],
    ['a future nbf', { nbf: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 }, 700024],
    ['a missing jti', { jti: null }, 50027],
    ['HS256', { alg: 'HS256' }, 5002738],
  ])('refuses %s', async (_name, over, code) => {
    const o = over as Record<string, unknown>;
    const jwt = o['alg'] === 'HS256' ? `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.e30.sig` : await assertion(sim, cert, over);
    const res = await tokenCall(sim, certForm(jwt));
    expect(res.json<EntraBody>().error_codes).toEqual([code]);
  });

  it('blanks the secret and the assertion in the request log', async () => {
    const jwt = await assertion(sim, cert);
    await tokenCall(sim, certForm(jwt));
    await tokenCall(sim, secretForm(sim));
    const log = JSON.stringify(sim.requests);
    expect(log).not.toContain(jwt);
    expect(log).not.toContain('sim~secret');
    expect(log).toContain('client_secret=…');
    expect(sim.requests.some((r) => r.responseBody?.includes('"access_token":"…"'))).toBe(true);
  });
});

describe('expiry and F&O user mapping', () => {
  it('expires tokens on demand: the next /data call is 401', async () => {
    const token = await getToken(sim);
    expect((await api(sim, 'GET', '/data/VendorGroups', { token })).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/tokens/expire')).status).toBe(200);
    const res = await api(sim, 'GET', '/data/VendorGroups', { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('expires tokens after the configured TTL on the real clock', async () => {
    const short = await startSim(cert, { tokenTtlSec: 1 });
    try {
      const res = await tokenCall(short, secretForm(short));
      expect(res.json<{ expires_in: number }>().expires_in).toBe(1);
      const token = res.json<{ access_token: string }>().access_token;
      expect((await api(short, 'GET', '/data/VendorGroups', { token })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await api(short, 'GET', '/data/VendorGroups', { token })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('issues tokens to an app F&O has not mapped, whose /data calls are 401', async () => {
    const token = await getToken(sim, UNMAPPED_APP);
    expect((await api(sim, 'GET', '/data/VendorGroups', { token })).status).toBe(401);
    expect((await api(sim, 'GET', '/data/VendorGroups')).status).toBe(401);
  });
});
