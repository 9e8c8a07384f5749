// The employee dataset's fields: names, labels and sections as recorded from a sandbox's
// GET /api/v1_2/datasets/employee/fields (reference §2.4, [NANGO] list-dataset-fields, 457
// fields; the simulator serves the ones a sync needs). Values come from the same current view
// as the classic fields (fields.ts); empty values are null, as recorded (`"preferredName": null`).
// `hiddenBy`: the classic aliases whose restriction on an API key hides this field too.
import { formatTimestamp } from './dates.js';
import { findField, type FieldCtx } from './fields.js';
import type { SimEmployee } from './model.js';

export type DatasetFieldType = 'int' | 'text' | 'date' | 'timestamp';

export interface DatasetField {
  name: string;
  label: string;
  parentName: string;
  entityName: string;
  type: DatasetFieldType;
  hiddenBy: readonly string[];
  /** From the record alone (no dated rows needed): lets filters and sorting skip the view. */
  own?: (e: SimEmployee) => string | null;
  value: (c: FieldCtx) => string | null;
}

const SECTIONS: Record<string, [string, string]> = {
  calculated: ['Calculated', 'calculated'],
  personal: ['Personal', 'personal'],
  status: ['Default Status', 'defaultStatus'],
  job: ['Job', 'job'],
  jobInformation: ['Job Information', 'jobInformation'],
  employmentStatus: ['Employment Status', 'employmentStatus'],
  compensation: ['Compensation', 'compensation'],
};

function classic(alias: string): (c: FieldCtx) => string | null {
  const def = findField(alias);
  if (!def) throw new Error(`no classic field ${alias}`);
  return (c) => {
    const v = def.value(c);
    return v === '' ? null : v;
  };
}

function field(name: string, label: string, section: string, type: DatasetFieldType, alias: string | string[], value?: DatasetField['value']): DatasetField {
  const [parentName, entityName] = SECTIONS[section] ?? ['Personal', 'personal'];
  const aliases = Array.isArray(alias) ? alias : [alias];
  return { name, label, parentName, entityName, type, hiddenBy: aliases, value: value ?? classic(aliases[0] ?? name) };
}

const own = (def: DatasetField, fn: (e: SimEmployee) => string | null): DatasetField => ({ ...def, own: fn, value: (c) => fn(c.e) });
const pay = ['payRate', 'compensation.rate'];

export const DATASET_FIELDS: readonly DatasetField[] = [
  own(field('eeid', 'EEID', 'calculated', 'int', 'id'), (e) => String(e.id)),
  own(field('employeeNumber', 'Employee #', 'personal', 'text', 'employeeNumber'), (e) => e.employeeNumber),
  own(field('firstName', 'First Name', 'personal', 'text', 'firstName'), (e) => e.firstName),
  own(field('lastName', 'Last Name', 'personal', 'text', 'lastName'), (e) => e.lastName),
  own(field('preferredName', 'Preferred Name', 'personal', 'text', 'preferredName'), (e) => e.preferredName),
  own(field('email', 'Work Email', 'personal', 'text', 'workEmail'), (e) => e.workEmail),
  own(field('homeEmail', 'Home Email', 'personal', 'text', 'homeEmail'), (e) => e.homeEmail),
  field('status', 'Status', 'status', 'text', 'status'),
  field('hireDate', 'Hire Date', 'job', 'date', 'hireDate'),
  field('originalHireDate', 'Original Hire Date', 'job', 'date', 'originalHireDate'),
  field('terminationDate', 'Termination Date', 'calculated', 'date', 'terminationDate'),
  field('employmentStatus', 'Employment Status', 'employmentStatus', 'text', 'employmentHistoryStatus'),
  field('employmentStatusEffectiveDate', 'Effective Date', 'employmentStatus', 'date', 'employmentHistoryStatus', (c) => c.d.employment?.date ?? null),
  field('jobInformationDepartment', 'Department', 'jobInformation', 'text', 'department'),
  field('jobInformationDivision', 'Division', 'jobInformation', 'text', 'division'),
  field('jobInformationLocation', 'Location', 'jobInformation', 'text', 'location'),
  field('jobInformationJobTitle', 'Job Title', 'jobInformation', 'text', 'jobTitle'),
  field('jobInformationReportsTo', 'Reports To', 'jobInformation', 'text', 'reportsTo'),
  field('jobInformationEffectiveDate', 'Effective Date', 'jobInformation', 'date', 'department', (c) => c.d.job?.date ?? null),
  field('supervisorEid', 'Supervisor EID', 'calculated', 'int', 'supervisorEId'),
  field('supervisorId', 'Supervisor ID', 'calculated', 'text', 'supervisorId'),
  field('supervisorName', 'Supervisor name', 'calculated', 'text', 'reportsTo'),
  field('supervisorEmail', 'Supervisor email', 'calculated', 'text', 'supervisorEmail'),
  field('compensationPayRate', 'Pay Rate', 'compensation', 'text', pay, (c) => c.d.pay?.rate.value ?? null),
  field('compensationPayRateCurrencyCode', 'Pay rate - Currency code', 'compensation', 'text', pay, (c) => c.d.pay?.rate.currency ?? null),
  field('compensationPayType', 'Pay Type', 'compensation', 'text', ['payType', 'compensation.type']),
  field('compensationPaidPer', 'Paid Per', 'compensation', 'text', ['payPer', 'compensation.paidPer']),
  field('compensationPaySchedule', 'Pay Schedule', 'compensation', 'text', ['paySchedule', ...pay]),
  field('compensationEffectiveDate', 'Effective Date', 'compensation', 'date', pay, (c) => c.d.pay?.startDate ?? null),
  // Recorded form: "2026-06-02T13:10:19+00:00" (reference §2.4); the ISO twin is assumed to end in Z.
  own(field('lastChanged', 'Last changed', 'calculated', 'timestamp', 'lastChanged'), (e) => formatTimestamp(new Date(e.lastChanged), '+00:00')),
  own(field('lastChangedIso', 'Last changed: ISO', 'calculated', 'timestamp', 'lastChanged'), (e) => formatTimestamp(new Date(e.lastChanged), 'Z')),
];

const byName = new Map(DATASET_FIELDS.map((f) => [f.name, f]));

export function datasetField(name: string): DatasetField | undefined {
  return byName.get(name);
}

export function isHiddenFor(def: DatasetField, hidden: ReadonlySet<string>): boolean {
  return def.hiddenBy.some((a) => hidden.has(a));
}
