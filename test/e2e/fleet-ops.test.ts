// Running a fleet: a slow company holds only its own slot and a failing one frees its slot at
// once; --only and --dry-run; a company that outgrows --max-memory crashes alone; usage errors.
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { until } from '../helpers/until.js';
import { gate, pointBambooAt, useFleet } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);

interface Report { exitCode: number; companies: Array<{ name: string; status: string; exitCode: number | null; signal: string | null; error: string | null; summary: { dryRun?: boolean } | null; counts: { created: number } | null }> }

describe('mlc fleet sync: running many', () => {
  it('a slow company holds only its own slot; one that fails frees its slot at once', async () => {
    const f = fleet();
    const slow = await f.add('a-slow', { size: 10, seed: 1 });
    for (const [i, file] of ['b-fails', 'c', 'd', 'e'].entries()) await f.add(file, { size: 10, seed: 2 + i });
    // A's BambooHR answers only when the test says so: A is "still running" for certain.
    const g = await gate(slow.sb.bamboo.url);
    pointBambooAt(slow, g.url);
    try {
      const run = f.start(['sync', f.dir, '--concurrency', '2'], { MLC_B_FAILS_BAMBOOHR_API_KEY: 'wrong' });
      // Through the other slot: B fails, then C, D and E run one after another, while A waits.
      await until(() => ['B_FAILS', 'C', 'D', 'E'].every((n) => run.stdout().includes(`${n} `)), 60_000);
      expect(run.stdout()).not.toContain('A_SLOW');
      expect(g.held()).toBeGreaterThan(0);
      g.release();
      const res = await run.done;
      expect(res.code).toBe(4);
      const lines = res.stdout.trimEnd().split('\n');
      expect(lines.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['B_FAILS auth exit', 'C ok exit', 'D ok exit', 'E ok exit', 'A_SLOW ok exit', expect.stringMatching(/^mlc fleet sync:/)]);
      expect(lines[5]).toMatch(/: 5 companies in [\d.]+ s \(2 at a time\): 1 auth, 4 ok; .*; needs attention: B_FAILS \(auth\); exit 4$/);
    } finally {
      await g.close();
    }
  });

  it('--only runs the companies named; --dry-run writes nothing anywhere', async () => {
    const f = fleet();
    const [acme, globex] = [await f.add('acme', { size: 12, seed: 1 }), await f.add('globex', { size: 12, seed: 2 })];
    const dry = await f.json<Report>(['sync', f.dir, '--dry-run']);
    expect(dry.res.code, dry.res.stderr).toBe(0);
    for (const c of dry.out.companies) {
      expect(c.summary?.dryRun).toBe(true);
      expect(c.counts!.created).toBeGreaterThan(0);
      expect(c.summary).not.toHaveProperty('plan'); // the plan items stay in each company's own dry run
    }
    expect(acme.sb.netsuite.records.employees()).toHaveLength(0);
    expect(globex.sb.netsuite.records.employees()).toHaveLength(0);
    const only = await f.json<Report>(['sync', f.dir, '--only', 'globex']);
    expect(only.res.code).toBe(0);
    expect(only.out.companies.map((c) => c.name)).toEqual(['GLOBEX']);
    expect(globex.sb.netsuite.records.employees().length).toBeGreaterThan(0);
    expect(acme.sb.netsuite.records.employees()).toHaveLength(0);
  });

  it("a company that outgrows --max-memory crashes in its own process; the fleet reports it", async () => {
    const f = fleet();
    await f.add('acme', { size: 10, seed: 1 });
    const { res, out } = await f.json<Report>(['sync', f.dir, '--max-memory', '8']);
    expect(res.code).toBe(70);
    expect(out.companies[0]).toMatchObject({ name: 'ACME', status: 'crashed', signal: expect.stringMatching(/^SIG/) });
    expect(out.companies[0]!.error).toMatch(/^killed by SIG\w+ .*\(no tidy stop/);
  });

  it('usage errors exit 2 before anything runs', async () => {
    const f = fleet();
    const acme = await f.add('acme', { size: 10, seed: 1 });
    const cases: Array<[string[], string]> = [
      [['sync', f.dir, '--concurrency', '0'], '--concurrency must be an integer from 1 to 64, got 0'],
      [['sync', f.dir, '--concurrency', 'many'], '--concurrency expects a whole number, got "many"'],
      [['sync', f.dir, '--only', 'nobody'], '--only: no company NOBODY in the fleet; it has: ACME'],
      [['sync', `${f.dir}/missing`], 'fleet folder not found'],
      [['status', f.dir, '--max-age', 'soon'], '--max-age: expected a duration such as 26h, got "soon"'],
    ];
    for (const [args, message] of cases) {
      const res = await f.run(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    }
    expect(acme.sb.bamboo.requests).toHaveLength(0);
  });
});
