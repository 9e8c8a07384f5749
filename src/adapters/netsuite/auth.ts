// OAuth 2.0 client credentials with a JWT assertion (erps.md §4.2, doc section_162755359851
// and section_162790605110): the assertion is signed with the customer's private key (PS256
// by default, ES256 allowed; RS256 is not accepted by NetSuite), `kid` = certificate id,
// `iss` = client id, `aud` = the token URL, `exp` at most iat + 3600. The access token lives
// 60 minutes and there is no refresh token: we ask for a new one before it ends.
import { importPKCS8, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { MlcError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/client.js';
import { registerSecret } from '../../log/redact.js';
import type { NetSuiteSettings } from './config.js';
import { describe, errorDetails } from './errors.js';

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const RENEW_BEFORE_MS = 300_000; // or a tenth of the token's life, if that is shorter
const ASSERTION_LIFETIME_S = 300; // well under NetSuite's 3600 s ceiling

export class NetSuiteTokens {
  private token: { value: string; expiresAt: number; obtainedAt: number } | undefined;
  private renewals = 0;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly s: NetSuiteSettings,
    private readonly http: HttpClient,
    private readonly privateKeyPem: string,
    private readonly now: () => number = Date.now,
  ) {}

  tokenUrl(): string {
    return `${this.s.baseUrl}${TOKEN_PATH}`;
  }

  /** Tokens obtained so far (the first one included). */
  get count(): number {
    return this.renewals;
  }

  async get(): Promise<string> {
    return this.fresh() ?? this.renew();
  }

  /** The token when it is good for a while yet, without a wait: every request asks for it. */
  fresh(): string | undefined {
    const t = this.token;
    if (t && t.expiresAt - this.now() > Math.min(RENEW_BEFORE_MS, (t.expiresAt - t.obtainedAt) / 10)) return t.value;
    return undefined;
  }

  /**
   * After a 401 with `used`: renew unless another request already did (many requests in
   * flight meet the same expiry; one renewal serves them all).
   */
  async renewIfStill(used: string): Promise<void> {
    if (this.inflight) await this.inflight;
    else if (!this.token || this.token.value === used) await this.renew();
  }

  renew(): Promise<string> {
    this.inflight ??= this.request().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async assertion(): Promise<string> {
    let key;
    try {
      key = await importPKCS8(this.privateKeyPem, this.s.algorithm);
    } catch (err) {
      throw new MlcError('auth_required', `the NetSuite private key of target "${this.s.name}" cannot be used for ${this.s.algorithm}: ${(err as Error).message}`, {
        hint: 'store the PKCS#8 PEM of the certificate key pair (RSA for PS*, EC P-256 for ES256)',
      });
    }
    // Token timestamps keep the real clock whatever clock runs the cache (DESIGN §5, Time).
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ scope: this.s.scopes.join(',') })
      .setProtectedHeader({ alg: this.s.algorithm, typ: 'JWT', kid: this.s.certificateId })
      .setIssuer(this.s.clientId)
      .setAudience(this.tokenUrl())
      .setIssuedAt(iat)
      .setExpirationTime(iat + ASSERTION_LIFETIME_S)
      .setJti(randomUUID())
      .sign(key);
  }

  private async request(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await this.assertion(),
    });
    const res = await this.http.send({ method: 'POST', url: TOKEN_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: body.toString() });
    if (res.status !== 200) {
      const why = describe(errorDetails(res), res.status);
      const code = res.status === 400 || res.status === 401 || res.status === 403 ? 'auth_refused' : 'unreachable';
      throw new MlcError(code, `NetSuite refused the client credentials of target "${this.s.name}" (${why})`, {
        retryable: code !== 'auth_refused',
        hint: 'check clientId, certificateId, algorithm and the private key against the M2M setup in NetSuite',
      });
    }
    let doc: { access_token?: unknown; expires_in?: unknown };
    try {
      doc = JSON.parse(res.text()) as typeof doc;
    } catch {
      throw new MlcError('bad_response', 'NetSuite token endpoint answered malformed JSON', { retryable: true });
    }
    if (typeof doc.access_token !== 'string') throw new MlcError('bad_response', 'NetSuite token endpoint answered without an access_token');
    // expires_in arrives as a number or a string (not captured publicly; parse both).
    const ttl = Number(doc.expires_in ?? 3600);
    registerSecret(doc.access_token);
    const now = this.now();
    this.token = { value: doc.access_token, expiresAt: now + (Number.isFinite(ttl) ? ttl : 3600) * 1000, obtainedAt: now };
    this.renewals++;
    return doc.access_token;
  }
}
