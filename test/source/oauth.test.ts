// BambooHR OAuth against the simulator: code exchange, refresh before expiry, rotation stored
// before use, one refresh + retry on 401, and a refused refresh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlcError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { FileBackend } from '../../src/secrets/file.js';
import { SecretStore } from '../../src/secrets/store.js';
import type { SecretBackend, SecretRef } from '../../src/secrets/types.js';
import { OAuthAuth } from '../../src/source/bamboohr/auth.js';
import { BambooHrClient } from '../../src/source/bamboohr/client.js';
import { authorizeUrl, exchangeCode } from '../../src/source/bamboohr/oauth.js';
import { TokenManager } from '../../src/source/bamboohr/tokens.js';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { bambooHttp } from '../helpers/bamboo.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const REDIRECT = 'http://127.0.0.1:8765/callback';
let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 5, size: 20 });
});
afterAll(() => sim.close());

/** What `mlc auth login` does, minus the browser: follow the authorize URL, take the code. */
async function login(store: SecretStore): Promise<void> {
  const url = authorizeUrl(sim.url, { clientId: 'sim-client', redirectUri: REDIRECT, scopes: ['offline_access', 'employee', 'report'], state: 's1' });
  expect(url).toContain('&scope=offline_access+employee+report&');
  const res = await fetch(url, { redirect: 'manual' });
  const location = new URL(res.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('s1');
  const tok = await exchangeCode(bambooHttp(sim.url).http, { code: location.searchParams.get('code')!, clientId: 'sim-client', clientSecret: 'sim-secret', redirectUri: REDIRECT });
  await store.set({ connection: 'bamboohr', name: 'refresh_token' }, tok.refresh_token!);
  await store.set({ connection: 'bamboohr', name: 'access_token' }, JSON.stringify({ token: tok.access_token, expiresAt: Date.now() + 3600_000 }));
}

function storeIn(dir: string, extra: SecretBackend[] = []): SecretStore {
  return new SecretStore([new EnvBackend({ MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' }), ...extra, new FileBackend(join(dir, 'secrets.json'))]);
}

async function oauthClient(store: SecretStore, now: () => number = Date.now) {
  const { http, counter } = bambooHttp(sim.url);
  const tokens = await TokenManager.create({ http, secrets: store, clientId: 'sim-client', logger: silentLogger(), now });
  return { client: new BambooHrClient(http, new OAuthAuth(tokens)), counter, tokens };
}

const paths = () => sim.requests.map((r) => `${r.status} ${r.path}`);

describe('BambooHR OAuth', () => {
  it('uses the cached token, refreshes 5 minutes before expiry, and stores the rotated refresh token', async () => {
    const dir = tmp();
    const store = storeIn(dir);
    await login(store);
    const firstRefresh = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))['bamboohr.refresh_token'];
    let now = Date.now();
    const { client, tokens } = await oauthClient(store, () => now);
    expect(tokens.sources()).toEqual({ client_secret: 'env', refresh_token: 'file' });
    sim.requests.length = 0;
    await client.changed('2026-01-01T00:00:00Z');
    expect(paths()).toEqual(['200 /api/v1/employees/changed']);
    now += 3_400_000; // 55 minutes later: inside the 300 s early-refresh window
    sim.requests.length = 0;
    await client.changed('2026-01-01T00:00:00Z');
    expect(paths()).toEqual(['200 /token.php', '200 /api/v1/employees/changed']);
    const rotated = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))['bamboohr.refresh_token'];
    expect(rotated).not.toBe(firstRefresh);
    // the old refresh token is now dead at BambooHR: keeping it would have broken the next run
    const reuse = await fetch(`${sim.url}/token.php?request=token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: firstRefresh, client_id: 'sim-client', client_secret: 'sim-secret' }) });
    expect(reuse.status).toBe(400);
  });

  it('answers a 401 with one refresh and one retry', async () => {
    const store = storeIn(tmp());
    await login(store);
    const { client } = await oauthClient(store);
    sim.oauth.expireAccessTokens();
    sim.requests.length = 0;
    await client.changed('2026-01-01T00:00:00Z');
    expect(paths()).toEqual(['401 /api/v1/employees/changed', '200 /token.php', '200 /api/v1/employees/changed']);
  });

  it('stops with auth_refused and the login hint when the refresh token is refused', async () => {
    const store = storeIn(tmp());
    await login(store);
    const { client } = await oauthClient(store);
    sim.oauth.expireAccessTokens();
    sim.oauth.revokeRefreshTokens();
    const err = (await client.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^BambooHR refused the refresh token \(invalid_grant: .*\); run `mlc auth login bamboohr` again$/);
  });

  it('never uses a new access token whose rotated refresh token could not be stored', async () => {
    const dir = tmp();
    const store = storeIn(dir);
    await login(store);
    const readOnly: SecretBackend = {
      source: 'file',
      unavailableReason: async () => undefined,
      get: async () => undefined,
      set: async (ref: SecretRef) => {
        throw new Error(`disk full writing ${ref.name}`);
      },
    };
    // the failing backend shadows the real file for writes, the real file still answers reads
    const failing = new SecretStore([new EnvBackend({ MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' }), readOnly, new FileBackend(join(dir, 'secrets.json'))]);
    const { client } = await oauthClient(failing);
    sim.oauth.expireAccessTokens();
    sim.requests.length = 0;
    const err = (await client.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^BambooHR issued a new refresh token that could not be stored \(disk full writing refresh_token\)/);
    expect(paths()).toEqual(['401 /api/v1/employees/changed', '200 /token.php']);
  });

  it('refuses a wrong client secret at code exchange with a clear message', async () => {
    const url = authorizeUrl(sim.url, { clientId: 'sim-client', redirectUri: REDIRECT, scopes: ['offline_access'], state: 'x' });
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const err = (await exchangeCode(bambooHttp(sim.url).http, { code, clientId: 'sim-client', clientSecret: 'wrong', redirectUri: REDIRECT }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^BambooHR refused the authorization code \(invalid_client/);
  });
});
