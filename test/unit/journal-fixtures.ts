// Builders for the journal planner tests: BambooHR employees as the reader hands them over
// (current fields + dated rows), a journal flow with inline lookups, and the README's worked
// example (November 2026: a mid-month hire, a termination, a transfer and a raise).
import { JournalOptions } from '../../src/app/journal/settings.js';
import type { FlowSettings } from '../../src/config/types.js';
import type { DatedRow } from '../../src/domain/dated.js';
import type { EmployeeRecord } from '../../src/domain/employee.js';

let seq = 0;

export const job = (date: string, department: string, location = 'Reykjavik, Iceland'): DatedRow => ({ table: 'jobInfo', date, seq: seq++, rowId: String(seq), data: { department, location, division: 'EMEA', jobTitle: 'Engineer' } });
export const status = (date: string, employmentStatus: string): DatedRow => ({ table: 'employmentStatus', date, seq: seq++, rowId: String(seq), data: { employmentStatus } });
export const pay = (date: string, rate: string, per: 'Year' | 'Hour' | 'Month' | 'Week' | 'Day' | 'Pay Period' = 'Year', currency = 'USD'): DatedRow => ({
  table: 'compensation', date, seq: seq++, rowId: String(seq), data: { rate, currency, type: per === 'Hour' ? 'Hourly' : 'Salary', paidPer: per },
});

export function person(id: string, hireDate: string, rows: DatedRow[], extra: Record<string, string | null> = {}): EmployeeRecord {
  return { id, fields: { firstName: `P${id}`, lastName: 'Test', employeeNumber: `E${id}`, hireDate, status: 'Active', ...extra }, rows: [status(hireDate, 'Full-Time'), ...rows] };
}

const lookup = (map: Record<string, string>) => ({ kind: 'lookup' as const, from: '', table: { source: 'inline', map: new Map(Object.entries(map)) } });

export function journalFlow(options: Record<string, unknown> = {}, over: Partial<FlowSettings> = {}): { flow: FlowSettings; options: JournalOptions } {
  const parsed = JournalOptions.parse({ kind: 'journal', offsetAccount: '000-2105-00', ...options });
  const flow: FlowSettings = {
    name: 'payroll', target: 'gp', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options: parsed,
    references: {
      department: { ...lookup({ Engineering: '100', Sales: '200', Finance: '300' }), from: 'department' },
      location: { ...lookup({ 'Reykjavik, Iceland': '09', 'Denver, Colorado': '01', 'Berlin, Germany': '06' }), from: 'location' },
    },
    ...over,
  };
  return { flow, options: parsed };
}

/** The README's worked example: five people, November 2026. */
export function workedExample(): EmployeeRecord[] {
  return [
    person('1', '2024-01-15', [job('2024-01-15', 'Engineering'), pay('2024-01-15', '78000.00')]),
    person('2', '2026-11-16', [job('2026-11-16', 'Sales'), pay('2026-11-16', '60000.00')]),
    person('3', '2022-03-01', [job('2022-03-01', 'Engineering'), pay('2022-03-01', '90000.00'), status('2026-11-10', 'Terminated')], { status: 'Inactive' }),
    person('4', '2025-06-01', [job('2025-06-01', 'Engineering'), job('2026-11-21', 'Sales'), pay('2025-06-01', '30.00', 'Hour')]),
    person('5', '2023-09-01', [job('2023-09-01', 'Sales'), pay('2023-09-01', '48000.00'), pay('2026-11-11', '54000.00')]),
  ];
}
