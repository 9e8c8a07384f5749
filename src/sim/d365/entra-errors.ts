// Microsoft Entra token-endpoint errors: {error, error_description "AADSTS<n>: …\r\nTrace ID:
// …\r\nCorrelation ID: …\r\nTimestamp: …", error_codes, timestamp, trace_id, correlation_id,
// error_uri} (learn.microsoft.com/entra/identity-platform/reference-error-codes, sample
// response). invalid_client answers 401, everything else 400. Codes and their meaning from
// that page and the Azure SDK for Java troubleshooting page; wording abridged.
import { randomUUID } from 'node:crypto';
import type { SimResponse } from './http.js';

export class EntraError extends Error {
  constructor(
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }

  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

const timestamp = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;

/** client-request-id, when the client sent one, is echoed as the correlation id (MSAL sends it). */
export function entraErrorResponse(err: EntraError, correlationId: string | undefined): SimResponse {
  const trace = randomUUID();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const ts = timestamp(new Date());
  const body = {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${ts}`,
    error_codes: [err.code],
    timestamp: ts,
    trace_id: trace,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  };
  return { status: err.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' }, body: JSON.stringify(body) };
}

const DOC = 'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';

export const Entra = {
  method: (m: string) => new EntraError('invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${m} request.`),
  tenant: (t: string) => new EntraError('invalid_request', 90002, `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  missing: (p: string) => new EntraError('invalid_request', 900144, `The request body must contain the following parameter: '${p}'.`),
  grant: (g: string) => new EntraError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${g}'.`),
  app: (id: string, t: string) =>
    new EntraError('unauthorized_client', 700016, `Application with identifier '${id}' was not found in the directory '${t}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  noCredential: () => new EntraError('invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."),
  secret: (id: string) =>
    new EntraError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${id}'.`),
  secretExpired: (id: string) => new EntraError('invalid_client', 7000222, `The provided client secret keys for app '${id}' are expired. Visit the Azure portal to create new keys for your app.`),
  malformed: (why: string) => new EntraError('invalid_request', 50027, `JWT token is invalid or malformed. ${why}`),
  algorithm: (alg: string) => new EntraError('invalid_client', 5002738, `Invalid JWT token. '${alg}' is not a supported signature algorithm. Supported signing algorithms are: 'RS256, PS256'.`),
  keyNotFound: (thumbprint: string, id: string) =>
    new EntraError('invalid_client', 700027, `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal to see configured keys for app Id '${id}'.]`),
  signature: () => new EntraError('invalid_client', 700027, `Client assertion failed signature validation. ${DOC}`),
  issuer: () => new EntraError('invalid_client', 700021, `Client assertion application identifier doesn't match 'client_id' parameter. ${DOC}`),
  audience: () => new EntraError('invalid_client', 700023, `Client assertion audience claim does not match Realm issuer. ${DOC}`),
  timeRange: (now: number, nbf: number | undefined, exp: number) =>
    new EntraError('invalid_client', 700024, `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, assertion valid from ${nbf === undefined ? 'unset' : new Date(nbf * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}. ${DOC}`),
  scope: (s: string) => new EntraError('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${s} is not valid.`),
  noDefault: (s: string) =>
    new EntraError('invalid_scope', 1002012, `The provided value for scope ${s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  resource: (r: string, t: string) =>
    new EntraError('invalid_resource', 500011, `The resource principal named ${r} was not found in the tenant named ${t}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
};
