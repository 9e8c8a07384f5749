// Canary secrets through a whole sync with faults and failures, for every registered ERP: the
// BambooHR key, the ERP's secrets and the notification URL must not appear in stdout, stderr,
// the log file, the state database (audit rows included), the audit export or argv.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { erpsUnderTest } from '../helpers/erps.js';
import { testSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const KEY = 'canary-bamboo-8c2f4e6a0b1d';

/** The canary forms of a secret: itself, and each line of a PEM's body. */
const forms = (v: string) => (v.includes('-----BEGIN') ? v.split('\n').filter((l) => l && !l.startsWith('-----')) : [v]);

describe('canary secrets through a sync', () => {
  for (const erp of erpsUnderTest()) it(`${erp}: leave no trace anywhere mlc writes`, { timeout: 90_000 }, async () => {
    const dir = tmp();
    const hooks: string[] = [];
    const hookServer = createServer((req, res) => {
      let b = '';
      req.on('data', (d: Buffer) => (b += d.toString()));
      req.on('end', () => {
        hooks.push(`${req.url} ${b}`);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    // The notification URL is a secret too (a Slack webhook URL is a credential).
    const NOTIFY = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/services/canary-notify-3b9d2f7e`;
    const t = await testSandbox(dir, { erp, size: 25, seed: 31, apiKey: KEY, extraConfig: 'logging:\n  level: debug\n  file: ./mlc.log\nnotify:\n  kind: json\n' });
    try {
      const env = { MLC_BAMBOOHR_API_KEY: KEY, MLC_NOTIFY_URL: NOTIFY };
      t.sb.bamboo.setFaults({ seed: 3, rate: 0.3, kinds: ['429', '503'], retryAfter: 0 });
      t.sb.erp.setFaultRate(0.3, 4);
      t.sb.erp.inject('reject-next-write');
      const outs: string[] = [];
      for (const args of [['ping'], ['sync', '--verbose'], ['sync', '--full', '--json'], ['audit', 'list', '--json'], ['status', '--json']]) {
        const r = await t.run(args, env);
        outs.push(r.stdout, r.stderr);
        if (process.env.DEBUG_CANARY) console.log(args.join(" "), r.code, r.stdout.slice(0, 600), r.stderr.slice(0, 600));
      }
      t.sb.bamboo.setFaults(undefined);
      t.sb.erp.setFaultRate(0, 4);
      expect(t.sb.erp.written().length).toBeGreaterThan(10);
      const log = readFileSync(join(dir, 'mlc.log'), 'utf8');
      expect(log).toContain('"msg":"retrying"');
      const db = readFileSync(join(dir, 'mlc.db')).toString('latin1') + readFileSync(join(dir, 'mlc.db-wal'), { flag: 'a+' }).toString('latin1');
      const s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
      expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'parked' AND error_code = 'record_rejected'").pluck().get(), 'the audit recorded the refusal').toBeGreaterThan(0);
      s.close();
      const erpSecrets = Object.values(t.sb.erp.env()).flatMap(forms).filter((v) => v.length >= 8);
      expect(hooks.some((h) => h.includes('"event":"problem"'))).toBe(true); // the notification did go out
      expect(statSync(join(dir, 'mlc.db')).mode & 0o777).toBe(0o600);
      const needles = [KEY, Buffer.from(`${KEY}:x`).toString('base64'), ...erpSecrets, 'canary-notify-3b9d2f7e'];
      for (const [i, hay] of [...outs, log, db].entries()) for (const n of needles) expect(hay.includes(n), `found ${n.slice(0, 12)}… in #${i}: ${hay.slice(Math.max(0, hay.indexOf(n) - 200), hay.indexOf(n) + 60)}`).toBe(false);
    } finally {
      await t.close();
      hookServer.close();
    }
  });
});
