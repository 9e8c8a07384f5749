// Canary secrets through a whole sync with faults and failures: the BambooHR key and the
// NetSuite private key must not appear in stdout, stderr, the log file, the state database
// (audit rows included) or the audit export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const KEY = 'canary-bamboo-8c2f4e6a0b1d';

describe('canary secrets through a sync', () => {
  it('leave no trace anywhere mlc writes', async () => {
    const dir = tmp();
    const t = await testSandbox(dir, { size: 25, seed: 31, apiKey: KEY, extraConfig: 'logging:\n  level: debug\n  file: ./mlc.log\n' });
    try {
      const env = { MLC_BAMBOOHR_API_KEY: KEY };
      t.sb.bamboo.setFaults({ seed: 3, rate: 0.3, kinds: ['429', '503'], retryAfter: 0 });
      t.sb.netsuite.setFaults({ seed: 4, rate: 0.3, kinds: ['429', '503'], failNext: [{ status: 400, method: 'PUT', errorCode: 'USER_ERROR', detail: 'Simulated refusal' }] });
      const outs: string[] = [];
      for (const args of [['ping'], ['sync', '--verbose'], ['sync', '--full', '--json'], ['audit', 'list', '--json'], ['status', '--json']]) {
        const r = await t.run(args, env);
        outs.push(r.stdout, r.stderr);
        if (process.env.DEBUG_CANARY) console.log(args.join(" "), r.code, r.stdout.slice(0, 600), r.stderr.slice(0, 600));
      }
      t.sb.bamboo.setFaults(undefined);
      t.sb.netsuite.setFaults(undefined);
      expect(t.sb.netsuite.records.employees().length).toBeGreaterThan(10);
      const log = readFileSync(join(dir, 'mlc.log'), 'utf8');
      expect(log).toContain('"msg":"retrying"');
      const db = readFileSync(join(dir, 'mlc.db')).toString('latin1') + readFileSync(join(dir, 'mlc.db-wal'), { flag: 'a+' }).toString('latin1');
      expect(db).toContain('Simulated refusal'); // the audit did record the failure
      const pemBody = t.sb.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
      const needles = [KEY, Buffer.from(`${KEY}:x`).toString('base64'), ...pemBody];
      for (const hay of [...outs, log, db]) for (const n of needles) expect(hay.includes(n), `found ${n.slice(0, 12)}…`).toBe(false);
    } finally {
      await t.close();
    }
  });
});
