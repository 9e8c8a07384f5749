// Row-level changes behind the SimCompany mutations. Row ids come from one increasing
// sequence, so "latest entry wins" on equal dates is simply "higher id wins".
import { SimError, type CompensationInput, type EmploymentStatusInput, type HireInput, type JobInfoInput } from './company-inputs.js';
import { isIsoDate } from './dates.js';
import { currentRow } from './derive.js';
import { TABLE_NAMES, type CompensationRow, type EmploymentStatusRow, type JobInfoRow, type SimEmployee, type TableName } from './model.js';
import type { ReferenceData } from './reference-data.js';

export interface RowHost {
  readonly ref: ReferenceData;
  nextRowId(): number;
}

function requireDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new SimError(400, `${what} must be YYYY-MM-DD: ${value}`);
}

export function applyJobInfo(host: RowHost, e: SimEmployee, input: JobInfoInput): number {
  requireDate(input.date, 'date');
  const base = currentRow(e.jobInfo, (r) => r.date, input.date) ?? e.jobInfo[e.jobInfo.length - 1];
  const location = input.location ?? base?.location ?? host.ref.locations[0]?.name ?? '';
  const loc = host.ref.location(location) ?? host.ref.addLocation(location, { division: input.division });
  const row: JobInfoRow = {
    id: host.nextRowId(),
    date: input.date,
    department: host.ref.addDepartment(input.department ?? base?.department ?? host.ref.departments[0]?.name ?? 'General').name,
    division: host.ref.addDivision(input.division ?? (input.location ? loc.division : (base?.division ?? loc.division))).name,
    location: loc.name,
    jobTitle: host.ref.addJobTitle(input.jobTitle ?? base?.jobTitle ?? 'Employee').name,
    reportsTo: input.reportsTo !== undefined ? input.reportsTo : (base?.reportsTo ?? null),
  };
  if (row.reportsTo === e.id) throw new SimError(400, 'an employee cannot report to themselves');
  e.jobInfo.push(row);
  return row.id;
}

export function applyEmploymentStatus(host: RowHost, e: SimEmployee, input: EmploymentStatusInput): number {
  requireDate(input.date, 'date');
  const row: EmploymentStatusRow = {
    id: host.nextRowId(),
    date: input.date,
    employmentStatus: host.ref.addEmploymentStatusOption(input.employmentStatus).name,
    terminationTypeId: input.terminationTypeId ?? null,
    terminationReasonId: input.terminationReasonId ?? null,
    terminationRehireId: input.terminationRehireId ?? null,
    comment: input.comment ?? null,
  };
  e.employmentStatus.push(row);
  return row.id;
}

export function applyCompensation(host: RowHost, e: SimEmployee, input: CompensationInput): number {
  requireDate(input.startDate, 'startDate');
  const value = Number(input.rate.value);
  if (!Number.isFinite(value) || value < 0) throw new SimError(400, `rate.value must be a non-negative number: ${input.rate.value}`);
  if (!/^[A-Z]{3}$/.test(input.rate.currency)) throw new SimError(400, `rate.currency must be an ISO 4217 code: ${input.rate.currency}`);
  const row: CompensationRow = {
    id: host.nextRowId(),
    startDate: input.startDate,
    rate: { value: value.toFixed(2), currency: input.rate.currency },
    type: input.type,
    paidPer: input.paidPer,
    paySchedule: input.paySchedule ?? null,
    reason: input.reason ?? null,
    comment: input.comment ?? null,
    exempt: input.exempt ?? (input.type === 'Salary' ? 'Exempt' : 'Non-exempt'),
  };
  e.compensation.push(row);
  return row.id;
}

export function deleteRow(e: SimEmployee, table: TableName, rowId: number): void {
  if (!TABLE_NAMES.includes(table)) throw new SimError(404, `unknown table ${String(table)}`);
  const rows: Array<{ id: number }> = e[table];
  const index = rows.findIndex((r) => r.id === rowId);
  if (index < 0) throw new SimError(404, `employee ${e.id} has no ${table} row ${rowId}`);
  rows.splice(index, 1);
}

export function newEmployee(host: RowHost, input: HireInput & { hireDate: string; employeeNumber: string }, id: number, now: string): SimEmployee {
  const e: SimEmployee = {
    id,
    employeeNumber: input.employeeNumber,
    firstName: input.firstName,
    lastName: input.lastName,
    middleName: input.middleName ?? null,
    preferredName: input.preferredName ?? null,
    workEmail: input.workEmail ?? null,
    homeEmail: input.homeEmail ?? null,
    birthDate: input.birthDate ?? null,
    hireDate: input.hireDate,
    originalHireDate: input.originalHireDate ?? null,
    payFrequency: input.payFrequency ?? null,
    createdAt: now,
    lastChanged: now,
    deleted: false,
    jobInfo: [],
    employmentStatus: [],
    compensation: [],
  };
  applyJobInfo(host, e, { date: input.hireDate, department: input.department, division: input.division, location: input.location, jobTitle: input.jobTitle, reportsTo: input.reportsTo ?? null });
  applyEmploymentStatus(host, e, { date: input.hireDate, employmentStatus: input.employmentStatus ?? 'Full-Time' });
  if (input.compensation) applyCompensation(host, e, { ...input.compensation, startDate: input.hireDate });
  return e;
}
