// /api/v1/webhooks…: create, list, get, update, delete, monitor_fields (reference §4.2). These
// endpoints answer JSON only, with `{"errors": …}` bodies on 400/403/404 as in the spec.
import type { ApiContext } from '../context.js';
import { MONITOR_FIELDS } from '../fields.js';
import { bodyText, jsonResponse, textResponse, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../../common/router.js';
import { WebhookProblem, type SimWebhook } from '../webhooks.js';

function full(hook: SimWebhook, withKey: boolean): Record<string, unknown> {
  return {
    id: hook.id,
    name: hook.name,
    created: hook.created,
    lastSent: hook.lastSent,
    monitorFields: hook.monitorFields,
    postFields: hook.postFields,
    url: hook.url,
    format: hook.format,
    ...(withKey ? { privateKey: hook.privateKey } : {}),
    includeCompanyDomain: hook.includeCompanyDomain,
    events: hook.events,
  };
}

function guarded(run: (req: SimRequest, params: Record<string, string>, ctx: ApiContext) => SimResponse) {
  return (req: SimRequest, params: Record<string, string>, ctx: ApiContext): SimResponse => {
    try {
      return run(req, params, ctx);
    } catch (err) {
      if (err instanceof WebhookProblem) return jsonResponse(err.status, { errors: err.errors });
      throw err;
    }
  };
}

function parseBody(req: SimRequest): unknown {
  try {
    return JSON.parse(bodyText(req)) as unknown;
  } catch {
    throw new WebhookProblem(400, [{ error: 'Invalid request body', issues: ['body: not valid JSON'] }]);
  }
}

export function registerWebhookRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1/webhooks/monitor_fields', () =>
    jsonResponse(200, { fields: MONITOR_FIELDS.map((f) => ({ id: String(f.id), name: f.name, alias: f.alias })) }),
  );
  router.add('GET', '/api/v1/webhooks', (_req, _p, ctx) =>
    jsonResponse(200, { webhooks: ctx.webhooks.list(ctx.principal.owner).map((h) => ({ id: h.id, name: h.name, created: h.created, lastSent: h.lastSent, url: h.url })) }),
  );
  router.add('POST', '/api/v1/webhooks', guarded((req, _p, ctx) => {
    const hook = ctx.webhooks.build(ctx.principal.owner, ctx.principal.hidden, parseBody(req));
    return jsonResponse(201, full(ctx.webhooks.save(hook), true));
  }));
  router.add('GET', '/api/v1/webhooks/:id', guarded((_req, p, ctx) => jsonResponse(200, full(ctx.webhooks.get(ctx.principal.owner, p['id'] ?? ''), false))));
  router.add('PUT', '/api/v1/webhooks/:id', guarded((req, p, ctx) => {
    const existing = ctx.webhooks.get(ctx.principal.owner, p['id'] ?? '');
    const hook = ctx.webhooks.build(ctx.principal.owner, ctx.principal.hidden, parseBody(req), existing);
    return jsonResponse(200, full(ctx.webhooks.save(hook), false));
  }));
  router.add('DELETE', '/api/v1/webhooks/:id', guarded((_req, p, ctx) => {
    ctx.webhooks.remove(ctx.principal.owner, p['id'] ?? '');
    return textResponse(200, 'Web hook has been deleted.');
  }));
  // Log entries are not simulated; an empty list is a valid answer (spec List Webhook Logs).
  router.add('GET', '/api/v1/webhooks/:id/log', guarded((_req, p, ctx) => {
    ctx.webhooks.get(ctx.principal.owner, p['id'] ?? '');
    return jsonResponse(200, []);
  }));
}
