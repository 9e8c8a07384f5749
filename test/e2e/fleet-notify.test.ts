// Notifications in a fleet: each company's own `notify:` as before (its URL in its own
// namespace), plus the fleet digest: one message listing who failed, parked or went stale,
// not repeated while nothing changes, and the resolved ones named once. And `mlc fleet
// status`: one table from every company's state database, exit 7 when any is stale.
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { useFleet } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);
const servers: Array<() => void> = [];
afterEach(() => {
  for (const close of servers.splice(0)) close();
});

async function hookServer(): Promise<{ url: string; hits: Array<{ path: string; text: string }> }> {
  const hits: Array<{ path: string; text: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', text: (JSON.parse(body) as { text: string }).text });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

interface Status { stale: string[]; companies: Array<{ name: string; open: number; dueToday: number; stale: boolean; lastGood: unknown; running: unknown }> }
interface Report { exitCode: number; digest: { sent: boolean; problems: Array<{ company: string; isNew: boolean }>; resolved: string[] } | null }

describe('mlc fleet: digest, per-company notifications and status', () => {
  it('reports each problem once and each resolution once; fleet status tells who is stale', async () => {
    const hook = await hookServer();
    const f = fleet();
    const acme = await f.add('acme', { size: 12, seed: 1 });
    const hooli = await f.add('hooli', { size: 12, seed: 2 });
    const oscorp = await f.add('oscorp', { size: 12, seed: 3 });
    writeFileSync(join(f.dir, 'fleet.yaml'), 'digest:\n  kind: slack\n');
    appendFileSync(hooli.config, 'notify:\n  kind: slack\n');
    const env = { MLC_FLEET_NOTIFY_URL: `${hook.url}/fleet`, MLC_HOOLI_NOTIFY_URL: `${hook.url}/hooli` };
    const fleetHits = () => hook.hits.filter((h) => h.path === '/fleet');
    const hooliHits = () => hook.hits.filter((h) => h.path === '/hooli');

    hooli.sb.bamboo.clock.advance(60_000);
    hooli.sb.bamboo.company.hire({ firstName: 'Ola', lastName: 'Nordmann', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' });
    const holder = oscorp.state();
    const lease = holder.lock.acquire({ command: 'another run (the test)', staleAfterMs: 600_000 });

    const first = await f.json<Report>(['sync', f.dir], env);
    expect(first.res.code).toBe(5); // locked beats partial
    expect(fleetHits()).toHaveLength(1);
    expect(fleetHits()[0]!.text).toMatch(/^mlc fleet on .+: 2 companies need attention\n• HOOLI: 1 record\(s\) parked or failed \(mlc audit list --status open --config .*hooli\.yaml\) \[new\]\n• OSCORP: stale: no good run yet \(max age 26h\) \[new\]$/);
    expect(hooliHits()).toHaveLength(1); // HOOLI's own notify, as without a fleet
    expect(hooliHits()[0]!.text).toMatch(/finished with 1 parked and 0 failed record\(s\)/);
    expect(statSync(join(f.dir, '.mlc-fleet-state.json')).mode & 0o777).toBe(0o600);

    const status = await f.json<Status>(['status', f.dir]);
    expect(status.res.code).toBe(7);
    expect(status.res.stderr).toContain('mlc fleet: stale (no good run within the max age): HOOLI, OSCORP');
    expect(status.out.stale).toEqual(['HOOLI', 'OSCORP']);
    const row = (n: string) => status.out.companies.find((c) => c.name === n)!;
    expect(row('ACME')).toMatchObject({ stale: false, open: 0, lastGood: expect.objectContaining({ id: expect.any(String) }) });
    expect(row('HOOLI')).toMatchObject({ stale: true, open: 1, lastGood: null });
    expect(row('OSCORP')).toMatchObject({ stale: true, running: expect.objectContaining({ pid: process.pid }) });
    const dueBefore = row('ACME').dueToday;

    const second = await f.json<Report>(['sync', f.dir], env);
    expect(second.res.code).toBe(5);
    expect(second.out.digest).toMatchObject({ sent: false, resolved: [] });
    expect(second.out.digest!.problems.map((p) => [p.company, p.isNew])).toEqual([['HOOLI', false], ['OSCORP', false]]);
    expect(fleetHits()).toHaveLength(1); // nothing changed: nothing sent
    expect(hooliHits()).toHaveLength(1);

    appendFileSync(join(hooli.dir, 'departments.csv'), `${hooli.sb.erp.addDepartment('Skunkworks').lookupLine}\n`);
    lease.release();
    holder.close();
    // A transfer effective today at ACME: `fleet status` counts it among today's changes.
    const today = acme.sb.bamboo.clock.today();
    acme.sb.bamboo.clock.advance(60_000);
    acme.sb.bamboo.company.addJobInfo(acme.sb.bamboo.company.list().find((e) => acme.sb.bamboo.company.view(e).d.status === 'Active')!.id, { date: today, jobTitle: 'Chief Fleet Officer' });
    const third = await f.json<Report>(['sync', f.dir], env);
    expect(third.res.code, third.res.stderr).toBe(0);
    expect(fleetHits()).toHaveLength(2);
    expect(fleetHits()[1]!.text).toMatch(/: every company is fine again\nResolved: HOOLI, OSCORP$/);
    expect(hooliHits()[1]!.text).toMatch(/: resolved; run .+ finished cleanly\.$/);
    expect((await f.json<Report>(['sync', f.dir], env)).out.digest).toMatchObject({ sent: false, problems: [], resolved: [] });
    expect(fleetHits()).toHaveLength(2); // resolved once, then quiet

    const fresh = await f.json<Status>(['status', f.dir]);
    expect(fresh.res.code).toBe(0);
    expect(fresh.out.companies.find((c) => c.name === 'ACME')!.dueToday).toBe(dueBefore + 1);
    const text = await f.run(['status', f.dir, '--max-age', '1ms']);
    expect(text.code).toBe(7);
    expect(text.stdout).toMatch(/^COMPANY\s+LAST GOOD RUN\s+AGE\s+OPEN\s+DUE TODAY\s+SCHEDULED\s+STALE\s+NOTE\nACME\s+\d{4}-\d\d-\d\dT\S+\s+\S+\s+0\s+\d+\s+\d+\s+STALE\n/);
    expect(text.stdout).toMatch(/\nmlc fleet status: 3 companies, 3 stale: ACME, HOOLI, OSCORP \(max age 1ms\)\n$/);
  }, 90_000);
});
