// The report's model, built from in-memory employees and flows (pure parts): what happens
// next from dated rows and lookups, mapping coverage, open records grouped by reason.
import { describe, expect, it } from 'vitest';
import { mappingCoverage } from '../../src/app/report/coverage.js';
import { peopleFrom } from '../../src/app/report/people.js';
import { upcomingChanges } from '../../src/app/report/upcoming.js';
import { waitingGroups } from '../../src/app/report/waiting.js';
import type { FlowSettings, LookupTable } from '../../src/config/types.js';
import type { DatedRow } from '../../src/domain/dated.js';
import type { EmployeeRecord } from '../../src/domain/employee.js';
import type { AuditRow } from '../../src/store/audit.js';

const TODAY = '2026-11-23';
let seq = 0;
const job = (date: string, department: string, extra: Record<string, string> = {}): DatedRow => ({ table: 'jobInfo', date, seq: seq++, data: { department, division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer', ...extra } });
const status = (date: string, employmentStatus: string): DatedRow => ({ table: 'employmentStatus', date, seq: seq++, data: { employmentStatus } });
const pay = (date: string, rate: string): DatedRow => ({ table: 'compensation', date, seq: seq++, data: { rate, currency: 'EUR', type: 'Salary', paidPer: 'Year' } });

function person(id: string, first: string, rows: DatedRow[], fields: Record<string, string> = {}, history = true): EmployeeRecord {
  const past = history ? [status('2020-01-06', 'Full-Time'), job('2020-01-06', 'Engineering')] : [];
  return { id, fields: { firstName: first, lastName: 'Tester', status: 'Active', hireDate: '2020-01-06', department: 'Engineering', division: 'EMEA', location: 'Berlin, Germany', ...fields }, rows: [...past, ...rows] };
}

const table = (entries: Record<string, string>): LookupTable => ({ source: '/etc/mlc/departments.csv', map: new Map(Object.entries(entries)) });

function flow(over: Partial<FlowSettings> = {}): FlowSettings {
  return {
    name: 'employees', target: 'netsuite', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options: {},
    references: {
      department: { kind: 'lookup', from: 'department', table: table({ Engineering: '101', Finance: '107', Legal: '110' }) },
      subsidiary: { kind: 'value', value: '1' },
    },
    ...over,
  };
}

const people = (names = true) =>
  peopleFrom([
    person('10', 'Ana', [job('2026-12-01', 'Finance')]),
    person('11', 'Ben', [job('2026-12-01', 'Quantum Research')]),
    person('12', 'Cleo', [status('2026-11-30', 'Terminated')]),
    person('13', 'Dev', [pay('2026-12-15', '98000')]),
    person('14', 'Eli', [job('2026-12-24', 'Engineering', { jobTitle: 'Staff Engineer' })]),
    person('15', 'Fay', [status('2027-01-04', 'Full-Time'), job('2027-01-04', 'Legal')], { hireDate: '2027-01-04', department: 'Legal' }, false),
    person('16', 'Gus', [status('2025-01-31', 'Terminated'), job('2026-12-01', 'Finance')]),
    person('17', 'Hal', [job('2026-10-01', 'Finance')]),
  ], TODAY, names);

describe('what happens next', () => {
  it('lists stored future rows in date order with the ERP value each org field maps to', () => {
    const next = upcomingChanges(flow(), people(), TODAY);
    expect(next.map((u) => [u.date, u.employeeId, u.kinds.join('+')])).toEqual([
      ['2026-11-30', '12', 'termination'],
      ['2026-12-01', '10', 'transfer'],
      ['2026-12-01', '11', 'transfer'],
      ['2026-12-15', '13', 'pay'],
      ['2026-12-24', '14', 'title'],
      ['2027-01-04', '15', 'hire'],
    ]);
    expect(next[1]).toMatchObject({ name: 'Ana Tester', changes: [{ field: 'department', from: 'Engineering', to: 'Finance', erp: { slot: 'department', value: '107', how: 'mapped' } }] });
    expect(next[2]!.changes[0]!.erp).toEqual({ slot: 'department', value: null, how: 'unmapped' });
    expect(next[4]!.changes).toEqual([{ field: 'jobTitle', from: 'Engineer', to: 'Staff Engineer', erp: undefined }]);
    // A hire shows where the person lands; the termination needs no field list.
    expect(next[5]!.changes).toEqual([{ field: 'department', from: null, to: 'Legal', erp: { slot: 'department', value: '110', how: 'mapped' } }]);
    expect(next[0]!.changes).toEqual([]);
  });

  it('never carries a pay amount, and no names when report.names is false', () => {
    const next = upcomingChanges(flow(), people(false), TODAY);
    expect(JSON.stringify(next)).not.toMatch(/98000|EUR|Salary/);
    expect(next.every((u) => u.name === null)).toBe(true);
  });

  it("keeps to the flow's filter, and uses the default where the flow says unmapped: default", () => {
    const berlinOnly = flow({ filter: { department: ['Finance'] } });
    expect(upcomingChanges(berlinOnly, people(), TODAY).map((u) => u.employeeId)).toEqual(['10']);
    const dept = flow().references.department as Extract<FlowSettings['references'][string], { kind: 'lookup' }>;
    const withDefault = flow({ unmapped: 'default', references: { department: { ...dept, default: '999' } } });
    expect(upcomingChanges(withDefault, people(), TODAY)[2]!.changes[0]!.erp).toEqual({ slot: 'department', value: '999', how: 'default' });
  });
});

describe('mapping coverage', () => {
  it('lists every value the flow meets, unmapped first, with active headcount and arrivals', () => {
    const f = flow();
    const cov = mappingCoverage(f, people(), upcomingChanges(f, people(), TODAY), []);
    expect(cov).toHaveLength(1);
    expect(cov[0]).toMatchObject({ slot: 'department', from: 'department', source: '/etc/mlc/departments.csv', unmapped: 1 });
    expect(cov[0]!.values.map((v) => [v.value, v.headcount, v.incoming, v.erp, v.how])).toEqual([
      ['Quantum Research', 0, 1, null, 'unmapped'],
      ['Engineering', 5, 0, '101', 'mapped'],
      // Gus left in 2025: his row for December changes nothing the ERP hears.
      ['Finance', 1, 1, '107', 'mapped'],
      ['Legal', 0, 1, '110', 'mapped'],
    ]);
  });

  it('a lookup keyed on a field audit.redact masks lists no values; provisioned values say so', () => {
    const provisioned = flow({ references: { department: { kind: 'lookup', from: 'department', table: { source: 'provisioned', map: new Map() }, provision: { code: '{id}', deactivate: false } } } });
    const cov = mappingCoverage(provisioned, people(), [], []);
    expect(cov[0]!.values.every((v) => v.how === 'provisioned' && v.erp === null)).toBe(true);
    expect(mappingCoverage(provisioned, people(), [], ['depart*'])[0]).toMatchObject({ withheld: true, values: [] });
  });
});

describe('what waits for a person', () => {
  const row = (id: number, over: Partial<AuditRow>): AuditRow => ({
    id, runId: 'run-1', flow: 'employees', family: 'employee', employeeId: '10', label: 'Ana Tester', kind: 'create', status: 'parked', reason: 'department: no lookup', errorCode: 'unmapped',
    effectiveDate: null, retro: false, sourceHash: null, payloadHash: null, payloadJson: null, erpKey: null, replayOf: null, createdAt: '2026-11-20T10:00:00Z',
    attempts: 1, startedAt: null, finishedAt: null, durationMs: null, responseJson: null, resolvedBy: null, ...over,
  });
  const rows = [
    row(5, {}),
    row(9, { employeeId: '11', label: 'Ben Tester', createdAt: '2026-11-21T10:00:00Z' }),
    row(7, { status: 'failed', errorCode: 'erp_unavailable', reason: 'NetSuite answered 503', employeeId: '12', label: 'Cleo Tester', createdAt: '2026-11-22T09:00:00Z' }),
    row(8, { family: 'reference', employeeId: 'department#17', label: 'Quantum Research', status: 'failed', errorCode: 'erp_rejected', reason: 'duplicate code', createdAt: '2026-11-19T09:00:00Z' }),
  ];
  const replay = (id: string | number) => `npx mlc replay ${id} --config /etc/mlc/mlc.yaml`;

  it('groups open rows by reason, longest waiting first, each with its replay command', () => {
    const groups = waitingGroups(rows, people(), true, replay);
    expect(groups.map((g) => [g.status, g.errorCode, g.records.map((r) => r.auditId)])).toEqual([
      ['failed', 'erp_rejected', [8]],
      ['parked', 'unmapped', [5, 9]],
      ['failed', 'erp_unavailable', [7]],
    ]);
    expect(groups[1]!.records[1]).toEqual({ auditId: 9, runId: 'run-1', family: 'employee', sourceKey: '11', name: 'Ben Tester', kind: 'create', since: '2026-11-21T10:00:00Z', attempts: 1, replay: 'npx mlc replay 9 --config /etc/mlc/mlc.yaml' });
    expect(groups[1]!.oldest).toBe('2026-11-20T10:00:00Z');
  });

  it('shows ids only for people when names are off, but keeps an org value’s label', () => {
    const groups = waitingGroups(rows, people(false), false, replay);
    expect(groups.flatMap((g) => g.records.map((r) => r.name))).toEqual(['Quantum Research', null, null, null]);
  });
});
