// POST /<tenant>/oauth2/v2.0/token: Entra ID client credentials (reference §5.1) with a client
// secret or a certificate assertion. scope must be https://<environment>/.default (no trailing
// slash on the resource: services-home-page.md). Answers {token_type, expires_in,
// ext_expires_in, access_token} with numbers, and no refresh token (RFC 6749 §4.4.3).
import { timingSafeEqual } from 'node:crypto';
import type { AppRegistry, RegisteredApp } from './apps.js';
import { verifyAssertion } from './entra-assertion.js';
import { Entra, EntraError, entraErrorResponse } from './entra-errors.js';
import { header, type SimRequest, type SimResponse } from './http.js';
import type { TokenStore } from './tokens.js';
import type { D365Stats } from './types.js';

export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };

export interface TokenEndpointDeps {
  apps: AppRegistry;
  tokens: TokenStore;
  stats: D365Stats;
  environmentHost: string;
  baseUrl: () => string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The audiences a client may put in the assertion: this endpoint as the sim or as Entra serves it. */
function audiences(deps: TokenEndpointDeps, req: SimRequest, tenants: readonly string[]): string[] {
  const hosts = [deps.baseUrl(), 'https://login.microsoftonline.com'];
  const host = header(req, 'host');
  if (host) hosts.push(`http://${host}`);
  return hosts.flatMap((h) => tenants.flatMap((t) => [`${h}/${t}/oauth2/v2.0/token`, `${h}/${t}/oauth2/token`]));
}

/** One scope, `<resource>/.default`, and the resource is this environment. */
function resourceOf(deps: TokenEndpointDeps, scope: string, tenant: string): string {
  const scopes = scope.split(/\s+/).filter(Boolean);
  const [only] = scopes;
  if (scopes.length !== 1 || only === undefined) throw Entra.scope(scope);
  if (!only.endsWith('/.default')) throw Entra.noDefault(only);
  const resource = only.slice(0, -'/.default'.length);
  const known = [`https://${deps.environmentHost}`, deps.baseUrl()].map((r) => r.toLowerCase());
  if (!known.includes(resource.toLowerCase())) throw Entra.resource(resource, tenant);
  return resource;
}

async function authenticateClient(deps: TokenEndpointDeps, req: SimRequest, form: URLSearchParams, app: RegisteredApp, tenant: string): Promise<void> {
  const assertion = form.get('client_assertion');
  const secret = form.get('client_secret');
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) throw Entra.noCredential();
    await verifyAssertion(assertion, app, audiences(deps, req, [tenant, app.tenant]), Math.floor(Date.now() / 1000));
    return;
  }
  if (secret === null || secret === '') throw Entra.noCredential();
  if (app.secret === undefined || !sameSecret(secret, app.secret)) throw Entra.secret(app.clientId);
  if (app.secretExpired) throw Entra.secretExpired(app.clientId);
}

async function issue(deps: TokenEndpointDeps, req: SimRequest, tenant: string): Promise<SimResponse> {
  if (req.method !== 'POST') throw Entra.method(req.method);
  if (!deps.apps.knowsTenant(tenant)) throw Entra.tenant(tenant);
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (grant === null) throw Entra.missing('grant_type');
  if (grant !== 'client_credentials') throw Entra.grant(grant);
  const clientId = form.get('client_id');
  if (clientId === null) throw Entra.missing('client_id');
  const app = deps.apps.find(tenant, clientId);
  if (!app) throw Entra.app(clientId, tenant);
  await authenticateClient(deps, req, form, app, tenant);
  const scope = form.get('scope');
  if (scope === null) throw Entra.missing('scope');
  const resource = resourceOf(deps, scope, tenant);
  const { token, ttl } = await deps.tokens.issue(app, app.tenant, resource);
  deps.stats.tokensIssued += 1;
  const body = { token_type: 'Bearer', expires_in: ttl, ext_expires_in: ttl, access_token: token };
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE }, body: JSON.stringify(body) };
}

export async function tokenEndpoint(deps: TokenEndpointDeps, req: SimRequest, tenant: string): Promise<SimResponse> {
  try {
    return await issue(deps, req, tenant);
  } catch (err) {
    if (!(err instanceof EntraError)) throw err;
    deps.stats.tokenErrors += 1;
    return entraErrorResponse(err, header(req, 'client-request-id'));
  }
}
