// zod schemas for the BambooHR answers mlc reads. Lenient where BambooHR is inconsistent:
// ids arrive as strings or numbers, an empty map arrives as [] (PHP's json_encode of an empty
// array; reference/bamboohr.md §3.1), values may be null. Unknown keys are kept.
import { z } from 'zod';

export const Id = z.union([z.string().min(1), z.number().int()]).transform(String);

export type RawRow = Record<string, unknown>;

// Big collections (50,000 employees, hundreds of thousands of rows) are checked item by item
// without cloning: z.looseObject would copy every object, doubling the memory of a full read.
const isObject = (v: unknown): v is RawRow => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): boolean => (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isInteger(v));
const WithId = z.custom<RawRow & { id: string | number }>((v) => isObject(v) && isId(v.id), { message: 'expected an object with an id' });
const WithEmployeeId = z.custom<RawRow & { id?: string | number; employeeId: string | number }>((v) => isObject(v) && isId(v.employeeId), {
  message: 'expected a row with an employeeId',
});

/**
 * A map keyed by employee id ([] when empty: PHP's json_encode of an empty array), each entry
 * checked by `isEntry` without a schema per entry. The feeds a first sync reads list everyone
 * (10,000 entries and more): per-entry zod objects copied every entry and made zod's parser hot
 * enough to be compiled and recompiled by TurboFan. The message names the first bad entry.
 */
function entryMap<T>(isEntry: (v: unknown) => boolean, expected: string) {
  const firstBad = (v: RawRow): string | undefined => Object.keys(v).find((k) => !isEntry(v[k]));
  return z
    .custom<Record<string, T> | []>((v) => (Array.isArray(v) ? v.length === 0 : isObject(v) && firstBad(v) === undefined), {
      error: (iss) => (isObject(iss.input) ? `entry "${firstBad(iss.input)}" is not ${expected}` : 'expected a map of employee ids to entries'),
    })
    .transform((v): Record<string, T> => (Array.isArray(v) ? {} : v));
}
const isNullishString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

// GET /api/v1/employees/changed — https://documentation.bamboohr.com/reference/get-changed-employee-ids
export interface ChangedEntry {
  id?: string | number;
  action: string;
  lastChanged?: string | null;
}
const isChangedEntry = (v: unknown): boolean => isObject(v) && (v.id === undefined || isId(v.id)) && typeof v.action === 'string' && isNullishString(v.lastChanged);
export const ChangedResponse = z.looseObject({
  latest: z.string().nullish(),
  employees: entryMap<ChangedEntry>(isChangedEntry, 'an object with an action (and a string lastChanged, an id)'),
});
export type ChangedResponse = z.infer<typeof ChangedResponse>;

// GET /api/v1/employees/changed/tables/{table} — rows carry no id/employeeId here. A first
// sync reads every employee's rows through this feed (since the epoch).
export interface ChangedTableEntry {
  lastChanged?: string | null;
  rows: RawRow[];
}
const isTableEntry = (v: unknown): boolean => isObject(v) && isNullishString(v.lastChanged) && Array.isArray(v.rows) && v.rows.every(isObject);
export const ChangedTableResponse = z.looseObject({
  table: z.string().optional(),
  employees: entryMap<ChangedTableEntry>(isTableEntry, 'an object with a list of row objects (and a string lastChanged)'),
});
export type ChangedTableResponse = z.infer<typeof ChangedTableResponse>;

// GET /api/v1/employees/{id|all}/tables/{table} — a flat list of rows with id and employeeId.
export const AllTableResponse = z.array(WithEmployeeId);

// POST /api/v1/reports/custom?format=JSON — https://documentation.bamboohr.com/reference/request-custom-report-1
export const CustomReportResponse = z.looseObject({
  title: z.string().nullish(),
  fields: z.array(z.looseObject({ id: Id, type: z.string().nullish(), name: z.string().nullish() })).default([]),
  employees: z.array(WithId),
});
export type CustomReportResponse = z.infer<typeof CustomReportResponse>;

// POST /api/v2/datasets/{datasetName}/data — https://documentation.bamboohr.com/reference/get-data-from-dataset-v2
// Each row wraps its values in `fields`; `links` is `[]` when there is no other page (recorded,
// reference §2.4), so it is not relied on: paging is driven by the rows themselves.
// One check over the whole page rather than a schema per row: zod's per-element machinery was
// a sixth of the read's CPU at 10,000 people. The message still names the first bad row.
const isDatasetRow = (v: unknown): boolean => isObject(v) && isObject(v.fields);
const DatasetRows = z.custom<Array<{ fields: RawRow }>>((v) => Array.isArray(v) && v.every(isDatasetRow), {
  error: (iss) => (Array.isArray(iss.input) ? `row ${iss.input.findIndex((r) => !isDatasetRow(r))} is not an object with a fields object` : 'expected an array of rows'),
});
const Count = z.number().int().nonnegative().optional();
export const DatasetResponse = z.looseObject({
  data: DatasetRows,
  meta: z.looseObject({ page: Count, pageSize: Count, totalPages: Count, totalItems: Count }).optional(),
});
export type DatasetResponse = z.infer<typeof DatasetResponse>;

// GET /api/v1/employees/{id}
export const EmployeeResponse = z.looseObject({ id: Id });

// GET /api/v1/meta/fields
export const MetaFieldsResponse = z.array(z.looseObject({ id: Id, name: z.string().nullish(), type: z.string().nullish(), alias: z.string().nullish() }));

// POST /token.php?request=token
export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string()]).transform(Number).optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  companyDomain: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

// GET /api/v1/meta/lists: the options of list fields (department, division, location, …).
export const MetaListsResponse = z.array(
  z.looseObject({
    fieldId: Id.optional(),
    alias: z.string().nullish(),
    name: z.string().nullish(),
    options: z.array(z.looseObject({ id: Id.optional(), name: z.string(), archived: z.string().nullish() })).default([]),
  }),
);

// POST /api/v1/webhooks (201) — privateKey is returned only here (reference §4.2).
export const CreatedWebhook = z.looseObject({ id: Id, name: z.string().nullish(), url: z.string().nullish(), privateKey: z.string().min(1) });
// GET /api/v1/webhooks
export const WebhookList = z.looseObject({
  webhooks: z.array(z.looseObject({ id: Id, name: z.string().nullish(), url: z.string().nullish(), created: z.string().nullish(), lastSent: z.string().nullish() })).default([]),
});
// GET /api/v1/webhooks/monitor_fields
export const MonitorFields = z.looseObject({ fields: z.array(z.looseObject({ id: Id.optional(), name: z.string().nullish(), alias: z.string().nullish() })).default([]) });
