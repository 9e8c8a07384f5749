// JSON views of records for GET answers: references carry `id`, `refName` and a self link,
// as NetSuite renders select fields; every record carries `links: [{rel: "self"}]`.
import type { NetSuiteRecords } from './records.js';
import type { NetSuiteEmployee, NetSuiteReference, ReferenceType } from './types.js';

export const RECORD_BASE = '/services/rest/record/v1';

const self = (href: string): Array<{ rel: string; href: string }> => [{ rel: 'self', href }];

export function fullName(e: NetSuiteEmployee): string {
  return [e.firstName, e.middleName, e.lastName].filter(Boolean).join(' ');
}

function ref(baseUrl: string, type: ReferenceType | 'employee', id: string, refName: string | undefined): Record<string, unknown> {
  return { links: self(`${baseUrl}${RECORD_BASE}/${type}/${id}`), id, ...(refName !== undefined ? { refName } : {}) };
}

export function employeeView(records: NetSuiteRecords, e: NetSuiteEmployee, baseUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { links: self(`${baseUrl}${RECORD_BASE}/employee/${e.id}`), id: e.id };
  if (e.externalId !== undefined) out['externalId'] = e.externalId;
  out['entityId'] = fullName(e);
  for (const f of ['firstName', 'middleName', 'lastName', 'email', 'title', 'phone', 'mobilePhone', 'comments', 'hireDate', 'releaseDate'] as const) {
    const v = e[f];
    if (v !== undefined) out[f] = v;
  }
  out['isInactive'] = e.isInactive;
  const refs: Array<[keyof NetSuiteEmployee & string, ReferenceType]> = [
    ['subsidiary', 'subsidiary'],
    ['department', 'department'],
    ['class', 'classification'],
    ['location', 'location'],
  ];
  for (const [field, type] of refs) {
    const id = e[field];
    if (typeof id === 'string') out[field] = ref(baseUrl, type, id, records.referenceById(type, id)?.name);
  }
  if (e.supervisor !== undefined) {
    const boss = records.employee(e.supervisor);
    out['supervisor'] = ref(baseUrl, 'employee', e.supervisor, boss ? fullName(boss) : undefined);
  }
  Object.assign(out, e.custom);
  out['dateCreated'] = e.dateCreated;
  out['lastModifiedDate'] = e.lastModifiedDate;
  return out;
}

export function referenceView(records: NetSuiteRecords, type: ReferenceType, r: NetSuiteReference, baseUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { links: self(`${baseUrl}${RECORD_BASE}/${type}/${r.id}`), id: r.id, name: r.name, isInactive: r.isInactive };
  if (r.subsidiary && r.subsidiary.length > 0) {
    out['subsidiary'] = { items: r.subsidiary.map((id) => ref(baseUrl, 'subsidiary', id, records.referenceById('subsidiary', id)?.name)) };
  }
  return out;
}
