import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { startSim } from './helpers.js';

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const REDIRECT = 'http://127.0.0.1:53682/callback';
type Tokens = { access_token: string; refresh_token?: string; expires_in: number; token_type: string; scope: string; id_token: string; companyDomain: string };

async function authorize(scope = 'openid+employee+offline_access', redirect = REDIRECT, clientId = 'sim-client'): Promise<Response> {
  // Built by hand: BambooHR documents `+`-joined scopes in the query (reference §1.4).
  const q = `request=authorize&client_id=${clientId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=${scope}&state=xyz`;
  return fetch(`${sim.url}/authorize.php?${q}`, { redirect: 'manual' });
}

async function codeFor(scope?: string): Promise<string> {
  const res = await authorize(scope);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code') ?? '';
}

function token(body: Record<string, string>, form = true): Promise<Response> {
  return fetch(`${sim.url}/token.php?request=token`, {
    method: 'POST',
    headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json', Accept: 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}

const client = { client_id: 'sim-client', client_secret: 'sim-secret' };
const bearer = (t: string): Promise<Response> =>
  fetch(`${sim.url}/api/v1/employees/0?fields=firstName`, { headers: { Authorization: `Bearer ${t}`, Accept: 'application/json' } });

describe('OAuth 2.0 authorization code', () => {
  it('exchanges a code, uses the token, refreshes with rotation, and honours expiry', async () => {
    const code = await codeFor();
    const res = await token({ ...client, grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, false);
    expect(res.status).toBe(200);
    const first = (await res.json()) as Tokens;
    expect(first).toMatchObject({ expires_in: 3600, token_type: 'Bearer', scope: 'openid employee offline_access', companyDomain: 'acme' });
    expect(first.id_token.split('.')).toHaveLength(3);
    expect(first.refresh_token).toBeTruthy();

    const me = await bearer(first.access_token);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(String(sim.company.list()[0]?.id));

    const reused = await token({ ...client, grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });

    const refreshed = await token({ ...client, grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Tokens;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(sim.oauth.issuedRefreshTokens()).toEqual(expect.arrayContaining([first.refresh_token, second.refresh_token]));

    const old = await token({ ...client, grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error: 'invalid_grant' });

    sim.oauth.expireAccessTokens();
    const expired = await bearer(second.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('x-bamboohr-error-message')).toMatch(/expired/);

    sim.oauth.revokeRefreshTokens();
    expect((await token({ ...client, grant_type: 'refresh_token', refresh_token: second.refresh_token ?? '' })).status).toBe(400);
  });

  it('issues no refresh token without offline_access', async () => {
    const code = await codeFor('openid+employee');
    const body = (await (await token({ ...client, grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()) as Tokens;
    expect(body.refresh_token).toBeUndefined();
  });

  it('rejects a bad client secret with 401 invalid_client and a redirect mismatch with invalid_grant', async () => {
    const code = await codeFor();
    const bad = await token({ ...client, client_secret: 'wrong', grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
    const mismatch = await token({ ...client, grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/other' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses unknown clients and non-loopback redirects at authorize.php', async () => {
    expect((await authorize(undefined, REDIRECT, 'someone-else')).status).toBe(400);
    expect((await authorize(undefined, 'https://evil.example.com/cb')).status).toBe(400);
  });

  it('an unknown bearer token is a 401', async () => {
    expect((await bearer('not-a-token')).status).toBe(401);
  });
});
