// /services/rest/record/v1/*: employee create (POST, section_1545141395), update (PATCH),
// upsert by external id (PUT …/eid:{externalId}, section_156335203191), reads by internal
// or external id, and read-only lists of the reference record types.
import { checkExternalId, parseEmployeeBody } from './employee-input.js';
import { createEmployee, updateEmployee, upsertEmployee } from './employee-write.js';
import { COLLECTION_TYPE, jsonBody, jsonResponse, NsError, SINGULAR_TYPE, type SimRequest, type SimResponse } from './http.js';
import { page, parsePaging } from './paging.js';
import type { NetSuiteRecords } from './records.js';
import { REFERENCE_TYPES, type NetSuiteEmployee, type NetSuiteStats, type ReferenceType } from './types.js';
import { employeeView, RECORD_BASE, referenceView } from './views.js';

export interface RecordContext {
  records: NetSuiteRecords;
  stats: NetSuiteStats;
  baseUrl: string;
  now: () => string;
}

type Key = { kind: 'id'; id: string } | { kind: 'eid'; externalId: string };

const notFound = (): NsError => new NsError(404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.');
const notAllowed = (method: string, detail: string): NsError => new NsError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here. ${detail}`);

function parseKey(raw: string): Key {
  if (raw.startsWith('eid:')) {
    const externalId = raw.slice(4);
    checkExternalId(externalId);
    return { kind: 'eid', externalId };
  }
  if (/^\d+$/.test(raw)) return { kind: 'id', id: raw };
  throw notFound();
}

function findEmployee(ctx: RecordContext, key: Key): NetSuiteEmployee {
  const e = key.kind === 'id' ? ctx.records.employee(key.id) : ctx.records.employeeByExternalId(key.externalId);
  if (!e) throw notFound();
  return e;
}

/** 204 No Content with the record's URL, as create/update/upsert answer (section_1545141395). */
function written(ctx: RecordContext, e: NetSuiteEmployee): SimResponse {
  ctx.stats.writes += 1;
  return { status: 204, headers: { Location: `${ctx.baseUrl}${RECORD_BASE}/employee/${e.id}` } };
}

function employeeRoutes(req: SimRequest, key: string | undefined, ctx: RecordContext): SimResponse {
  const url = `${ctx.baseUrl}${RECORD_BASE}/employee`;
  if (key === undefined) {
    if (req.method === 'GET') {
      const items = ctx.records.employees().map((e) => ({ links: [{ rel: 'self', href: `${url}/${e.id}` }], id: e.id }));
      return jsonResponse(200, page(items, parsePaging(req.query), url), COLLECTION_TYPE);
    }
    if (req.method === 'POST') return written(ctx, createEmployee(ctx.records, parseEmployeeBody(jsonBody(req)), ctx.now()));
    throw notAllowed(req.method, 'Use GET or POST on the employee collection.');
  }
  const k = parseKey(key);
  switch (req.method) {
    case 'GET':
      return jsonResponse(200, employeeView(ctx.records, findEmployee(ctx, k), ctx.baseUrl), SINGULAR_TYPE);
    case 'PATCH': {
      const existing = findEmployee(ctx, k);
      return written(ctx, updateEmployee(ctx.records, existing, parseEmployeeBody(jsonBody(req)), ctx.now()));
    }
    case 'PUT':
      if (k.kind !== 'eid') throw notAllowed('PUT', 'Upsert needs an external id: /record/v1/employee/eid:{externalId}.');
      return written(ctx, upsertEmployee(ctx.records, k.externalId, parseEmployeeBody(jsonBody(req)), ctx.now()).employee);
    default:
      throw notAllowed(req.method, 'The simulator supports GET, PATCH and PUT on an employee.');
  }
}

function referenceRoutes(req: SimRequest, type: ReferenceType, key: string | undefined, ctx: RecordContext): SimResponse {
  if (req.method !== 'GET') throw notAllowed(req.method, `The simulator's ${type} records are read-only over REST.`);
  const url = `${ctx.baseUrl}${RECORD_BASE}/${type}`;
  if (key === undefined) {
    const items = ctx.records.reference(type).map((r) => ({ links: [{ rel: 'self', href: `${url}/${r.id}` }], id: r.id }));
    return jsonResponse(200, page(items, parsePaging(req.query), url), COLLECTION_TYPE);
  }
  const k = parseKey(key);
  const r = k.kind === 'id' ? ctx.records.referenceById(type, k.id) : undefined;
  if (!r) throw notFound();
  return jsonResponse(200, referenceView(ctx.records, type, r, ctx.baseUrl), SINGULAR_TYPE);
}

export function recordRoute(req: SimRequest, ctx: RecordContext): SimResponse {
  const rest = req.path.slice(RECORD_BASE.length).split('/').filter(Boolean);
  if (!req.path.startsWith(`${RECORD_BASE}/`) || rest.length === 0 || rest.length > 2) throw new NsError(404, 'NOT_FOUND', `Not found: ${req.path}`);
  let key: string | undefined;
  try {
    key = rest[1] === undefined ? undefined : decodeURIComponent(rest[1]);
  } catch {
    throw notFound();
  }
  const type = rest[0] ?? '';
  if (type === 'employee') return employeeRoutes(req, key, ctx);
  if ((REFERENCE_TYPES as readonly string[]).includes(type)) return referenceRoutes(req, type as ReferenceType, key, ctx);
  throw new NsError(404, 'NOT_FOUND', `The record type ${type} is not supported by the simulator.`);
}
