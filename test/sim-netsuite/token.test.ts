// The M2M token endpoint (section_162755359851, section_162790605110) and the Bearer check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionHost, TOKEN_PATH, type NetSuiteSim } from '../../src/sim/netsuite/index.js';
import { api, assertion, CERT_PS, CLIENT_ID, EMPLOYEE, errorOf, getToken, makeKey, makeKeys, startSim, tokenCall, type Keys, type TestKey } from './helpers.js';

let keys: Keys;
let other: TestKey;
let rs: TestKey;
let sim: NetSuiteSim;

beforeAll(async () => {
  [keys, other, rs] = await Promise.all([makeKeys(), makeKey('PS256'), makeKey('RS256')]);
  sim = await startSim(keys);
});
afterAll(() => sim.close());

const now = (): number => Math.floor(Date.now() / 1000);

async function rejected(jwt: string): Promise<{ error: string; error_description: string }> {
  const res = await tokenCall(sim, jwt);
  expect(res.status).toBe(400);
  return res.json<{ error: string; error_description: string }>();
}

describe('token issuance', () => {
  it.each(['ps', 'es'] as const)('issues a Bearer token for a good %s assertion', async (which) => {
    const before = sim.stats.tokensIssued;
    const res = await tokenCall(sim, await assertion(sim, keys[which]));
    expect(res.status).toBe(200);
    const body = res.json<{ access_token: string; expires_in: unknown; token_type: string }>();
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe('3600');
    expect(body.access_token.length).toBeGreaterThan(20);
    expect(sim.stats.tokensIssued).toBe(before + 1);
  });

  it('accepts the production-style aud, a scope array and a small clock skew', async () => {
    const aud = `https://${productionHost(sim.accountId)}${TOKEN_PATH}`;
    expect(aud).toBe('https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token');
    const res = await tokenCall(sim, await assertion(sim, keys.ps, { aud, scope: ['rest_webservices'], iat: now() + 30 }));
    expect(res.status).toBe(200);
  });

  it('never records the assertion or the token', async () => {
    const jwt = await assertion(sim, keys.ps);
    await tokenCall(sim, jwt);
    const last = sim.requests.at(-1);
    expect(last?.path).toBe(TOKEN_PATH);
    expect(last?.body).not.toContain(jwt.slice(0, 20));
    expect(last?.responseBody).toContain('"access_token":"…"');
  });
});

