// /data/<EntitySet>[(<key>)][/$count]: reads with query options and cross-company scoping,
// POST (201 with the entity), PATCH/PUT (204; reference §5.3), DELETE. Without
// `cross-company=true` only the user's default company is visible (reference §5.2).
import type { DataContext } from './context.js';
import { header, jsonResponse, ODataError, plainError, type SimRequest, type SimResponse } from './http.js';
import { parseKey, type ResourcePath } from './odata-key.js';
import { nextLink, page, parseQuery, preferredPageSize } from './odata-query.js';
import type { EntitySetDef } from './schema.js';
import { contextUrl, entityJson, entityUrl, etag } from './serialize.js';
import { findByKey, sourceFor, type SetSource } from './sets.js';
import { foldKey, type StoredRow } from './table.js';
import type { Value } from './types.js';
import { parseEntityBody, parseJson } from './values.js';

/** Assumption: Web API OData's wording; the F&O text for a missing key is NOT FOUND (A.6). */
const notFound = (def: EntitySetDef): ODataError => plainError(404, `Resource not found for the segment '${def.name}'.`);
const readOnly = (def: EntitySetDef, method: string): ODataError => plainError(405, `The entity set '${def.name}' does not support ${method} in this environment.`);

function inDefaultCompany(ctx: DataContext, values: Readonly<Record<string, Value>>): boolean {
  return foldKey(values['dataAreaId'] ?? null) === foldKey(ctx.state.defaultCompany);
}

function collection(ctx: DataContext, req: SimRequest, def: EntitySetDef, source: SetSource, countOnly: boolean): SimResponse {
  const opts = parseQuery(def, req.query);
  let rows = source.rows(ctx).filter((r) => source.visible(ctx, r));
  if (def.company && !ctx.crossCompany) rows = rows.filter((r) => inDefaultCompany(ctx, r.values));
  if (countOnly) {
    const counted = page(rows, { ...opts, skip: 0, orderBy: [] }, Number.MAX_SAFE_INTEGER, (r) => r.values);
    return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'OData-Version': '4.0' }, body: String(counted.total) };
  }
  const prefer = header(req, 'prefer');
  const size = preferredPageSize(prefer, ctx.state.settings.pageSize);
  const p = page(rows, opts, size, (r) => r.values);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx.serviceRoot, def, opts.select, false) };
  if (opts.count) body['@odata.count'] = p.total;
  body['value'] = p.rows.map((r) => entityJson(def, r, opts.select));
  if (p.next) body['@odata.nextLink'] = nextLink(`${ctx.serviceRoot}/${def.name}`, req.query, p.next);
  const applied: Record<string, string> = size !== ctx.state.settings.pageSize ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {};
  return jsonResponse(200, body, applied);
}

function create(ctx: DataContext, req: SimRequest, def: EntitySetDef, source: SetSource): SimResponse {
  if (!source.create) throw readOnly(def, 'POST');
  const input = parseEntityBody(def, parseJson(req.body.toString('utf8')));
  const row = source.create(ctx, def, input);
  const location = entityUrl(ctx.serviceRoot, def, row.values);
  if (/return=minimal/i.test(header(req, 'prefer') ?? '')) return { status: 204, headers: { Location: location, 'OData-EntityId': location, 'OData-Version': '4.0' } };
  return jsonResponse(201, { '@odata.context': contextUrl(ctx.serviceRoot, def, undefined, true), ...entityJson(def, row) }, { Location: location, ETag: etag(row) });
}

/** If-Match other than `*` must equal the current etag; 412 and the X++ update-conflict text (A.3, A.6: status assumed). */
function checkIfMatch(req: SimRequest, def: EntitySetDef, row: StoredRow): void {
  const ifMatch = header(req, 'if-match');
  if (ifMatch === undefined || ifMatch.trim() === '*' || ifMatch.split(',').some((t) => t.trim() === etag(row))) return;
  const text = `Cannot edit a record in ${def.table.label} (${def.table.name}). An update conflict occurred due to another user process deleting the record or changing one or more fields in the record.`;
  throw plainError(412, text);
}

function single(ctx: DataContext, req: SimRequest, def: EntitySetDef, source: SetSource, keyText: string): SimResponse {
  const key = parseKey(def, keyText);
  const crossBlocked = def.company && !ctx.crossCompany && !inDefaultCompany(ctx, key) && ctx.state.settings.keyAccessOtherCompany === 'crossCompanyOnly';
  const row = crossBlocked ? undefined : findByKey(ctx, def, source, key);
  if (!row || !source.visible(ctx, row)) throw notFound(def);
  switch (req.method) {
    case 'GET': {
      const select = parseQuery(def, req.query).select;
      return jsonResponse(200, { '@odata.context': contextUrl(ctx.serviceRoot, def, select, true), ...entityJson(def, row, select) }, { ETag: etag(row) });
    }
    case 'PATCH':
    case 'PUT': {
      if (!source.update) throw readOnly(def, req.method);
      checkIfMatch(req, def, row);
      const updated = source.update(ctx, def, row, parseEntityBody(def, parseJson(req.body.toString('utf8'))));
      if (/return=representation/i.test(header(req, 'prefer') ?? '')) return jsonResponse(200, { '@odata.context': contextUrl(ctx.serviceRoot, def, undefined, true), ...entityJson(def, updated) });
      return { status: 204, headers: { ETag: etag(updated), 'OData-Version': '4.0' } };
    }
    case 'DELETE': {
      const table = source.table?.(ctx);
      if (!table || !source.create) throw readOnly(def, 'DELETE');
      checkIfMatch(req, def, row);
      table.delete(row.values);
      return { status: 204, headers: { 'OData-Version': '4.0' } };
    }
    default:
      throw plainError(405, `The HTTP method '${req.method}' is not allowed on '${def.name}(…)'.`);
  }
}

export function entityRoute(ctx: DataContext, req: SimRequest, path: ResourcePath): SimResponse {
  const def = ctx.state.schema.set(path.set);
  const source = def && sourceFor(def.name);
  // A.3 records this body for a set the environment does not have
  if (!def || !source) throw plainError(404, 'Entity set not found.');
  if (path.keyText !== undefined) {
    if (path.rest.length > 0) throw notFound(def);
    return single(ctx, req, def, source, path.keyText);
  }
  if (path.rest.length === 1 && path.rest[0] === '$count' && req.method === 'GET') return collection(ctx, req, def, source, true);
  if (path.rest.length > 0) throw notFound(def);
  if (req.method === 'GET') return collection(ctx, req, def, source, false);
  if (req.method === 'POST') return create(ctx, req, def, source);
  throw plainError(405, `The HTTP method '${req.method}' is not allowed on '${def.name}'.`);
}
