// `mlc auth login bamboohr` end to end with the built CLI: authorize URL on stderr, the
// simulator's redirect to mlc's loopback listener, tokens stored, later runs refreshing, and
// a refused refresh giving exit 4 with the way out.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { MLC_BIN, runMlc } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 8, size: 15 });
});
afterAll(() => sim.close());


describe('OAuth through the CLI', () => {
  it('logs in over a loopback redirect, then pings with refreshed tokens; a refused refresh exits 4', async () => {
    const dir = tmp();
    const port = await freePort();
    const config = join(dir, 'mlc.yaml');
    writeFileSync(
      config,
      `timezone: UTC\nsecrets:\n  file: ./secrets.json\nbamboohr:\n  companyDomain: acme\n  baseUrl: ${sim.url}\n  auth: oauth\n  oauth:\n    clientId: sim-client\n    redirectUri: http://127.0.0.1:${port}/callback\n`,
    );
    const env = { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' };
    const child = spawn(process.execPath, [MLC_BIN, 'auth', 'login', 'bamboohr', '--config', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const url = await new Promise<string>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/authorize\.php\S+)/.exec(stderr);
        if (m && stderr.includes('Waiting for BambooHR')) resolve(m[1]!);
      });
    });
    expect(url).toContain('scope=offline_access+public.integration+employee+employee%3Ajob+');
    // The "browser": BambooHR redirects to the loopback listener with the code.
    const consent = await fetch(url, { redirect: 'manual' });
    const landing = await fetch(consent.headers.get('location')!);
    expect(await landing.text()).toBe('mlc is logged in to BambooHR. You can close this window.');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(stdout).toBe('logged in to BambooHR: refresh token stored\n');
    const stored = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(['bamboohr.access_token', 'bamboohr.refresh_token']);
    expect(stderr + stdout).not.toContain(stored['bamboohr.refresh_token']!);

    sim.oauth.expireAccessTokens(); // the next run meets a 401, refreshes once, retries once
    const ping = await runMlc(['ping', '--config', config], { env: { HOME: dir, MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' } });
    expect(ping.code).toBe(0);
    expect(ping.stdout).toMatch(/oauth: client_secret from env, refresh_token from file {2}read employee/);
    const rotated = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(rotated['bamboohr.refresh_token']).not.toBe(stored['bamboohr.refresh_token']);

    sim.oauth.expireAccessTokens();
    sim.oauth.revokeRefreshTokens();
    const refused = await runMlc(['sync', '--dry-run', '--config', config], { env: { HOME: dir, MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' } });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^mlc: error: BambooHR refused the refresh token \(invalid_grant: .*\); run `mlc auth login bamboohr` again\n/);
  });

  it('refuses login when the config does not use OAuth, and when no redirect arrives in time', async () => {
    const dir = tmp();
    const config = join(dir, 'mlc.yaml');
    writeFileSync(config, `timezone: UTC\nbamboohr:\n  companyDomain: acme\n  baseUrl: ${sim.url}\n`);
    const res = await runMlc(['auth', 'login', 'bamboohr', '--config', config]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('bamboohr.auth is not "oauth" in the configuration');
    const port = await freePort();
    writeFileSync(config, `timezone: UTC\nbamboohr:\n  companyDomain: acme\n  baseUrl: ${sim.url}\n  auth: oauth\n  oauth:\n    clientId: sim-client\n    redirectUri: http://127.0.0.1:${port}/cb\n`);
    const late = await runMlc(['auth', 'login', 'bamboohr', '--timeout', '1s', '--config', config], { env: { MLC_BAMBOOHR_CLIENT_SECRET: 'sim-secret' } });
    expect(late.code).toBe(4);
    expect(late.stderr).toContain('mlc: error: no redirect from BambooHR within 1 s');
  });
});
