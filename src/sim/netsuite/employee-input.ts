// Parses an employee request body (POST/PUT/PATCH) into typed changes. Field names are the
// REST ones (reference §4.3); anything else is INVALID_CONTENT with `o:errorPath` naming the
// field, as NetSuite points at the offending path (section_156570709583).
import { NsError, isPlainObject } from './http.js';
import type { CustomValue } from './types.js';

export const TEXT_FIELDS = ['firstName', 'lastName', 'middleName', 'email', 'title', 'phone', 'mobilePhone', 'comments'] as const;
export const DATE_FIELDS = ['hireDate', 'releaseDate'] as const;
export const REF_FIELDS = ['subsidiary', 'department', 'class', 'location', 'supervisor'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type DateField = (typeof DATE_FIELDS)[number];
export type RefField = (typeof REF_FIELDS)[number];

export interface EmployeeChanges {
  externalId?: string;
  text: Partial<Record<TextField, string | null>>;
  dates: Partial<Record<DateField, string | null>>;
  refs: Partial<Record<RefField, string | null>>;
  isInactive?: boolean;
  custom: Record<string, CustomValue>;
}

/** Characters allowed in an external id used with `eid:` (section_156334828635). */
export const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;
const CUSTOM_FIELD = /^custentity[a-z0-9_]+$/;
const REF_KEYS = new Set(['id', 'refName', 'links']);

const invalid = (path: string, detail: string): NsError => new NsError(400, 'INVALID_CONTENT', detail, path);
const has = <T extends string>(list: readonly T[], key: string): key is T => (list as readonly string[]).includes(key);

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function checkExternalId(value: string): void {
  if (!EXTERNAL_ID.test(value)) {
    throw new NsError(400, 'INVALID_KEY_OR_REF', `Invalid external ID ${value}. An external ID used as a key may contain only letters, digits, underscores and hyphens.`);
  }
}

function reference(key: string, value: unknown): string | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw invalid(key, `Invalid value for the field ${key}. A reference must be an object such as {"id": "5"}.`);
  for (const k of Object.keys(value)) if (!REF_KEYS.has(k)) throw invalid(`${key}.${k}`, `Invalid field ${k} in the reference ${key}. Refer to a record by its internal id: {"id": "5"}.`);
  const id = value['id'];
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return String(id);
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  throw invalid(`${key}.id`, `Invalid value for the field ${key}.id. Expected an internal id.`);
}

export function parseEmployeeBody(body: unknown): EmployeeChanges {
  if (!isPlainObject(body)) throw new NsError(400, 'INVALID_CONTENT', 'The request body must be a JSON object.');
  const out: EmployeeChanges = { text: {}, dates: {}, refs: {}, custom: {} };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'externalId') {
      if (typeof value !== 'string' || value === '') throw invalid(key, 'Invalid value for the field externalId. Expected a non-empty string.');
      checkExternalId(value);
      out.externalId = value;
    } else if (has(TEXT_FIELDS, key)) {
      if (value !== null && typeof value !== 'string') throw invalid(key, `Invalid value for the field ${key}. Expected a string.`);
      out.text[key] = value;
    } else if (has(DATE_FIELDS, key)) {
      if (value !== null && (typeof value !== 'string' || !isIsoDate(value))) throw invalid(key, `Invalid value for the field ${key}. Expected a date in YYYY-MM-DD format.`);
      out.dates[key] = value;
    } else if (has(REF_FIELDS, key)) {
      out.refs[key] = reference(key, value);
    } else if (key === 'isInactive') {
      if (typeof value !== 'boolean') throw invalid(key, 'Invalid value for the field isInactive. Expected a boolean.');
      out.isInactive = value;
    } else if (CUSTOM_FIELD.test(key)) {
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw invalid(key, `Invalid value for the custom field ${key}. Expected a string, number or boolean.`);
      out.custom[key] = value as CustomValue;
    } else {
      throw invalid(key, `Invalid field name ${key}. The field does not exist on the employee record or cannot be set.`);
    }
  }
  return out;
}
