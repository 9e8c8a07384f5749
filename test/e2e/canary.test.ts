// Secrets never reach logs, stdout, stderr or error text: every secret is a unique canary,
// the run is made to retry, fail and log at debug level, and then everything is searched,
// including the base64 form an Authorization header would carry.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { runMlc } from '../helpers/cli.js';
import { writeSimConfig } from '../helpers/config.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const KEY = 'canary-apikey-5d1e77b3c9f0';
let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 4, size: 30, apiKeys: [{ key: KEY, employeeId: 101 }] });
});
afterAll(() => sim.close());

const forms = (s: string) => [s, Buffer.from(`${s}:x`).toString('base64'), encodeURIComponent(s)];

describe('canary secrets', () => {
  it('appear nowhere after a run with retries, failures and debug logs', async () => {
    const dir = tmp();
    const config = writeSimConfig(dir, sim.url, '  retry:\n    maxAttempts: 8\nlogging:\n  level: debug\n  file: ./mlc.log\n');
    sim.setFaults({ seed: 9, rate: 0.4, kinds: ['429', '503'], retryAfter: 0 });
    const env = { MLC_BAMBOOHR_API_KEY: KEY };
    const outputs: string[] = [];
    for (const args of [['ping'], ['sync', '--dry-run', '--verbose'], ['sync', '--dry-run', '--full', '--json']]) {
      const r = await runMlc([...args, '--config', config], { env });
      expect(r.code, r.stderr).toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    sim.setFaults(undefined);
    const wrong = await runMlc(['ping', '--config', config], { env: { MLC_BAMBOOHR_API_KEY: `${KEY}-revoked` } });
    expect(wrong.code).toBe(4);
    outputs.push(wrong.stdout, wrong.stderr);
    const log = readFileSync(join(dir, 'mlc.log'), 'utf8');
    expect(log).toMatch(/"msg":"retrying"/); // the faults were hit and logged
    expect(log).toMatch(/"msg":"http"/);
    const files = readdirSync(dir).filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f), 'utf8'));
    const haystack = [...outputs, log, ...files].join('\n');
    for (const needle of [...forms(KEY)]) expect(haystack).not.toContain(needle);
  });
});
