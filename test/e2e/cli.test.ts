// The built CLI against the BambooHR simulator: exit codes, messages, dry-run output.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { runMlc } from '../helpers/cli.js';
import { writeSimConfig } from '../helpers/config.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const KEY = { MLC_BAMBOOHR_API_KEY: 'sim-full-access-key' };
let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 21, size: 120, start: '2026-11-23T16:00:00Z' });
});
afterAll(() => sim.close());

describe('mlc CLI', () => {
  it('prints its version and help, and exits 2 on a usage error', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await runMlc(['--version'])).stdout.trim()).toBe(pkg.version);
    const help = await runMlc(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/sync \[options\]/);
    expect(help.stdout).toContain(' 6  the no-silent-data-loss guard tripped');
    const bad = await runMlc(['synk']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'synk'/);
  });

  it('config check: OK on a good file; every problem with its line and exit 2 on a bad one', async () => {
    const dir = tmp();
    const good = writeSimConfig(dir, sim.url);
    const ok = await runMlc(['config', 'check', '--config', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${good}: OK (BambooHR acme, apiKey;`);
    const badFile = join(dir, 'bad.yaml');
    writeFileSync(badFile, 'timezone: America/Denver\nbamboohr:\n  companyDomain: acme\n  tabels: [jobInfo]\n  perEmployeeMax: many\n');
    const bad = await runMlc(['config', 'check'], { env: { MLC_CONFIG: badFile } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `mlc: error: 2 problems in the configuration\n  ${badFile}:4:3 bamboohr.tabels: unknown key (did you mean "tables"?)\n  ${badFile}:5:19 bamboohr.perEmployeeMax: expected number, got "many"\n`,
    );
    const missing = await runMlc(['ping', '--config', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`configuration file not found: ${join(dir, 'nope.yaml')}`);
  });

  it('config schema prints a JSON Schema', async () => {
    const res = await runMlc(['config', 'schema']);
    const schema = JSON.parse(res.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema.properties)).toEqual(['version', 'timezone', 'state', 'secrets', 'logging', 'bamboohr', 'targets', 'flows', 'audit', 'notify', 'webhook', 'report']);
  });

  it('ping: ok with the source of each credential; exit 4 on a refused or missing key', async () => {
    const config = writeSimConfig(tmp(), sim.url);
    const ok = await runMlc(['ping', '--config', config], { env: KEY });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {3}bamboohr {2}\d+ ms {2}apiKey: api_key from env {2}read employee \d+ \(.+\)\n$/);
    const json = JSON.parse((await runMlc(['ping', '--json', '--config', config], { env: KEY })).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ system: 'bamboohr', ok: true, auth: 'apiKey', credentials: { api_key: 'env' } });
    const refused = await runMlc(['ping', '--config', config], { env: { MLC_BAMBOOHR_API_KEY: 'wrong-key-123' } });
    expect(refused.code).toBe(4);
    expect(refused.stdout).toMatch(/^FAIL bamboohr .* BambooHR GET \/api\/v1\/employees\/0: HTTP 401/);
    expect(refused.stdout + refused.stderr).not.toContain('wrong-key-123');
    const none = await runMlc(['ping', '--config', config]);
    expect(none.code).toBe(4);
    expect(none.stdout).toContain('secret bamboohr.api_key is not set');
    expect(none.stdout).toContain('hint: run `mlc auth set bamboohr api_key` or set MLC_BAMBOOHR_API_KEY');
  });

  it('sync --dry-run lists what the engine would consider and writes nothing', async () => {
    const dir = tmp();
    const config = writeSimConfig(dir, sim.url);
    const res = await runMlc(['sync', '--dry-run', '--json', '--config', config], { env: { ...KEY, MLC_NOW: '2026-11-23T18:00:00Z' } });
    expect(res.code).toBe(0);
    const plan = JSON.parse(res.stdout) as { dryRun: boolean; asOf: string; requests: Record<string, number>; employees: Array<{ id: string; phase: string; scheduled: unknown[] }> };
    expect(plan.dryRun).toBe(true);
    expect(plan.asOf).toBe('2026-11-23');
    expect(plan.requests).toEqual({ bamboohr: 5 });
    expect(plan.employees).toHaveLength(sim.company.list().length);
    expect(plan.employees.filter((e) => e.scheduled.length > 0).length).toBeGreaterThan(0);
    expect(plan.employees.some((e) => e.phase === 'terminated')).toBe(true);
    expect(existsSync(join(dir, 'state.db'))).toBe(false);
    const text = await runMlc(['sync', '--dry-run', '--as-of', '2027-06-01', '--config', config], { env: KEY });
    expect(text.stdout).toMatch(/^Dry run as of 2027-06-01 \(incremental since 1970-01-01T00:00:00Z; BambooHR latest .*\)\. Nothing is written\./);
    expect(text.stdout).toMatch(/\n\d+ employees to consider: \d+ inserted, /);
  });

  it('a future-dated transfer is scheduled before its date and in force on it (MLC_NOW)', async () => {
    const dir = tmp();
    const config = writeSimConfig(dir, sim.url);
    const e = sim.company.list()[3]!;
    sim.company.addJobInfo(e.id, { date: '2026-12-01', department: 'Legal' });
    const at = async (now: string) => {
      const r = await runMlc(['sync', '--dry-run', '--json', '--config', config], { env: { ...KEY, MLC_NOW: now } });
      return (JSON.parse(r.stdout) as { employees: Array<{ id: string; department: string; scheduled: Array<{ date: string }>; dueToday: unknown[] }> }).employees.find((x) => x.id === String(e.id))!;
    };
    const before = await at('2026-11-30T20:00:00Z');
    expect(before.department).not.toBe('Legal');
    expect(before.scheduled.map((s) => s.date)).toContain('2026-12-01');
    const on = await at('2026-12-01T16:00:00Z');
    expect(on.department).toBe('Legal');
    expect(on.dueToday).toHaveLength(1);
  });

  it('exits 6 and names the fields when the key cannot read them', async () => {
    const config = writeSimConfig(tmp(), sim.url);
    const res = await runMlc(['sync', '--dry-run', '--config', config], { env: { MLC_BAMBOOHR_API_KEY: 'sim-restricted-key' } });
    expect(res.code).toBe(6);
    expect(res.stderr).toMatch(/mlc: error: BambooHR did not return 6 requested fields: (compensation\.\w+, ){3}payRate \(compensationPayRate, compensationPayRateCurrencyCode\), payType \(compensationPayType\), payPer \(compensationPaidPer\)\./);
    expect(res.stderr).toContain('hint: grant the API key');
  });

  it('exits 3 when BambooHR stays unreachable, and 2 on a bad MLC_NOW', async () => {
    const config = writeSimConfig(tmp(), 'http://127.0.0.1:9', '  retry:\n    maxAttempts: 2\n');
    const res = await runMlc(['sync', '--dry-run', '--config', config], { env: KEY });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/mlc: error: bamboohr: GET \/api\/v1\/employees\/changed failed after 2 attempts: connection refused by 127\.0\.0\.1:9: nothing listens there \(ECONNREFUSED\)\n {2}hint: check bamboohr\.baseUrl \(http:\/\/127\.0\.0\.1:9\)/);
    const badNow = await runMlc(['sync', '--dry-run', '--config', config], { env: { ...KEY, MLC_NOW: 'tomorrow' } });
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('MLC_NOW must be an ISO timestamp');
  });
});
