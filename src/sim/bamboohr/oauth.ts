// OAuth 2.0 authorization-code flow on the company subdomain (reference §1.4):
// /authorize.php auto-approves as if the user clicked Allow; /token.php exchanges codes and
// refresh tokens. Lifetimes use the real clock (Date.now()), never the business clock.
import { createHmac, randomBytes } from 'node:crypto';
import type { TokenCheck } from './auth.js';
import { bodyText, header, jsonResponse, textResponse, type SimRequest, type SimResponse } from './http.js';
import type { SimOAuthOptions } from './options.js';

const CODE_TTL_MS = 10 * 60_000;

interface Grant {
  clientId: string;
  redirectUri: string;
  scope: string;
  employeeId: number | undefined;
  expiresAt: number;
  used: boolean;
}

interface AccessToken {
  clientId: string;
  employeeId: number | undefined;
  expiresAt: number;
}

interface RefreshToken {
  clientId: string;
  scope: string;
  employeeId: number | undefined;
  valid: boolean;
}

const token = (): string => randomBytes(24).toString('hex');

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class OAuthServer {
  private readonly codes = new Map<string, Grant>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly issued: string[] = [];
  private readonly clientId: string;
  private readonly clientSecret: string;

  constructor(
    private readonly opts: SimOAuthOptions,
    private readonly companyDomain: string,
    private readonly baseUrl: () => string,
    /** The user who "clicks Allow": the employee behind the full-access key. */
    private readonly authorizingEmployeeId: number | undefined,
  ) {
    this.clientId = opts.clientId ?? 'sim-client';
    this.clientSecret = opts.clientSecret ?? 'sim-secret';
  }

  check(accessToken: string): TokenCheck {
    const t = this.access.get(accessToken);
    if (!t) return { status: 'unknown' };
    if (Date.now() >= t.expiresAt) return { status: 'expired' };
    return { status: 'valid', employeeId: t.employeeId, clientId: t.clientId };
  }

  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    for (const t of this.refresh.values()) t.valid = false;
  }

  issuedRefreshTokens(): string[] {
    return [...this.issued];
  }

  authorize(req: SimRequest): SimResponse {
    const q = req.query;
    const fail = (message: string): SimResponse => textResponse(400, `Bad request: ${message}`);
    if (q.get('request') !== 'authorize') return fail('request=authorize is required');
    if (q.get('response_type') !== 'code') return fail('response_type must be code');
    if (q.get('client_id') !== this.clientId) return fail('unknown client_id');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!this.redirectAllowed(redirectUri)) return fail('redirect_uri does not match a registered redirect URI');
    const code = token();
    // Scopes arrive `+`-joined (reference §1.4); URLSearchParams has already turned `+` into spaces.
    const scope = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean).join(' ');
    this.codes.set(code, { clientId: this.clientId, redirectUri, scope, employeeId: this.authorizingEmployeeId, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.toString() }, body: '' };
  }

  token(req: SimRequest): SimResponse {
    const p = this.params(req);
    const error = (status: number, code: string, description: string): SimResponse => jsonResponse(status, { error: code, error_description: description });
    if (req.query.get('request') !== 'token') return error(400, 'invalid_request', 'request=token is required');
    if (p['client_id'] !== this.clientId || p['client_secret'] !== this.clientSecret) return error(401, 'invalid_client', 'Client authentication failed');
    if (p['grant_type'] === 'authorization_code') {
      const grant = this.codes.get(p['code'] ?? '');
      if (!grant || grant.used || Date.now() >= grant.expiresAt) return error(400, 'invalid_grant', 'The authorization code is invalid, expired or already used');
      if (grant.redirectUri !== p['redirect_uri']) return error(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      grant.used = true;
      return this.issue(grant.scope, grant.employeeId, undefined);
    }
    if (p['grant_type'] === 'refresh_token') {
      const old = p['refresh_token'] ?? '';
      const current = this.refresh.get(old);
      if (!current || !current.valid) return error(400, 'invalid_grant', 'The refresh token is invalid or has been revoked');
      return this.issue(current.scope, current.employeeId, old);
    }
    return error(400, 'unsupported_grant_type', `Unsupported grant_type: ${p['grant_type'] ?? ''}`);
  }

  private issue(scope: string, employeeId: number | undefined, oldRefresh: string | undefined): SimResponse {
    const ttl = this.opts.accessTokenTtlSec ?? 3600;
    const accessToken = token();
    this.access.set(accessToken, { clientId: this.clientId, employeeId, expiresAt: Date.now() + ttl * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: ttl, token_type: 'Bearer', scope };
    // A refresh token only with offline_access (reference §1.4).
    if (scope.split(' ').includes('offline_access')) {
      let refreshToken = oldRefresh;
      if (!refreshToken || (this.opts.rotateRefreshTokens ?? true)) {
        const previous = oldRefresh ? this.refresh.get(oldRefresh) : undefined;
        if (previous) previous.valid = false;
        refreshToken = token();
        this.refresh.set(refreshToken, { clientId: this.clientId, scope, employeeId, valid: true });
        this.issued.push(refreshToken);
      }
      body['refresh_token'] = refreshToken;
    }
    body['id_token'] = this.idToken(employeeId);
    body['companyDomain'] = this.companyDomain;
    return jsonResponse(200, body);
  }

  /** An HS256 JWT signed with the client secret; enough for a client that only stores it. */
  private idToken(employeeId: number | undefined): string {
    const now = Math.floor(Date.now() / 1000);
    const head = b64url({ alg: 'HS256', typ: 'JWT' });
    const claims = b64url({ iss: this.baseUrl(), sub: String(employeeId ?? 0), aud: this.clientId, iat: now, exp: now + 3600, companyDomain: this.companyDomain });
    const sig = createHmac('sha256', this.clientSecret).update(`${head}.${claims}`).digest('base64url');
    return `${head}.${claims}.${sig}`;
  }

  private redirectAllowed(uri: string): boolean {
    if (this.opts.redirectUris) return this.opts.redirectUris.includes(uri);
    try {
      const u = new URL(uri);
      return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost') && u.port !== '';
    } catch {
      return false;
    }
  }

  /** JSON or form-encoded bodies are both accepted (reference §1.4). */
  private params(req: SimRequest): Record<string, string> {
    const text = bodyText(req);
    if ((header(req, 'content-type') ?? '').includes('application/json')) {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed && typeof parsed === 'object') {
          return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
        }
      } catch {
        return {};
      }
      return {};
    }
    return Object.fromEntries(new URLSearchParams(text));
  }
}
