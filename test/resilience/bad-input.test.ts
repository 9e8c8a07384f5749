// The bad-input corpus: every case is a kind of bad input mlc meets in the field, with the
// exit code and the words it must answer with, and then the proof that nothing was lost or
// half-written: no operation left half-done, the cursor and the ERP untouched by a run that
// stopped, and a normal run afterwards bringing NetSuite exactly in line with BambooHR.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { testSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { useTempDir } from '../helpers/tmp.js';
import type { Case, Ctx } from './bad-input-types.js';
import { CASES_CONFIG } from './bad-input-config.js';
import { CASES_FIRST_HOUR } from './bad-input-first-hour.js';
import { CASES_RUNTIME } from './bad-input-runtime.js';

const tmp = useTempDir();

export const CASES: Case[] = [...CASES_CONFIG, ...CASES_RUNTIME, ...CASES_FIRST_HOUR];

function snapshot(c: Ctx): { cursor: string | undefined; writes: number; records: string } {
  let cursor: string | undefined;
  try {
    const s = c.db();
    cursor = s.cursors.get('employees')?.value;
    s.close();
  } catch {
    cursor = undefined; // no state, or a state the case broke on purpose
  }
  return { cursor, writes: c.t.sb.netsuite.stats.writes, records: JSON.stringify(c.t.sb.netsuite.records.employees()) };
}

describe('bad-input corpus', () => {
  for (const bad of CASES) {
    it(bad.name, async () => {
      const dir = tmp();
      const t = await testSandbox(dir, { size: 15, seed: 3 });
      const c: Ctx = {
        t, dir,
        edit: (f) => writeFileSync(t.config, f(readFileSync(t.config, 'utf8'))),
        db: () => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true }),
        vars: {},
      };
      try {
        if (bad.prepare === 'synced') expect((await t.run(['sync'])).code).toBe(0);
        await bad.arrange?.(c);
        const before = snapshot(c);
        const env = typeof bad.env === 'function' ? bad.env(c) : (bad.env ?? {});
        const res = await t.run(bad.args ?? ['sync'], env, bad.prefix?.(c));
        const said = res.stdout + res.stderr;
        expect(res.code, said).toBe(bad.code);
        const says = typeof bad.says === 'function' ? bad.says(c) : bad.says;
        if (typeof says === 'string') expect(said).toContain(says);
        else expect(said).toMatch(says);
        if (bad.noState) expect(existsSync(join(dir, 'mlc.db'))).toBe(false);
        // Nothing half-written: no operation left 'planned'; a stopped run moved nothing.
        if (existsSync(join(dir, 'mlc.db')) && bad.code !== 70) {
          const s = c.db();
          expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
          s.close();
        }
        if (bad.code >= 2 && bad.prepare === 'synced' && bad.code !== 70) {
          const after = snapshot(c);
          expect(after.cursor).toBe(before.cursor);
          expect(after.records).toBe(before.records);
        }
        // Nothing lost: once the cause is gone, a normal run converges.
        t.sb.bamboo.setFaults(undefined);
        t.sb.netsuite.setFaults(undefined);
        await bad.repair?.(c);
        chmodSync(dir, 0o700);
        const fixed = await t.run(['sync']);
        expect([0, 1], fixed.stdout + fixed.stderr).toContain(fixed.code);
        if (fixed.code === 1) expect((await t.run(['replay', String(latestRun(c))])).code).toBe(0);
        expectErpMatchesBamboo(t);
      } finally {
        await t.close();
      }
    });
  }
});

function latestRun(c: Ctx): string {
  const s = c.db();
  const id = s.runs.recent(1)[0]!.id;
  s.close();
  return id;
}
