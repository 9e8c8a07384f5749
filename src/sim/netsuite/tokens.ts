// The M2M token endpoint (section_162755359851) and the Bearer check on REST calls. Access
// tokens are opaque random strings living `accessTokenTtlSec` on the real clock; there is no
// refresh token in this flow, so clients must ask for a new one near expiry.
import { randomBytes } from 'node:crypto';
import { OAuthError, verifyAssertion, type ClientRegistry } from './assertion.js';
import { errorResponse, header, jsonResponse, NsError, type SimRequest, type SimResponse } from './http.js';
import type { NetSuiteStats } from './types.js';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const INVALID_LOGIN =
  'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

/** `4083091_SB2` → `4083091-sb2.suitetalk.api.netsuite.com` (reference §4.1). */
export function productionHost(accountId: string): string {
  return `${accountId.toLowerCase().replace(/_/g, '-')}.suitetalk.api.netsuite.com`;
}

export class TokenService {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(
    private readonly clients: ClientRegistry,
    private readonly stats: NetSuiteStats,
    private readonly accountId: string,
    private readonly ttlSec: number,
    private readonly baseUrl: () => string,
  ) {}

  /** Every issued token becomes invalid (the next REST call gets 401). */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  async token(req: SimRequest): Promise<SimResponse> {
    try {
      const clientId = await this.verify(req);
      const token = randomBytes(32).toString('base64url');
      this.tokens.set(token, { clientId, expiresAt: Date.now() + this.ttlSec * 1000 });
      this.stats.tokensIssued += 1;
      // expires_in as a string: NetSuite's JSON type was not captured (reference §4.2), so
      // clients must accept both.
      return jsonResponse(200, { access_token: token, expires_in: String(this.ttlSec), token_type: 'Bearer' }, 'application/json', { 'Cache-Control': 'no-store' });
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      return jsonResponse(400, { error: err.error, error_description: err.description }, 'application/json', { 'Cache-Control': 'no-store' });
    }
  }

  private async verify(req: SimRequest): Promise<string> {
    if (req.method !== 'POST') throw new NsError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here. POST the token request.`);
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded.');
    const form = new URLSearchParams(req.body.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') throw new OAuthError('invalid_request', 'grant_type must be client_credentials.');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) throw new OAuthError('invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}.`);
    const assertion = form.get('client_assertion');
    if (!assertion) throw new OAuthError('invalid_request', 'client_assertion is required.');
    const audiences = [`${this.baseUrl()}${TOKEN_PATH}`, `https://${productionHost(this.accountId)}${TOKEN_PATH}`];
    const host = header(req, 'host');
    if (host) audiences.push(`http://${host}${TOKEN_PATH}`);
    return verifyAssertion(assertion, this.clients, audiences, Math.floor(Date.now() / 1000));
  }

  /** undefined when the Bearer token is good, else the 401 NetSuite answers (subsect_158521885412). */
  authenticate(req: SimRequest): SimResponse | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
    const entry = m?.[1] === undefined ? undefined : this.tokens.get(m[1]);
    if (entry && entry.expiresAt > Date.now()) return undefined;
    const why = !m ? 'No Bearer access token was sent.' : entry ? 'The access token has expired.' : 'The access token is invalid.';
    const challenge = `Bearer realm="${this.accountId}", error="invalid_token", error_description="${why}"`;
    return errorResponse(new NsError(401, 'INVALID_LOGIN', INVALID_LOGIN, undefined, { 'WWW-Authenticate': challenge }));
  }
}
