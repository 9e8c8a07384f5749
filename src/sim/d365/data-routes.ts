// Everything under /data except $batch: the service document, $metadata, the getSetDisplayValue
// action and the entity sets. Used for top-level requests and for each request of a $batch.
import type { DataContext } from './context.js';
import { setDisplayValue } from './dimensions.js';
import { entityRoute } from './entity-routes.js';
import { errorResponse, isPlainObject, jsonResponse, ODataError, odataException, plainError, type SimRequest, type SimResponse } from './http.js';
import { metadataXml } from './metadata.js';
import { parseResourcePath } from './odata-key.js';
import { NAMESPACE } from './schema.js';
import { parseJson } from './values.js';

export const DATA_PREFIX = '/data';

const SET_DISPLAY_VALUE = `${NAMESPACE}.getSetDisplayValue`;

function serviceDocument(ctx: DataContext): SimResponse {
  const value = [...ctx.state.schema.sets.keys()].map((name) => ({ name, kind: 'EntitySet', url: name }));
  return jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata`, value });
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** POST /data/DimensionSets/Microsoft.Dynamics.DataEntities.getSetDisplayValue (A.2, [3P] blog). */
function getSetDisplayValue(ctx: DataContext, req: SimRequest): SimResponse {
  const body = parseJson(req.body.toString('utf8'));
  if (!isPlainObject(body) || !strings(body['_attributeNames']) || !strings(body['_attributeValues'])) {
    throw odataException('The action getSetDisplayValue needs _attributeNames and _attributeValues (arrays of strings).');
  }
  const value = setDisplayValue(ctx.state, body['_attributeNames'], body['_attributeValues']);
  if (value === undefined) throw plainError(400, ctx.state.settings.messages.noActiveFormat);
  return jsonResponse(200, { '@odata.context': `${ctx.serviceRoot}/$metadata#Edm.String`, value });
}

function route(ctx: DataContext, req: SimRequest): SimResponse {
  const segments = req.path.slice(DATA_PREFIX.length).split('/').filter(Boolean);
  if (segments.length === 0 && req.method === 'GET') return serviceDocument(ctx);
  if (segments.length === 1 && segments[0] === '$metadata' && req.method === 'GET') {
    return { status: 200, headers: { 'Content-Type': 'application/xml', 'OData-Version': '4.0' }, body: metadataXml(ctx.state.schema) };
  }
  const path = parseResourcePath(segments);
  if (path.set === 'DimensionSets' && path.keyText === undefined && path.rest.length === 1 && path.rest[0] === SET_DISPLAY_VALUE && ctx.state.schema.set('DimensionSets')) {
    if (req.method !== 'POST') throw plainError(405, 'getSetDisplayValue is an action: use POST.');
    return getSetDisplayValue(ctx, req);
  }
  return entityRoute(ctx, req, path);
}

/** One /data request (outside or inside a $batch) → its answer; errors become F&O bodies. */
export function dispatchData(ctx: DataContext, req: SimRequest): SimResponse {
  try {
    return route({ ...ctx, crossCompany: req.query.get('cross-company')?.toLowerCase() === 'true' }, req);
  } catch (err) {
    if (err instanceof ODataError) return errorResponse(err);
    if (err instanceof URIError) return errorResponse(odataException('The request URI is not valid.'));
    throw err;
  }
}
