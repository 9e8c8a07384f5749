// `mlc fleet sync` through the built CLI: twenty companies, each with its own simulators,
// state and secret namespace, of different sizes; one with a wrong key, one with an unmapped
// department, one whose lock another run holds, one killed (SIGKILL) mid-run. Each gets its
// own result and exit code, the fleet the worst of them; concurrency is respected, measured
// both from the fleet's report and from what the simulators saw; and after the causes are
// fixed, a second fleet run leaves every company's ERP equal to its BambooHR.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';
import { until } from '../helpers/until.js';
import { maxOverlap, parseJson, useFleet, type FleetCompany } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);

interface Result { name: string; status: string; exitCode: number | null; signal: string | null; startedAt: string; endedAt: string; counts: Record<string, number> | null; error: string | null }
interface Report { concurrency: number; companies: Result[]; attention: string[]; exitCode: number; totals: { companies: number; byStatus: Record<string, number> } }

/** When each company's BambooHR simulator saw its first and last request. */
const seenBySims = (cs: FleetCompany[]) => cs.map((c) => [Date.parse(c.sb.bamboo.requests[0]!.at), Date.parse(c.sb.bamboo.requests.at(-1)!.at)] as [number, number]);

describe('mlc fleet sync: twenty companies', () => {
  it('gives each company its own result and exit code, respects the concurrency, and loses nothing', async () => {
    const f = fleet();
    const sizes = [12, 30, 18, 45, 10, 25, 60, 15, 35, 20, 10, 50, 22, 14, 40, 28, 16, 33, 11, 24];
    const files = ['acme', 'blue-sky', 'cyberdyne', 'dunder-mifflin', 'globex', 'hooli', 'initech', 'krusty', 'los-pollos', 'massive-dynamic', 'nakatomi', 'oscorp', 'pied-piper', 'soylent', 'stark', 'tyrell', 'umbrella', 'vandelay', 'wayne', 'zorg'];
    for (const [i, file] of files.entries()) {
      // The killed company is slow on purpose (NetSuite answers in 40 ms, two at a time): it is
      // still writing when the test kills it.
      const slow = file === 'initech' ? { latencyMs: 40, erpConcurrency: 2 } : {};
      await f.add(file, { size: sizes[i]!, seed: 100 + i, ...slow });
    }
    const by = (file: string) => f.companies.find((c) => c.name === file.toUpperCase().replace(/-/g, '_'))!;
    const [wrongKey, unmapped, locked, killed] = [by('globex'), by('hooli'), by('oscorp'), by('initech')];

    // Causes: a wrong key, a new hire in a department no lookup covers, a run holding a lock.
    const env = { ...f.env(), MLC_GLOBEX_BAMBOOHR_API_KEY: 'not-the-key' };
    unmapped.sb.bamboo.clock.advance(60_000);
    unmapped.sb.bamboo.company.hire({ firstName: 'Ola', lastName: 'Nordmann', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' });
    const holder = locked.state();
    const lease = holder.lock.acquire({ command: 'another run (the test)', staleAfterMs: 600_000 });

    const running = f.run(['sync', f.dir, '--json'], env);
    // SIGKILL initech's own sync process (its pid is in its lock) once it has written a few.
    await until(() => killed.sb.netsuite.records.employees().length >= 3, 60_000);
    const s = killed.state();
    const pid = s.lock.holder()!.pid;
    s.close();
    process.kill(pid, 'SIGKILL');
    const first = await running;
    const report = parseJson<Report>(first);
    lease.release();
    holder.close();

    const result = (c: FleetCompany) => report.companies.find((r) => r.name === c.name)!;
    expect(report.companies).toHaveLength(20);
    expect(report.concurrency).toBe(4);
    expect(result(wrongKey)).toMatchObject({ status: 'auth', exitCode: 4 });
    expect(result(wrongKey).error).toMatch(/BambooHR/);
    expect(result(unmapped)).toMatchObject({ status: 'partial', exitCode: 1, counts: expect.objectContaining({ parked: 1 }) });
    expect(result(locked)).toMatchObject({ status: 'locked', exitCode: 5 });
    expect(result(locked).error).toContain('another run holds the lock');
    expect(result(killed)).toMatchObject({ status: 'crashed', exitCode: 137, signal: 'SIGKILL' });
    const others = report.companies.filter((r) => ![wrongKey, unmapped, locked, killed].some((c) => c.name === r.name));
    expect(others.map((r) => [r.name, r.status, r.exitCode])).toEqual(others.map((r) => [r.name, 'ok', 0]));
    for (const r of others) expect(r.counts!.created, r.name).toBeGreaterThan(0);
    // The worst decides the exit code; the summary names who needs attention, worst first.
    expect(first.code).toBe(70);
    expect(report.exitCode).toBe(70);
    expect(report.attention).toEqual(['INITECH', 'GLOBEX', 'OSCORP', 'HOOLI']);
    expect(report.totals).toMatchObject({ companies: 20, byStatus: { ok: 16, auth: 1, partial: 1, locked: 1, crashed: 1 } });
    // Children's error reports reach the fleet's stderr, each line under its company's name.
    expect(first.stderr).toMatch(/^GLOBEX: mlc: error: .*BambooHR/m);

    // Concurrency: at most 4 at once, by the fleet's clock and by the simulators'.
    const spans = report.companies.map((r) => [Date.parse(r.startedAt), Date.parse(r.endedAt)] as [number, number]);
    expect(maxOverlap(spans)).toBeLessThanOrEqual(4);
    expect(maxOverlap(spans)).toBeGreaterThanOrEqual(2); // and it did run companies side by side
    expect(maxOverlap(seenBySims(f.companies.filter((c) => c.sb.bamboo.requests.length > 0)))).toBeLessThanOrEqual(4);

    // Fix the causes; the second run finishes every company (initech takes its dead lock over).
    appendFileSync(join(unmapped.dir, 'departments.csv'), `${unmapped.sb.erp.addDepartment('Skunkworks').lookupLine}\n`);
    const second = await f.run(['sync', f.dir]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const lines = second.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    for (const c of f.companies) expect(lines.find((l) => l.startsWith(`${c.name} `)), c.name).toMatch(/^\S+\s+ok\s+exit 0\s+\d+ read/);
    expect(lines[20]).toMatch(/^mlc fleet sync: 20 companies in [\d.]+ s \(4 at a time\): 20 ok; .*; exit 0$/);
    for (const c of f.companies) expectErpMatchesBamboo(c);
  }, 120_000);
});
