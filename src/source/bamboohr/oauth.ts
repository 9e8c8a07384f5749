// OAuth 2.0 authorization code on the customer's own subdomain (reference/bamboohr.md §1.4):
// GET /authorize.php?request=authorize&… then POST /token.php?request=token.
import { MlcError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/client.js';
import { registerSecret } from '../../log/redact.js';
import { bambooErrorMessage, bambooHttpError, expectJson } from './errors.js';
import { TokenResponse } from './schema.js';

/**
 * Scopes are joined with a literal "+": a public client notes that a URL builder encoding
 * the separator gets a 400 from BambooHR (reference §1.4, to be verified). Every other value
 * is percent-encoded.
 */
export function authorizeUrl(baseUrl: string, p: { clientId: string; redirectUri: string; scopes: readonly string[]; state: string }): string {
  const enc = encodeURIComponent;
  const scope = p.scopes.map(enc).join('+');
  return `${baseUrl}/authorize.php?request=authorize&state=${enc(p.state)}&response_type=code&scope=${scope}&client_id=${enc(p.clientId)}&redirect_uri=${enc(p.redirectUri)}`;
}

/**
 * POST /token.php?request=token, form-encoded as BambooHR's PHP and Python SDKs send it.
 * A 400/401 is a refusal of the grant: `refused(why)` builds the error to throw.
 */
export async function postToken(http: HttpClient, params: Record<string, string>, refused: (why: string) => MlcError): Promise<TokenResponse> {
  const res = await http.send({
    method: 'POST',
    url: '/token.php?request=token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
  });
  if (res.status === 400 || res.status === 401) throw refused(bambooErrorMessage(res) ?? `HTTP ${res.status}`);
  if (res.status >= 300) throw bambooHttpError(res, 'POST /token.php');
  const parsed = TokenResponse.safeParse(expectJson(res, 'POST /token.php'));
  if (!parsed.success) throw new MlcError('bad_response', 'BambooHR POST /token.php answered without an access_token');
  registerSecret(parsed.data.access_token);
  registerSecret(parsed.data.refresh_token);
  return parsed.data;
}

export function exchangeCode(http: HttpClient, p: { code: string; clientId: string; clientSecret: string; redirectUri: string }): Promise<TokenResponse> {
  const params = { grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, client_id: p.clientId, client_secret: p.clientSecret };
  return postToken(
    http,
    params,
    (why) =>
      new MlcError('auth_refused', `BambooHR refused the authorization code (${why})`, {
        hint: 'check the client id, client secret and redirect URI registered in the BambooHR developer portal, then log in again',
      }),
  );
}
