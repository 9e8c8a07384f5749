import { afterEach, describe, expect, it } from 'vitest';
import type { BambooSim, CompanyEvent } from '../../src/sim/bamboohr/index.js';
import { call, plainEmployee, startSim } from './helpers.js';

let sim: BambooSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const DAY = 86_400_000;
const fields = async (s: BambooSim, id: number, list: string): Promise<Record<string, string | null>> =>
  (await call(s, `/api/v1/employees/${id}?fields=${list}`)).json<Record<string, string | null>>();

describe('effective dating', () => {
  it('switches current values when the clock crosses a future row, and fires employee.updated then', async () => {
    const s = (sim = await startSim());
    const id = plainEmployee(s);
    const events: CompanyEvent[] = [];
    s.company.onEvent((e) => events.push(e));
    const before = await fields(s, id, 'department,jobTitle');
    const lastChanged = s.company.get(id)?.lastChanged;
    const rowId = s.company.addJobInfo(id, { date: '2026-04-01', department: 'Finance', jobTitle: 'Controller' });
    expect(rowId).toBeGreaterThan(0);
    expect(await fields(s, id, 'department,jobTitle')).toEqual(before);
    expect(events.filter((e) => e.employeeId === id)).toHaveLength(0);
    const stampedAt = s.company.get(id)?.lastChanged;
    expect(stampedAt).not.toBe(lastChanged);

    s.clock.advance(20 * DAY);
    expect(s.clock.today()).toBe('2026-04-04');
    expect(await fields(s, id, 'department,jobTitle')).toMatchObject({ department: 'Finance', jobTitle: 'Controller' });
    expect(events.filter((e) => e.employeeId === id)).toEqual([expect.objectContaining({ kind: 'updated', employeeId: id, changedFields: expect.arrayContaining(['department', 'jobTitle']) })]);
    // The harsher default: crossing the date does not move lastChanged.
    expect(s.company.get(id)?.lastChanged).toBe(stampedAt);
  });

  it('bumps lastChanged on the effective date when asked to', async () => {
    const s = (sim = await startSim({ bumpLastChangedOnEffectiveDate: true }));
    const id = plainEmployee(s);
    s.company.addCompensation(id, { startDate: '2026-03-20', rate: { value: 99000, currency: 'USD' }, type: 'Salary', paidPer: 'Year' });
    const stamped = s.company.get(id)?.lastChanged;
    s.clock.advance(10 * DAY);
    expect(s.company.get(id)?.lastChanged).not.toBe(stamped);
    expect((await fields(s, id, 'payRate'))['payRate']).toBe('99000.00 USD');
  });

  it('a cancelled future row disappears and never takes effect', async () => {
    const s = (sim = await startSim());
    const id = plainEmployee(s);
    const rowId = s.company.addJobInfo(id, { date: '2026-03-20', department: 'Legal' });
    s.company.removeRow(id, 'jobInfo', rowId);
    s.clock.advance(10 * DAY);
    expect((await fields(s, id, 'department'))['department']).not.toBe('Legal');
    const rows = (await call(s, `/api/v1/employees/${id}/tables/jobInfo`)).json<Array<{ id: string }>>();
    expect(rows.map((r) => r.id)).not.toContain(String(rowId));
  });

  it('derives termination and rehire values', async () => {
    const s = (sim = await startSim());
    const id = plainEmployee(s);
    const hireDate = s.company.get(id)?.hireDate;
    s.company.terminate(id, '2026-03-31');
    expect(await fields(s, id, 'status,terminationDate')).toMatchObject({ status: 'Active', terminationDate: null });
    expect((await call(s, `/api/v1/employees/${id}?fields=terminationDate&onlyCurrent=false`)).json<Record<string, string>>()['terminationDate']).toBe('2026-03-31');
    s.clock.set('2026-04-02T18:00:00Z');
    expect(await fields(s, id, 'status,terminationDate,employmentHistoryStatus')).toEqual({
      id: String(id), status: 'Inactive', terminationDate: '2026-03-31', employmentHistoryStatus: 'Terminated',
    });
    s.company.rehire(id, '2026-04-02');
    expect(await fields(s, id, 'status,terminationDate,hireDate,originalHireDate,employmentHistoryStatus')).toEqual({
      id: String(id), status: 'Active', terminationDate: null, hireDate: '2026-04-02', originalHireDate: hireDate ?? null, employmentHistoryStatus: 'Full-Time',
    });
  });

  it('the generated future termination takes effect on its date', async () => {
    const s = (sim = await startSim());
    const e = s.company.list().find((x) => x.employmentStatus.some((r) => r.employmentStatus === 'Terminated' && r.date > s.clock.today()));
    const row = e?.employmentStatus.find((r) => r.employmentStatus === 'Terminated');
    expect((await fields(s, e?.id ?? 0, 'status'))['status']).toBe('Active');
    s.clock.set(`${row?.date ?? ''}T20:00:00Z`);
    expect((await fields(s, e?.id ?? 0, 'status'))['status']).toBe('Inactive');
  });
});