describe('assertion rejections name the failed check', () => {
  it('unknown kid', async () => {
    const r = await rejected(await assertion(sim, keys.ps, { kid: 'no-such-cert' }));
    expect(r).toMatchObject({ error: 'invalid_client' });
    expect(r.error_description).toMatch(/kid/);
  });
  it('wrong key (signature)', async () => {
    const r = await rejected(await assertion(sim, other, { kid: CERT_PS }));
    expect(r.error).toBe('invalid_client');
    expect(r.error_description).toMatch(/signature/);
  });
  it('RS256', async () => {
    const r = await rejected(await assertion(sim, rs, { kid: CERT_PS }));
    expect(r.error).toBe('invalid_client');
    expect(r.error_description).toMatch(/alg RS256/);
  });
  it('an alg the certificate does not allow', async () => {
    sim.registerClient({ clientId: CLIENT_ID, certificateId: 'cert-ps-only', publicKeyPem: keys.es.publicKeyPem, algorithms: ['PS256'] });
    const r = await rejected(await assertion(sim, keys.es, { kid: 'cert-ps-only' }));
    expect(r).toEqual({ error: 'invalid_client', error_description: 'alg ES256 is not allowed for certificate cert-ps-only.' });
  });
  it('wrong iss', async () => {
    const r = await rejected(await assertion(sim, keys.ps, { iss: 'someone-else' }));
    expect(r.error).toBe('invalid_client');
    expect(r.error_description).toMatch(/iss/);
  });
  it('wrong aud', async () => {
    const r = await rejected(await assertion(sim, keys.ps, { aud: 'https://example.com/token' }));
    expect(r.error).toBe('invalid_grant');
    expect(r.error_description).toMatch(/aud/);
  });
  it('exp - iat > 3600', async () => {
    const iat = now();
    const r = await rejected(await assertion(sim, keys.es, { iat, exp: iat + 3601 }));
    expect(r.error).toBe('invalid_grant');
    expect(r.error_description).toMatch(/exp - iat/);
  });
  it('expired exp', async () => {
    const iat = now() - 7200;
    const r = await rejected(await assertion(sim, keys.ps, { iat, exp: iat + 3600 }));
    expect(r.error).toBe('invalid_grant');
    expect(r.error_description).toMatch(/exp/);
  });
  it('missing exp', async () => {
    const r = await rejected(await assertion(sim, keys.ps, { exp: null }));
    expect(r.error_description).toMatch(/exp/);
  });
  it('iat in the future', async () => {
    const iat = now() + 600;
    const r = await rejected(await assertion(sim, keys.ps, { iat, exp: iat + 60 }));
    expect(r.error_description).toMatch(/iat/);
  });
  it('scope without rest_webservices', async () => {
    const r = await rejected(await assertion(sim, keys.ps, { scope: 'restlets,suite_analytics' }));
    expect(r.error).toBe('invalid_grant');
    expect(r.error_description).toMatch(/rest_webservices/);
  });
  it('malformed requests', async () => {
    const jwt = await assertion(sim, keys.ps);
    expect((await tokenCall(sim, jwt, { grant_type: 'password' })).json()).toMatchObject({ error: 'invalid_request' });
    expect((await tokenCall(sim, jwt, { client_assertion_type: 'x' })).json()).toMatchObject({ error: 'invalid_request' });
    expect((await tokenCall(sim, 'not-a-jwt')).json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('Bearer check on REST calls', () => {
  const unauthorized = (res: Awaited<ReturnType<typeof api>>, why: RegExp): void => {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(new RegExp(`^Bearer realm="1234567_SB1", error="invalid_token", error_description="${why.source}`));
    expect(res.headers.get('content-type')).toBe('application/vnd.oracle.resource+json; type=error');
    expect(res.json()).toMatchObject({ type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2', title: 'Unauthorized', status: 401 });
    const e = errorOf(res);
    expect(e.code).toBe('INVALID_LOGIN');
    expect(e.detail).toMatch(/^Invalid login attempt\. For more details, see the Login Audit Trail/);
  };

  it('refuses a call without a token', async () => {
    unauthorized(await api(sim, 'GET', `${EMPLOYEE}/1000`), /No Bearer/);
  });
  it('refuses an unknown token', async () => {
    unauthorized(await api(sim, 'GET', `${EMPLOYEE}/1000`, { token: 'forged' }), /The access token is invalid/);
  });
  it('refuses tokens after expireTokens() and accepts a fresh one', async () => {
    const token = await getToken(sim, keys.ps);
    expect((await api(sim, 'GET', `${EMPLOYEE}/999999`, { token })).status).toBe(404);
    sim.expireTokens();
    unauthorized(await api(sim, 'GET', `${EMPLOYEE}/999999`, { token }), /The access token has expired/);
    const fresh = await getToken(sim, keys.ps);
    expect((await api(sim, 'GET', `${EMPLOYEE}/999999`, { token: fresh })).status).toBe(404);
  });
  it('lets tokens lapse after accessTokenTtlSec', async () => {
    const short = await startSim(keys, { accessTokenTtlSec: 1 });
    try {
      const res = await tokenCall(short, await assertion(short, keys.ps));
      const body = res.json<{ access_token: string; expires_in: string }>();
      expect(body.expires_in).toBe('1');
      expect((await api(short, 'GET', `${EMPLOYEE}/1`, { token: body.access_token })).status).toBe(404);
      await new Promise((r) => setTimeout(r, 1100));
      unauthorized(await api(short, 'GET', `${EMPLOYEE}/1`, { token: body.access_token }), /The access token has expired/);
    } finally {
      await short.close();
    }
  });
  it('masks the Authorization header in the request log', async () => {
    const token = await getToken(sim, keys.es);
    await api(sim, 'GET', `${EMPLOYEE}/1`, { token });
    expect(sim.requests.at(-1)?.headers['authorization']).toBe('Bearer …');
  });
});
