// The field catalogue: classic aliases, meta/fields ids, names and types as recorded from a
// BambooHR sandbox (reference §2.6). History fields are computed from the dated tables.
import { formatTimestamp } from './dates.js';
import { formatRate, fullName1, type Derived } from './derive.js';
import type { SimEmployee } from './model.js';

export interface FieldCtx {
  e: SimEmployee;
  d: Derived;
  lookup: (id: number) => SimEmployee | undefined;
}

export interface FieldDef {
  alias: string;
  id: number | string;
  name: string;
  type: string;
  /** Listed by GET /webhooks/monitor_fields and diffed for `changedFields`. */
  monitor: boolean;
  value: (c: FieldCtx) => string | null;
}

function supervisorOf(c: FieldCtx): SimEmployee | undefined {
  const id = c.d.job?.reportsTo;
  return id === null || id === undefined ? undefined : c.lookup(id);
}

const f = (alias: string, id: number | string, name: string, type: string, value: FieldDef['value'], monitor = true): FieldDef => ({
  alias, id, name, type, value, monitor,
});

export const FIELDS: readonly FieldDef[] = [
  f('id', 'id', 'EEID', 'int', (c) => String(c.e.id), false),
  f('employeeNumber', 636, 'Employee #', 'employee_number', (c) => c.e.employeeNumber),
  f('firstName', 1, 'First Name', 'text', (c) => c.e.firstName),
  f('lastName', 2, 'Last Name', 'text', (c) => c.e.lastName),
  f('middleName', 1356, 'Middle Name', 'text', (c) => c.e.middleName),
  f('preferredName', 1358, 'Preferred Name', 'text', (c) => c.e.preferredName),
  f('displayName', 'displayName', 'Display name', 'text', (c) => `${c.e.preferredName ?? c.e.firstName} ${c.e.lastName}`, false),
  f('workEmail', 15, 'Work Email', 'email', (c) => c.e.workEmail),
  f('homeEmail', 14, 'Home Email', 'email', (c) => c.e.homeEmail),
  f('birthDate', 7, 'Birth Date', 'date', (c) => c.e.birthDate),
  f('hireDate', 3, 'Hire Date', 'date', (c) => c.e.hireDate),
  f('originalHireDate', 4333, 'Original Hire Date', 'date', (c) => c.e.originalHireDate),
  f('terminationDate', -38, 'Termination Date', 'date', (c) => c.d.terminationDate),
  f('status', 387, 'Status', 'status', (c) => c.d.status),
  f('employmentHistoryStatus', 16, 'Employment Status', 'list', (c) => c.d.employment?.employmentStatus ?? null),
  f('department', 4, 'Department', 'list', (c) => c.d.job?.department ?? null),
  f('division', 1355, 'Division', 'list', (c) => c.d.job?.division ?? null),
  f('location', 18, 'Location', 'list', (c) => c.d.job?.location ?? null),
  f('jobTitle', 17, 'Job Title', 'list', (c) => c.d.job?.jobTitle ?? null),
  f('reportsTo', 91, 'Reporting to', 'employee', (c) => {
    const s = supervisorOf(c);
    return s ? fullName1(s) : null;
  }),
  // supervisorEId is the manager's internal id, supervisorId the manager's employeeNumber
  // (reference §2.6, confirmed by a recorded custom report).
  f('supervisorEId', 'supervisorEId', 'Supervisor EID', 'int', (c) => supervisorOf(c)?.id.toString() ?? null),
  f('supervisorId', 'supervisorId', 'Supervisor ID', 'text', (c) => supervisorOf(c)?.employeeNumber ?? null),
  f('supervisor', 'supervisor', 'Supervisor', 'text', (c) => {
    const s = supervisorOf(c);
    return s ? `${s.lastName}, ${s.firstName}` : null;
  }),
  f('supervisorEmail', 'supervisorEmail', 'Supervisor email', 'email', (c) => supervisorOf(c)?.workEmail ?? null),
  f('payRate', 19, 'Pay rate', 'currency', (c) => (c.d.pay ? formatRate(c.d.pay.rate) : null)),
  f('payType', 156, 'Pay type', 'pay_type', (c) => c.d.pay?.type ?? null),
  f('payPer', 4330, 'Paid per', 'paid_per', (c) => c.d.pay?.paidPer ?? null),
  f('paySchedule', 4386, 'Pay Schedule', 'list', (c) => c.d.pay?.paySchedule ?? null),
  f('payFrequency', 4392, 'Pay Frequency', 'list', (c) => c.e.payFrequency),
  // Stored as `…Z`; reports show the `+00:00` form (reference §2.4 recorded lastChanged).
  f('lastChanged', 'lastChanged', 'Last changed', 'timestamp', (c) => formatTimestamp(new Date(c.e.lastChanged), '+00:00'), false),
];

const byKey = new Map<string, FieldDef>();
for (const def of FIELDS) {
  byKey.set(def.alias, def);
  byKey.set(String(def.id), def);
}

/** Resolves an alias or a numeric field id, as the `fields` parameters accept both. */
export function findField(key: string): FieldDef | undefined {
  return byKey.get(key.trim());
}

export const MONITOR_FIELDS: readonly FieldDef[] = FIELDS.filter((x) => x.monitor);

/** Values of every monitorable field; two snapshots diffed give webhook `changedFields`. */
export function snapshot(c: FieldCtx): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const def of MONITOR_FIELDS) out.set(def.alias, def.value(c));
  return out;
}

export function diffSnapshots(before: Map<string, string | null>, after: Map<string, string | null>): string[] {
  return MONITOR_FIELDS.filter((def) => before.get(def.alias) !== after.get(def.alias)).map((def) => def.alias);
}

export function filledFields(snap: Map<string, string | null>): string[] {
  return [...snap].filter(([, value]) => value !== null && value !== '').map(([alias]) => alias);
}
