// Create, update and upsert of employees with NetSuite's checks: references must name an
// existing, active record (INVALID_KEY_OR_REF), mandatory fields are reported together
// (USER_ERROR), external ids are unique (DUP_ENTITY). Reference errors come first because
// NetSuite resolves a reference when the field is set, and checks mandatory fields on save.
import { checkExternalId, type DateField, type EmployeeChanges, type RefField, type TextField } from './employee-input.js';
import { NsError } from './http.js';
import type { NetSuiteRecords } from './records.js';
import type { NetSuiteEmployee, ReferenceType } from './types.js';

type Draft = Omit<NetSuiteEmployee, 'id' | 'dateCreated' | 'lastModifiedDate'>;

/** The record type a reference field points at, and the word NetSuite's message uses. */
const TARGET: Record<Exclude<RefField, 'supervisor'>, { type: ReferenceType; word: string }> = {
  subsidiary: { type: 'subsidiary', word: 'subsidiary' },
  department: { type: 'department', word: 'department' },
  class: { type: 'classification', word: 'class' },
  location: { type: 'location', word: 'location' },
};
const RESTRICTED: Array<'department' | 'class' | 'location'> = ['department', 'class', 'location'];

const badRef = (field: RefField, word: string, id: string, suffix = ''): NsError =>
  new NsError(400, 'INVALID_KEY_OR_REF', `Invalid ${word} reference key ${id}${suffix}.`, field);

function apply(base: Draft, c: EmployeeChanges): Draft {
  const d: Draft = { ...base, custom: { ...base.custom } };
  if (c.externalId !== undefined) d.externalId = c.externalId;
  for (const [f, v] of Object.entries({ ...c.text, ...c.dates }) as Array<[TextField | DateField, string | null]>) {
    if (v === null || v === '') delete d[f];
    else d[f] = v;
  }
  for (const [f, v] of Object.entries(c.refs) as Array<[RefField, string | null]>) {
    if (v === null) delete d[f];
    else d[f] = v;
  }
  if (c.isInactive !== undefined) d.isInactive = c.isInactive;
  for (const [k, v] of Object.entries(c.custom)) {
    if (v === null) delete d.custom[k];
    else d.custom[k] = v;
  }
  return d;
}

/**
 * Only references named in the request are resolved, so an update that does not touch an
 * old (now inactive) department still saves. A subsidiary change re-checks the
 * department/class/location availability of the whole record.
 */
function checkReferences(records: NetSuiteRecords, d: Draft, c: EmployeeChanges): void {
  for (const field of ['subsidiary', 'department', 'class', 'location'] as const) {
    const id = c.refs[field];
    if (id === undefined || id === null) continue;
    const target = TARGET[field];
    const ref = records.referenceById(target.type, id);
    // NetSuite refuses an inactive record with the same message as a missing one.
    if (!ref || ref.isInactive) throw badRef(field, target.word, id);
  }
  const supervisor = c.refs.supervisor;
  if (supervisor !== undefined && supervisor !== null && !records.employee(supervisor)) throw badRef('supervisor', 'employee', supervisor);
  for (const field of RESTRICTED) {
    const id = d[field];
    if (id === undefined || d.subsidiary === undefined || (c.refs[field] === undefined && c.refs.subsidiary === undefined)) continue;
    const allowed = records.referenceById(TARGET[field].type, id)?.subsidiary ?? [];
    if (allowed.length > 0 && !allowed.includes(d.subsidiary)) throw badRef(field, TARGET[field].word, id, ` for subsidiary ${d.subsidiary}`);
  }
}

function checkRequired(d: Draft): void {
  const missing: string[] = [];
  if (!d.firstName) missing.push('First Name');
  if (!d.lastName) missing.push('Last Name');
  if (!d.subsidiary) missing.push('Subsidiary');
  if (missing.length > 0) throw new NsError(400, 'USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
}

function checkUniqueExternalId(records: NetSuiteRecords, externalId: string | undefined, selfId: string | undefined): void {
  if (externalId === undefined) return;
  const other = records.employeeByExternalId(externalId);
  if (other && other.id !== selfId) throw new NsError(400, 'DUP_ENTITY', 'This record already exists.', 'externalId');
}

export function createEmployee(records: NetSuiteRecords, c: EmployeeChanges, now: string): NetSuiteEmployee {
  const d = apply({ isInactive: false, custom: {} }, c);
  checkReferences(records, d, c);
  checkRequired(d);
  checkUniqueExternalId(records, d.externalId, undefined);
  return records.insertEmployee(d, now);
}

export function updateEmployee(records: NetSuiteRecords, existing: NetSuiteEmployee, c: EmployeeChanges, now: string): NetSuiteEmployee {
  const { id, dateCreated } = existing;
  const d = apply(existing, c);
  checkReferences(records, d, c);
  checkRequired(d);
  checkUniqueExternalId(records, d.externalId, id);
  const next: NetSuiteEmployee = { ...d, id, dateCreated, lastModifiedDate: now };
  records.replaceEmployee(next);
  return next;
}

/** PUT …/employee/eid:{externalId}: create if absent, else merge (section_156335203191). */
export function upsertEmployee(records: NetSuiteRecords, externalId: string, c: EmployeeChanges, now: string): { employee: NetSuiteEmployee; created: boolean } {
  checkExternalId(externalId);
  if (c.externalId !== undefined && c.externalId !== externalId) {
    throw new NsError(400, 'INVALID_CONTENT', `The externalId in the request body (${c.externalId}) does not match the external ID in the URL (${externalId}).`, 'externalId');
  }
  const changes: EmployeeChanges = { ...c, externalId };
  const existing = records.employeeByExternalId(externalId);
  if (existing) return { employee: updateEmployee(records, existing, changes, now), created: false };
  return { employee: createEmployee(records, changes, now), created: true };
}
