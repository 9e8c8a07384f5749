// The bad-input corpus on the ERP side, for every registered ERP (src/sim/registry.ts): what
// the ERP answers when it refuses one record, fails one, refuses the credentials or cannot be
// reached, and a BambooHR value no lookup covers. Each with its exit code and words, nothing
// half-written, and a normal run afterwards bringing the ERP exactly in line with BambooHR.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { erpsUnderTest } from '../helpers/erps.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();

interface ErpCase {
  name: string;
  arrange(t: TestSandbox): void;
  env?: (t: TestSandbox) => Record<string, string>;
  code: number;
  says: RegExp;
  /** A refusal of the whole run moves nothing; a record-level one writes the others. */
  untouched: boolean;
  repair?: (t: TestSandbox) => void;
}

function moveSomeone(t: TestSandbox): void {
  const c = t.sb.bamboo.company;
  t.sb.bamboo.clock.advance(60_000);
  const e = c.list().find((x) => c.view(x).d.status === 'Active' && c.view(x).d.job?.department !== 'IT')!;
  c.addJobInfo(e.id, { date: t.sb.bamboo.clock.today(), department: 'IT' });
}

const CASES: ErpCase[] = [
  { name: 'refusing one record parks it with the ERP\'s words', arrange: (t) => (moveSomeone(t), t.sb.erp.inject('reject-next-write')), code: 1, says: /1 parked/, untouched: false },
  { name: 'failing one record leaves it open for the next run', arrange: (t) => (moveSomeone(t), t.sb.erp.inject('fail-next-write')), code: 1, says: /1 failed/, untouched: false },
  { name: 'refusing the credentials exits 4 and writes nothing', arrange: moveSomeone, env: (t) => t.sb.erp.env({ wrong: true }), code: 4, says: /error: /, untouched: true },
  {
    name: 'unreachable exits 3 and writes nothing', code: 3, says: /ECONNREFUSED|unreachable/, untouched: true,
    arrange: (t) => {
      moveSomeone(t);
      const y = readFileSync(t.config, 'utf8').replaceAll(t.sb.erp.url, 'http://127.0.0.1:9').replace(`\n  ${t.sb.erp.target}:\n`, `\n  ${t.sb.erp.target}:\n    retry: { maxAttempts: 2, maxDelay: 1s, budget: 5s }\n`);
      writeFileSync(t.config, y);
    },
    repair: (t) => t.rewriteConfig(),
  },
  {
    name: 'an unmapped department parks the record; mapping it lets it through', code: 1, says: /1 parked/, untouched: false,
    arrange: (t) => void t.sb.bamboo.company.hire({ firstName: 'Rae', lastName: 'Unmapped', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' }),
    repair: (t) => appendFileSync(join(t.dir, 'departments.csv'), `${t.sb.erp.addDepartment('Skunkworks').lookupLine}\n`),
  },
];

function cursorOf(t: TestSandbox): string | undefined {
  const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
  try {
    return s.cursors.get(t.sb.erp.flow)?.value;
  } finally {
    s.close();
  }
}

describe('bad input on the ERP side', () => {
  for (const erp of erpsUnderTest()) {
    for (const bad of CASES) {
      it(`${erp}: ${bad.name}`, { timeout: 60_000 }, async () => {
        const t = await testSandbox(tmp(), { erp, size: 15, seed: 3 });
        try {
          expect((await t.run(['sync'])).code).toBe(0);
          bad.arrange(t);
          const before = { cursor: cursorOf(t), records: JSON.stringify(t.sb.erp.written()) };
          const res = await t.run(['sync'], bad.env?.(t) ?? {});
          expect(res.code, res.stdout + res.stderr).toBe(bad.code);
          expect(res.stdout + res.stderr).toMatch(bad.says);
          const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
          expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get()).toBe(0);
          s.close();
          if (bad.untouched) expect({ cursor: cursorOf(t), records: JSON.stringify(t.sb.erp.written()) }).toEqual(before);
          bad.repair?.(t);
          const fixed = await t.run(['sync']);
          expect([0, 1], fixed.stdout + fixed.stderr).toContain(fixed.code);
          if (fixed.code === 1) {
            const last = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
            const run = last.runs.recent(1)[0]!.id;
            last.close();
            const replayed = await t.run(['replay', run]);
            expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
          }
          expectErpMatchesBamboo(t);
        } finally {
          await t.close();
        }
      });
    }
  }
});
