// The fault suite: a full and an incremental sync while both simulators inject, by seed, 20%
// of 429/503 with Retry-After, connection resets and answers slower than the timeout; the
// NetSuite token expires mid-run; the NetSuite account allows less concurrency than mlc is
// configured for. The final ERP state must equal BambooHR's, with no duplicate and nothing
// missing, and every applied operation audited.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../helpers/sandbox.js';
import { erpsUnderTest } from '../helpers/erps.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();

async function syncUntilDone(t: Awaited<ReturnType<typeof testSandbox>>, tries = 4): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < tries; i++) {
    const r = await t.run(['sync']);
    codes.push(r.code ?? -1);
    if (r.code === 0) break;
  }
  return codes;
}

// NetSuite gets two seeds and its own slow answers; the other ERPs one seed each.
const plans = erpsUnderTest().flatMap((erp) => (erp === 'netsuite' ? [101, 202] : [101]).map((seed) => ({ erp, seed })));

describe('fault suite', () => {
  for (const { erp, seed } of plans) {
    it(`${erp}: converges to BambooHR's state under 20% faults (seed ${seed})`, { timeout: 180_000 }, async () => {
      const t = await testSandbox(tmp(), { erp, size: 60, seed, erpConcurrency: 3, sessionTtlSec: 3 });
      try {
        // ERP calls time out after 1 s; NetSuite's 'slow' faults answer after 1.5 s.
        const yaml = readFileSync(t.config, 'utf8')
          .replace(/\n    concurrency: \d+\n/, '\n    concurrency: 6\n    timeout: 1s\n    retry: { maxAttempts: 8, maxDelay: 5s, budget: 60s }\n')
          .replace('  auth: apiKey\n', '  auth: apiKey\n  retry: { maxAttempts: 8, maxDelay: 5s, budget: 60s }\n');
        writeFileSync(t.config, yaml);
        t.sb.bamboo.setFaults({ seed, rate: 0.2, kinds: ['429', '503', 'reset'], retryAfter: 1 });
        if (erp === 'netsuite') t.sb.netsuite.setFaults({ seed, rate: 0.2, kinds: ['429', '503', 'reset', 'slow'], slowMs: 1500 });
        else t.sb.erp.setFaultRate(0.2, seed);
        const full = await syncUntilDone(t);
        expect(full.at(-1)).toBe(0);
        const faulted = (reqs: ReadonlyArray<{ status: number }>) => reqs.filter((r) => [0, 429, 500, 502, 503].includes(r.status)).length;
        const erpReqs = t.sb.erp.sim.requests;
        console.log(`${erp} seed ${seed}: full sync exit codes ${full.join(',')}; faults hit: BambooHR ${faulted(t.sb.bamboo.requests)}/${t.sb.bamboo.requests.length}, ${erp} ${faulted(erpReqs)}/${erpReqs.length}`);
        expect(faulted(erpReqs) + (t.sb.erp.sim.stats.faultsInjected ?? 0)).toBeGreaterThan(5);
        const first = expectErpMatchesBamboo(t);
        if (erp !== 'sage100') expect(first.records).toBe(first.active);
        if (erp === 'netsuite') expect(t.sb.netsuite.stats.tokensIssued).toBeGreaterThan(1); // the token expired mid-run

        // A month of changes, synced under the same faults.
        const c = t.sb.bamboo.company;
        t.sb.bamboo.clock.advance(60_000);
        const active = c.list().filter((e) => c.view(e).d.status === 'Active');
        for (const e of active.slice(0, 5)) c.addJobInfo(e.id, { date: t.sb.bamboo.clock.today(), department: 'Legal', location: 'Berlin, Germany', division: 'EMEA' });
        for (const e of active.slice(5, 8)) c.terminate(e.id, t.sb.bamboo.clock.today());
        for (let i = 0; i < 4; i++) c.hire({ firstName: `New${i}`, lastName: 'Hire', department: 'Sales', division: 'North America', location: 'Denver, Colorado', jobTitle: 'Account Executive' });
        const inc = await syncUntilDone(t);
        console.log(`${erp} seed ${seed}: incremental exit codes ${inc.join(',')}`);
        expect(inc.at(-1)).toBe(0);
        expectErpMatchesBamboo(t);
      } finally {
        await t.close();
      }
    });
  }
});
