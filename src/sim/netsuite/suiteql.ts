// POST /services/rest/query/v1/suiteql: `Prefer: transient` is required (section_158394344595),
// body {"q": "…"}, paged by limit/offset (max 1000 per page). Values come back as strings,
// booleans as 'T'/'F', column names in lower case, and null columns are left out of the row.
import { COLLECTION_TYPE, header, isPlainObject, jsonBody, jsonResponse, NsError, type SimRequest, type SimResponse } from './http.js';
import { page, parsePaging } from './paging.js';
import type { NetSuiteRecords } from './records.js';
import { parseSuiteQl, unsupported, type SuiteQlQuery } from './suiteql-parse.js';
import { REFERENCE_TYPES, type NetSuiteEmployee, type NetSuiteReference, type ReferenceType } from './types.js';
import { fullName } from './views.js';

export const SUITEQL_PATH = '/services/rest/query/v1/suiteql';

type Row = Record<string, string | undefined>;
const tf = (flag: boolean): string => (flag ? 'T' : 'F');

const REFERENCE_COLUMNS = ['id', 'name', 'isinactive', 'externalid', 'subsidiary'];
const EMPLOYEE_COLUMNS = ['id', 'externalid', 'entityid', 'firstname', 'middlename', 'lastname', 'email', 'title', 'phone', 'mobilephone', 'isinactive', 'subsidiary', 'department', 'class', 'location', 'supervisor'];

function referenceRow(type: ReferenceType, r: NetSuiteReference): Row {
  // A multi-select comes back as a comma-separated id list; subsidiaries have no such column.
  const subsidiary = type === 'subsidiary' || !r.subsidiary?.length ? undefined : r.subsidiary.join(', ');
  return { id: r.id, name: r.name, isinactive: tf(r.isInactive), externalid: undefined, subsidiary };
}

function employeeRow(e: NetSuiteEmployee): Row {
  return {
    id: e.id,
    externalid: e.externalId,
    entityid: fullName(e),
    firstname: e.firstName,
    middlename: e.middleName,
    lastname: e.lastName,
    email: e.email,
    title: e.title,
    phone: e.phone,
    mobilephone: e.mobilePhone,
    isinactive: tf(e.isInactive),
    subsidiary: e.subsidiary,
    department: e.department,
    class: e.class,
    location: e.location,
    supervisor: e.supervisor,
  };
}

function table(records: NetSuiteRecords, name: string): { columns: string[]; rows: Row[] } {
  if (name === 'employee') return { columns: EMPLOYEE_COLUMNS, rows: records.employees().map(employeeRow) };
  const type = REFERENCE_TYPES.find((t) => t === name);
  if (!type) throw unsupported(`Unknown table '${name}'; the simulator has ${['employee', ...REFERENCE_TYPES].join(', ')}.`);
  const columns = type === 'subsidiary' ? REFERENCE_COLUMNS.filter((c) => c !== 'subsidiary') : REFERENCE_COLUMNS;
  return { columns, rows: records.reference(type).map((r) => referenceRow(type, r)) };
}

function compare(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // nulls last, as Oracle sorts ascending
  if (b === undefined) return -1;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : 1;
}

export function runSuiteQl(records: NetSuiteRecords, q: SuiteQlQuery): Array<Record<string, unknown>> {
  const t = table(records, q.table);
  const known = (c: string): string => {
    if (!t.columns.includes(c)) throw unsupported(`Field '${c}' for record '${q.table}' was not found.`);
    return c;
  };
  const columns = q.columns === '*' ? t.columns : q.columns.map(known);
  const where = q.where.map((w) => ({ column: known(w.column), value: w.value }));
  let rows = t.rows.filter((r) => where.every((w) => r[w.column] === w.value));
  if (q.orderBy) {
    const by = known(q.orderBy.column);
    const sign = q.orderBy.descending ? -1 : 1;
    rows = [...rows].sort((a, b) => sign * compare(a[by], b[by]));
  }
  return rows.map((r) => {
    const item: Record<string, unknown> = { links: [] };
    for (const c of columns) if (r[c] !== undefined) item[c] = r[c];
    return item;
  });
}

function prefersTransient(req: SimRequest): boolean {
  return (header(req, 'prefer') ?? '').split(',').some((p) => p.trim().toLowerCase() === 'transient');
}

export function suiteQlRoute(req: SimRequest, records: NetSuiteRecords, baseUrl: string): SimResponse {
  if (req.method !== 'POST') throw new NsError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here. SuiteQL queries are POSTed.`);
  if (!prefersTransient(req)) throw new NsError(400, 'INVALID_PARAMETER', 'The Prefer: transient header is required for SuiteQL queries.');
  const paging = parsePaging(req.query);
  const body = jsonBody(req);
  const q = isPlainObject(body) ? body['q'] : undefined;
  if (typeof q !== 'string' || q.trim() === '') throw new NsError(400, 'INVALID_CONTENT', 'The request body must be {"q": "<SuiteQL query>"}.', 'q');
  const items = runSuiteQl(records, parseSuiteQl(q));
  return jsonResponse(200, page(items, paging, `${baseUrl}${SUITEQL_PATH}`), COLLECTION_TYPE);
}
