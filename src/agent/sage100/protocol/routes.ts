// The protocol's routes after authentication. Paths are versioned (`/v1/...`); an unknown
// version is its own error so an old agent tells a newer client plainly what it speaks.
import { authenticate, type AuthPolicy } from '../server/auth.js';
import { headerValue, type AgentHandler, type AgentRequest, type AgentResponse } from '../server/types.js';
import { ApiError, errorResponse, json, PROTOCOL_VERSION } from './errors.js';
import { infoBody, type InfoFacts } from './info.js';
import { readTable, type TableContext } from './tables.js';
import { writeBatch, writeOne, type WriteContext } from './writes.js';

export interface RouteContext {
  auth: AuthPolicy;
  info: () => InfoFacts;
  tables: TableContext;
  writes: WriteContext;
}

type Route = { method: string; pattern: RegExp; name: string; run: (req: AgentRequest, params: string[]) => Promise<AgentResponse> };

function routes(ctx: RouteContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/info$/, name: 'info', run: async () => json(200, infoBody(ctx.info())) },
    { method: 'GET', pattern: /^\/v1\/tables\/([^/]+)$/, name: 'table', run: (req, [table]) => readTable(ctx.tables, table ?? '', req) },
    { method: 'POST', pattern: /^\/v1\/objects\/([^/]+)\/write$/, name: 'write', run: (req, [object]) => writeOne(ctx.writes, object ?? '', req) },
    { method: 'POST', pattern: /^\/v1\/batch$/, name: 'batch', run: (req) => writeBatch(ctx.writes, req) },
  ];
}

function requireJson(req: AgentRequest): void {
  if (req.method !== 'POST') return;
  const type = headerValue(req, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type', 'POST bodies must be application/json');
}

async function dispatch(table: Route[], req: AgentRequest): Promise<AgentResponse> {
  const version = /^\/v(\d+)\//.exec(req.path);
  if (version && Number(version[1]) !== PROTOCOL_VERSION) {
    throw new ApiError(404, 'unsupported_protocol_version', `this agent speaks protocol v${PROTOCOL_VERSION}`, { versions: [PROTOCOL_VERSION] });
  }
  const onPath = table.filter((r) => r.pattern.test(req.path));
  const route = onPath.find((r) => r.method === req.method);
  if (!route) {
    if (onPath.length > 0) throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here`, {}, { Allow: onPath.map((r) => r.method).join(', ') });
    throw new ApiError(404, 'not_found', 'no such path');
  }
  requireJson(req);
  const params = (route.pattern.exec(req.path) ?? []).slice(1).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      throw new ApiError(400, 'invalid_path', 'the path is not valid percent-encoding');
    }
  });
  const response = await route.run(req, params);
  return { ...response, log: { route: route.name, ...response.log } };
}

export function protocolHandler(ctx: RouteContext): AgentHandler {
  const table = routes(ctx);
  return async (req) => {
    try {
      const denied = authenticate(req, ctx.auth);
      if (denied) throw denied;
      return await dispatch(table, req);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      // Our own bug: say so without echoing internals (they could hold record values).
      return { ...json(500, { error: { code: 'internal_error', message: 'the agent failed unexpectedly; see its log', retryable: false } }), log: { error: 'internal_error', detail: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown' } };
    }
  };
}
