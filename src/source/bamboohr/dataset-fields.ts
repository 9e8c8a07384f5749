// mlc's canonical field list uses the classic aliases (get-employee, custom reports). The
// employee dataset names the same data differently (reference §2.4, §2.6; names as recorded
// from a sandbox's GET /api/v1_2/datasets/employee/fields): this table is the one place that
// translates, both ways. Beware the false friends: the dataset's `employmentStatus` is the
// classic `employmentHistoryStatus` (the classic `employmentStatus` is a deprecated alias of
// `status`), and the identity is `eeid`, never `employeeNumber` (reference §2.4 caveat).

/** Classic alias → the dataset field(s) carrying it. A name not listed is sent unchanged. */
export const DATASET_NAMES: Readonly<Record<string, readonly string[]>> = {
  id: ['eeid'],
  employeeNumber: ['employeeNumber'],
  firstName: ['firstName'],
  lastName: ['lastName'],
  preferredName: ['preferredName'],
  workEmail: ['email'],
  homeEmail: ['homeEmail'],
  status: ['status'],
  employmentHistoryStatus: ['employmentStatus'],
  hireDate: ['hireDate'],
  originalHireDate: ['originalHireDate'],
  terminationDate: ['terminationDate'],
  department: ['jobInformationDepartment'],
  division: ['jobInformationDivision'],
  location: ['jobInformationLocation'],
  jobTitle: ['jobInformationJobTitle'],
  reportsTo: ['jobInformationReportsTo'],
  supervisorEId: ['supervisorEid'],
  supervisorId: ['supervisorId'],
  supervisorEmail: ['supervisorEmail'],
  // The classic "65000.00 USD" is two dataset fields: the amount and its currency code.
  payRate: ['compensationPayRate', 'compensationPayRateCurrencyCode'],
  payType: ['compensationPayType'],
  payPer: ['compensationPaidPer'],
  paySchedule: ['compensationPaySchedule'],
  lastChanged: ['lastChanged'],
};

export const EEID = 'eeid';

function namesOf(classic: string): readonly string[] {
  return DATASET_NAMES[classic] ?? [classic];
}

/** The dataset `fields` list for classic aliases: `eeid` first (the identity is always read). */
export function datasetFieldsFor(classic: readonly string[]): string[] {
  return [...new Set([EEID, ...classic.flatMap(namesOf)])];
}

/** "payRate (compensationPayRate, compensationPayRateCurrencyCode)" for messages. */
export function datasetLabel(classic: string): string {
  const names = namesOf(classic);
  return names.length === 1 && names[0] === classic ? classic : `${classic} (${names.join(', ')})`;
}

/**
 * One dataset row → the classic-keyed row mapFields() expects, with `id` from `eeid`. A classic
 * field is present only when its dataset field came back: an absent key is what the
 * silent-drop guard looks for, so absence is kept, never filled with null.
 */
export function classicRow(fields: Record<string, unknown>, classic: readonly string[]): Record<string, unknown> {
  // Built in place, and the names read by index: destructuring runs the array iterator, and
  // this runs for every row of a full read.
  const out: Record<string, unknown> = { id: fields[EEID] };
  for (const name of classic) {
    if (name === 'id') continue;
    const names = namesOf(name);
    const first = names[0];
    if (first === undefined || !(first in fields)) continue;
    // Amount and currency arrive apart; parseRate() in map.ts reads the {value, currency} form.
    out[name] = names.length === 1 ? fields[first] : { value: fields[first] ?? null, currency: fields[names[1]!] ?? null };
  }
  return out;
}
