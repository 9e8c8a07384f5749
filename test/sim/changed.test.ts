import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, plainEmployee, since, startSim, TODAY } from './helpers.js';

type Changed = { latest: string; employees: Record<string, { id: string; action: string; lastChanged: string }> | [] };
type ChangedTable = { table: string; employees: Record<string, { lastChanged: string; rows: Array<Record<string, unknown>> }> | [] };

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const changed = async (s: string, extra = ''): Promise<Changed> => (await call(sim, `/api/v1/employees/changed?since=${since(s)}${extra}`)).json<Changed>();

describe('GET /employees/changed', () => {
  it('answers an empty JSON array, and since normalised to +00:00, when nothing changed', async () => {
    const r = await changed('2030-01-01T00:00:00-07:00');
    expect(r).toEqual({ latest: '2030-01-01T07:00:00+00:00', employees: [] });
  });

  it('returns employees changed strictly after since, with latest = max lastChanged', async () => {
    const all = await changed('2000-01-01T00:00:00Z');
    const entries = Object.values(all.employees);
    expect(entries).toHaveLength(sim.company.list().length);
    const max = entries.map((e) => e.lastChanged).sort().at(-1);
    expect(all.latest).toBe(max);
    const again = await changed(all.latest);
    expect(again.employees).toEqual([]);
    expect(entries.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/.test(e.lastChanged))).toBe(true);
  });

  it('moves an employee into the feed when it is mutated, stamped with the sim clock', async () => {
    const before = await changed('2000-01-01T00:00:00Z');
    const id = plainEmployee(sim);
    sim.clock.advance(60_000);
    sim.company.update(id, { preferredName: 'Changed' });
    const after = await changed(before.latest);
    expect(Object.keys(after.employees)).toEqual([String(id)]);
    const entry = (after.employees as Record<string, { action: string; lastChanged: string }>)[String(id)];
    expect(entry?.action).toBe('Updated');
    expect(Date.parse(entry?.lastChanged ?? '')).toBe(Math.floor(sim.clock.now().getTime() / 1000) * 1000);
  });

  it('reports Inserted for hires and Deleted for deletions, and filters by type', async () => {
    const mark = sim.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
    sim.clock.advance(2000);
    const hired = sim.company.hire({ firstName: 'New', lastName: 'Hire', department: 'Engineering' });
    const gone = plainEmployee(sim, [hired]);
    sim.company.remove(gone);
    const all = await changed(mark);
    expect(all.employees).toMatchObject({ [hired]: { action: 'Inserted' }, [gone]: { action: 'Deleted' } });
    const deleted = await changed(mark, '&type=deleted');
    expect(Object.keys(deleted.employees)).toEqual([String(gone)]);
    expect((await call(sim, `/api/v1/employees/${gone}?fields=firstName`)).status).toBe(404);
  });

  it('accepts Z, ±hh:mm and ±hhmm, and rejects missing or invalid since with 400', async () => {
    for (const s of ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00+02:00', '2026-01-01T00:00:00+0200', '2026-01-01T00:00:00-07:00']) {
      expect((await call(sim, `/api/v1/employees/changed?since=${since(s)}`)).status).toBe(200);
    }
    for (const q of ['', '?since=yesterday', '?since=2026-01-01T00:00:00+02:00', '?since=2026-01-01', `?since=${since('2026-01-01T00:00:00Z')}&type=bogus`]) {
      const r = await call(sim, `/api/v1/employees/changed${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('x-bamboohr-error-message')).toBeTruthy();
    }
  });
});

describe('GET /employees/changed/tables/{table}', () => {
  it('groups ALL rows (past and future) by employee, without ids, rate as a string', async () => {
    const r = (await call(sim, `/api/v1/employees/changed/tables/compensation?since=${since('2000-01-01T00:00:00Z')}`)).json<ChangedTable>();
    expect(r.table).toBe('compensation');
    const employees = r.employees as Exclude<ChangedTable['employees'], []>;
    const withFuture = sim.company.list().find((e) => e.compensation.some((row) => row.startDate > TODAY));
    expect(withFuture).toBeDefined();
    const entry = employees[String(withFuture?.id)];
    expect(entry?.rows).toHaveLength(withFuture?.compensation.length ?? -1);
    expect(entry?.lastChanged).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const row of entry?.rows ?? []) {
      expect(row).not.toHaveProperty('id');
      expect(row).not.toHaveProperty('employeeId');
      expect(row['rate']).toMatch(/^\d+\.\d\d (USD|CAD|EUR|GBP)$/);
    }
  });

  it('answers [] when nothing changed and 404 for an unknown table', async () => {
    const empty = (await call(sim, `/api/v1/employees/changed/tables/jobInfo?since=${since('2031-01-01T00:00:00Z')}`)).json<ChangedTable>();
    expect(empty).toEqual({ table: 'jobInfo', employees: [] });
    expect((await call(sim, `/api/v1/employees/changed/tables/nope?since=${since('2031-01-01T00:00:00Z')}`)).status).toBe(404);
    expect((await call(sim, '/api/v1/employees/changed/tables/jobInfo')).status).toBe(400);
  });

  it('hides restricted columns from a restricted key', async () => {
    const r = (await call(sim, `/api/v1/employees/changed/tables/compensation?since=${since('2000-01-01T00:00:00Z')}`, { key: 'sim-restricted-key' })).json<ChangedTable>();
    const rows = Object.values(r.employees as Record<string, { rows: Array<Record<string, unknown>> }>).flatMap((e) => e.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => !('rate' in row) && !('type' in row) && !('paidPer' in row) && 'startDate' in row)).toBe(true);
  });
});
