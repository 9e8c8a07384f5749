import { describe, expect, it } from 'vitest';
import { dueBetween, isBackdated, rowAsOf, scheduledAfter, type DatedRow } from '../../src/domain/dated.js';
import { employeeStateAsOf } from '../../src/domain/employee.js';

let seq = 0;
const job = (date: string | null, department: string, rowId?: string): DatedRow => ({ table: 'jobInfo', date, seq: seq++, rowId, data: { department, location: 'Denver' } });
const status = (date: string, employmentStatus: string): DatedRow => ({ table: 'employmentStatus', date, seq: seq++, data: { employmentStatus } });
const fields = { firstName: 'Ana', lastName: 'Ruiz', status: 'Active', hireDate: '2020-01-06', department: 'Sales', location: 'Denver' };

describe('effective dating', () => {
  it('a future transfer is scheduled, not in force, until its date', () => {
    const rows = [job('2020-01-06', 'Sales'), job('2026-12-01', 'Finance')];
    expect(rowAsOf(rows, 'jobInfo', '2026-11-30')?.data.department).toBe('Sales');
    expect(rowAsOf(rows, 'jobInfo', '2026-12-01')?.data.department).toBe('Finance');
    expect(scheduledAfter(rows, '2026-11-23').map((r) => r.date)).toEqual(['2026-12-01']);
    expect(scheduledAfter(rows, '2026-12-01')).toEqual([]);
    // the due-date sweep: taking effect after the last sweep and by today
    expect(dueBetween(rows, '2026-11-30', '2026-12-01').map((r) => r.data.department)).toEqual(['Finance']);
    expect(dueBetween(rows, '2026-12-01', '2026-12-05')).toEqual([]);
    const before = employeeStateAsOf({ id: '7', fields, rows }, '2026-11-30');
    const after = employeeStateAsOf({ id: '7', fields, rows }, '2026-12-01');
    expect([before.department, after.department]).toEqual(['Sales', 'Finance']);
  });

  it('a back-dated change is in force at once and flagged as back-dated', () => {
    const late = { ...job('2026-11-01', 'Legal'), firstSeenAt: '2026-11-23T10:00:00Z' };
    const rows = [job('2020-01-06', 'Sales'), late];
    expect(employeeStateAsOf({ id: '7', fields, rows }, '2026-11-23').department).toBe('Legal');
    expect(isBackdated(late, '2026-11-23')).toBe(true);
    expect(isBackdated(job('2026-11-23', 'Legal'), '2026-11-23')).toBe(false);
  });

  it('a termination takes effect on its date, not before', () => {
    const rows = [status('2020-01-06', 'Full-Time'), status('2026-11-30', 'Terminated')];
    const eve = employeeStateAsOf({ id: '7', fields, rows }, '2026-11-29');
    const day = employeeStateAsOf({ id: '7', fields, rows }, '2026-11-30');
    expect([eve.phase, eve.terminationDate]).toEqual(['active', null]);
    expect([day.phase, day.terminationDate, day.employmentStatus]).toEqual(['terminated', '2026-11-30', 'Terminated']);
  });

  it('a rehire makes the same employee active again from the rehire date', () => {
    const rows = [status('2019-03-01', 'Full-Time'), status('2023-06-30', 'Terminated'), status('2026-12-07', 'Part-Time')];
    const f = { ...fields, hireDate: '2026-12-07', originalHireDate: '2019-03-01', status: 'Inactive' };
    expect(employeeStateAsOf({ id: '9', fields: f, rows }, '2026-11-23')).toMatchObject({ phase: 'terminated', terminationDate: '2023-06-30' });
    expect(employeeStateAsOf({ id: '9', fields: f, rows }, '2026-12-07')).toMatchObject({ phase: 'active', terminationDate: null, employmentStatus: 'Part-Time', originalHireDate: '2019-03-01' });
  });

  it('two rows on one date: the later entry wins (row id, else answer order)', () => {
    const byId = [job('2026-01-01', 'Second', '905'), job('2026-01-01', 'First', '88')];
    expect(rowAsOf(byId, 'jobInfo', '2026-06-01')?.data.department).toBe('Second');
    const byOrder = [job('2026-01-01', 'First'), job('2026-01-01', 'Second')];
    expect(rowAsOf(byOrder, 'jobInfo', '2026-06-01')?.data.department).toBe('Second');
  });

  it('an undated row (0000-00-00 from BambooHR) is never applied', () => {
    const rows = [job('2020-01-06', 'Sales'), job(null, 'Ghost')];
    expect(rowAsOf(rows, 'jobInfo', '2099-01-01')?.data.department).toBe('Sales');
    expect(scheduledAfter(rows, '2000-01-01').map((r) => r.data.department)).toEqual(['Sales']);
  });

  it('a future hire with no row in force yet is pending, and falls back to current fields without rows', () => {
    const f = { ...fields, hireDate: '2026-12-14', status: 'Inactive' };
    expect(employeeStateAsOf({ id: '3', fields: f, rows: [status('2026-12-14', 'Full-Time')] }, '2026-11-23').phase).toBe('pending_hire');
    expect(employeeStateAsOf({ id: '3', fields: f, rows: [status('2026-12-14', 'Full-Time')] }, '2026-12-14').phase).toBe('active');
    expect(employeeStateAsOf({ id: '4', fields: { ...fields, status: 'Inactive' }, rows: [] }, '2026-11-23').phase).toBe('terminated');
    expect(employeeStateAsOf({ id: '5', fields, rows: [] }, '2026-11-23')).toMatchObject({ phase: 'active', department: 'Sales' });
  });

  it('pay comes from the compensation row in force', () => {
    const comp = (date: string, rate: string): DatedRow => ({ table: 'compensation', date, seq: seq++, data: { rate, currency: 'USD', type: 'Salary', paidPer: 'Year' } });
    const rows = [comp('2024-01-01', '60000.00'), comp('2027-01-01', '65000.00')];
    expect(employeeStateAsOf({ id: '7', fields, rows }, '2026-11-23').pay).toEqual({ rate: '60000.00', currency: 'USD', type: 'Salary', per: 'Year' });
  });
});
