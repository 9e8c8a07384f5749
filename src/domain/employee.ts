// The canonical employee: what one BambooHR employee looks like on a given business date,
// computed from the current fields and the dated rows. Adapters map this, nothing rawer.
import { employmentAsOf, rowAsOf, type DatedRow } from './dated.js';

export interface EmployeeRecord {
  id: string;
  /** Current field values as BambooHR reported them (normalised: "" and 0000-00-00 → null). */
  fields: Record<string, string | null>;
  rows: DatedRow[];
  deleted?: boolean;
}

export type Phase = 'pending_hire' | 'active' | 'terminated' | 'deleted';

export interface Pay {
  rate: string;
  currency: string | null;
  type: string | null;
  per: string | null;
}

export interface EmployeeState {
  id: string;
  asOf: string;
  phase: Phase;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  preferredName: string | null;
  workEmail: string | null;
  hireDate: string | null;
  originalHireDate: string | null;
  /** Set only when the employee is terminated as of the date. */
  terminationDate: string | null;
  employmentStatus: string | null;
  department: string | null;
  division: string | null;
  location: string | null;
  jobTitle: string | null;
  supervisorId: string | null;
  pay: Pay | null;
  /** Extra configured fields, as read. */
  extra: Record<string, string | null>;
}

const BUILT_IN = new Set([
  'id', 'employeeNumber', 'firstName', 'lastName', 'preferredName', 'workEmail', 'status', 'employmentHistoryStatus',
  'hireDate', 'originalHireDate', 'terminationDate', 'department', 'division', 'location', 'jobTitle', 'supervisorEId',
  'lastChanged', 'payRate', 'payCurrency', 'payType', 'payPer',
]);

function pick(row: DatedRow | undefined, rowKey: string, fields: Record<string, string | null>, fieldKey: string): string | null {
  if (row) return row.data[rowKey] ?? null;
  return fields[fieldKey] ?? null;
}

function payAsOf(rows: readonly DatedRow[], asOf: string, f: Record<string, string | null>): Pay | null {
  const row = rowAsOf(rows, 'compensation', asOf);
  if (row) {
    const rate = row.data.rate;
    return rate ? { rate, currency: row.data.currency ?? null, type: row.data.type ?? null, per: row.data.paidPer ?? null } : null;
  }
  return f.payRate ? { rate: f.payRate, currency: f.payCurrency ?? null, type: f.payType ?? null, per: f.payPer ?? null } : null;
}

/** supervisorEId is the supervisor's own id (supervisorId would be their employee number). */
export const supervisorIdOf = (f: Readonly<Record<string, string | null>>): string | null => f.supervisorEId ?? null;

export function employeeStateAsOf(rec: EmployeeRecord, asOf: string): EmployeeState {
  const f = rec.fields;
  const job = rowAsOf(rec.rows, 'jobInfo', asOf);
  const emp = employmentAsOf(rec.rows, asOf, f.status ?? null);
  const hireDate = f.hireDate ?? null;
  let phase: Phase;
  if (rec.deleted) phase = 'deleted';
  // A status row in force decides: terminated from its date, employed again after a rehire.
  else if (emp.since !== null) phase = emp.active ? 'active' : 'terminated';
  // No row in force yet and hired in the future: not employed on this date.
  else if (hireDate !== null && hireDate > asOf) phase = 'pending_hire';
  else phase = emp.active ? 'active' : 'terminated';
  // fromEntries keeps a many-field object compact (see mapFields in source/bamboohr/map.ts).
  // Only the extra fields become pairs: this runs once or more per employee and date.
  const pairs: Array<[string, string | null]> = [];
  for (const k of Object.keys(f)) if (!BUILT_IN.has(k)) pairs.push([k, f[k] as string | null]);
  const extra: Record<string, string | null> = Object.fromEntries(pairs);
  return {
    id: rec.id,
    asOf,
    phase,
    employeeNumber: f.employeeNumber ?? null,
    firstName: f.firstName ?? null,
    lastName: f.lastName ?? null,
    preferredName: f.preferredName ?? null,
    workEmail: f.workEmail ?? null,
    hireDate,
    originalHireDate: f.originalHireDate ?? null,
    terminationDate: phase === 'terminated' ? (emp.since ?? f.terminationDate ?? null) : null,
    employmentStatus: emp.status ?? f.employmentHistoryStatus ?? null,
    department: pick(job, 'department', f, 'department'),
    division: pick(job, 'division', f, 'division'),
    location: pick(job, 'location', f, 'location'),
    jobTitle: pick(job, 'jobTitle', f, 'jobTitle'),
    supervisorId: supervisorIdOf(f),
    pay: payAsOf(rec.rows, asOf, f),
    extra,
  };
}
