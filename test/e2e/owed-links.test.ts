// Issue 8 §1: a supervisor link that could not be made is owed, and paid as soon as the
// manager has an ERP key: by a replay, by a later sync, or later in the same run. Through the
// built CLI against the simulators; assertions on NetSuite's records and the audit.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 20, seed: 31 });

function db(t: TestSandbox): State {
  return State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
}

const ns = (t: TestSandbox, id: number) => t.sb.netsuite.records.employeeByExternalId(`bhr-${id}`);

/** A manager in a department no lookup covers, and two reports in a mapped one. */
function team(t: TestSandbox) {
  const c = t.sb.bamboo.company;
  t.sb.bamboo.clock.advance(60_000);
  const boss = c.hire({ firstName: 'Nadia', lastName: 'Boss', department: 'Quantum Research', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Head of Research' });
  const reports = [0, 1].map((i) => c.hire({ firstName: `Rep${i}`, lastName: 'Orter', department: 'Sales', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst', reportsTo: boss }));
  return { boss, reports };
}

describe('owed supervisor links', () => {
  it('a parked manager: reports are written without the link, and get it when the manager is replayed', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const { boss, reports } = team(t);
    const second = await t.run(['sync']);
    expect(second.code).toBe(1); // the manager is parked
    expect(ns(t, boss)).toBeUndefined();
    for (const r of reports) expect(ns(t, r)).toMatchObject({ department: '104' }); // written, not held back
    for (const r of reports) expect(ns(t, r)!.supervisor).toBeUndefined();
    const s = db(t);
    expect(s.owed.all('employees').map((o) => [o.sourceKey, o.slot, o.on.sourceKey]).sort()).toEqual(reports.map((r) => [String(r), 'supervisor', String(boss)]).sort());
    const parked = s.audit.list({ status: 'open' }).find((r) => r.employeeId === String(boss))!;
    s.close();

    const id = t.sb.netsuite.records.addReference('department', { name: 'Quantum Research' });
    appendFileSync(join(t.dir, 'departments.csv'), `"Quantum Research",${id}\n`);
    const replay = await t.json<{ counts: { created: number; updated: number } }>(['replay', parked.runId]);
    expect(replay.res.code, replay.res.stderr).toBe(0);
    expect(replay.out.counts).toMatchObject({ created: 1, updated: 2 });
    const bossKey = ns(t, boss)!.id;
    for (const r of reports) expect(ns(t, r)!.supervisor).toBe(bossKey);
    const after = db(t);
    expect(after.owed.all('employees')).toEqual([]);
    expect(after.audit.list({ status: 'open' })).toEqual([]);
    after.close();
    // Paid: the next run has nothing to do.
    t.sb.bamboo.clock.advance(60_000);
    const quiet = await t.json<{ counts: { updated: number } }>(['sync']);
    expect(quiet.out.counts.updated).toBe(0);
  });

  it('the same, paid by a later sync once the mapping is fixed (nothing changed in BambooHR for the reports)', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const { boss, reports } = team(t);
    expect((await t.run(['sync'])).code).toBe(1);
    const id = t.sb.netsuite.records.addReference('department', { name: 'Quantum Research' });
    appendFileSync(join(t.dir, 'departments.csv'), `"Quantum Research",${id}\n`);
    t.sb.bamboo.clock.advance(60_000);
    const third = await t.json<{ counts: { created: number; updated: number } }>(['sync']);
    expect(third.res.code, third.res.stderr).toBe(0);
    expect(third.out.counts).toMatchObject({ created: 1, updated: 2 });
    for (const r of reports) expect(ns(t, r)!.supervisor).toBe(ns(t, boss)!.id);
  });

  it('a manager created later in the same run: reports wait for the key and are written once', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const c = t.sb.bamboo.company;
    t.sb.bamboo.clock.advance(60_000);
    // Reports hired first (lower ids), their manager after them.
    const reports = [0, 1, 2].map((i) => c.hire({ firstName: `Early${i}`, lastName: 'Hire', department: 'Sales', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Analyst' }));
    const boss = c.hire({ firstName: 'Late', lastName: 'Manager', department: 'Sales', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Sales Manager' });
    for (const r of reports) c.addJobInfo(r, { date: t.sb.bamboo.clock.today(), reportsTo: boss });
    t.sb.netsuite.requests.length = 0;
    const run = await t.json<{ counts: { created: number; updated: number } }>(['sync']);
    expect(run.res.code, run.res.stderr).toBe(0);
    expect(run.out.counts).toMatchObject({ created: 4, updated: 0 });
    for (const r of reports) expect(ns(t, r)!.supervisor).toBe(ns(t, boss)!.id);
    const puts = t.sb.netsuite.requests.filter((q) => q.method === 'PUT');
    expect(puts).toHaveLength(4); // each record once, the link included
    const s = db(t);
    expect(s.owed.all('employees')).toEqual([]);
    s.close();
  });
});
