// Entra ID client credentials for F&O (erps.md §5.1): POST to the v2 token endpoint with
// scope `<environment>/.default` and either the client secret or a client assertion, a JWT
// signed with the certificate's private key whose header names the certificate by its
// thumbprints (x5t#S256, and x5t for older validators; learn.microsoft.com/entra/identity-platform/certificate-credentials).
// Tokens live a random 60–90 minutes and come without a refresh token, so a new one is asked
// for shortly before the old one ends, and once (for every request that met it) after a 401.
import { SignJWT } from 'jose';
import { createHash, createPrivateKey, createPublicKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { MlcError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/client.js';
import { registerSecret, scrub } from '../../log/redact.js';
import type { D365Settings } from './config.js';

export type Credential = { kind: 'secret'; secret: string } | { kind: 'certificate'; key: KeyObject; x5t: string; x5tS256: string };

const ASSERTION_LIFETIME_S = 600;
const RENEW_MARGIN_MS = 300_000; // or a tenth of the token's life, if that is shorter

/** The certificate credential from the two PEM secrets; the key must belong to the certificate. */
export function certificateCredential(target: string, certificatePem: string, keyPem: string): Credential {
  const fail = (why: string) => new MlcError('auth_required', `the D365 certificate of target "${target}" cannot be used: ${why}`, {
    hint: `store the certificate uploaded to the app registration (mlc auth set ${target} certificate < cert.pem) and its RSA private key (mlc auth set ${target} certificate_key < key.pem)`,
  });
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certificatePem);
  } catch {
    throw fail('the certificate secret is not an X.509 PEM');
  }
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw fail('the certificate_key secret is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw fail(`Entra signs assertions with RSA keys, not ${key.asymmetricKeyType ?? 'this key type'}`);
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
  if (spki(createPublicKey(key)) !== spki(cert.publicKey)) throw fail('the private key does not belong to the certificate');
  const thumb = (alg: string) => createHash(alg).update(cert.raw).digest('base64url');
  return { kind: 'certificate', key, x5t: thumb('sha1'), x5tS256: thumb('sha256') };
}

/** AADSTS codes worth a specific hint (Entra error-code reference). */
const HINTS: Record<string, string> = {
  '7000215': 'the client secret is wrong: store the secret value (not its id) with mlc auth set <target> client_secret',
  '7000222': 'the client secret has expired: create a new one under the app registration > Certificates & secrets',
  '700016': 'no app with this clientId in the tenant: check clientId and tenant',
  '90002': 'the tenant does not exist: check tenant (its GUID or its domain)',
  '700027': 'the certificate is not the one uploaded to the app registration (or the key does not match it)',
  '500011': 'the environment is not known to the tenant: check environment (https://<name>.operations.dynamics.com, no trailing slash)',
};

export class EntraTokens {
  private token: { value: string; expiresAt: number; lifeMs: number } | undefined;
  private pending: Promise<string> | undefined;
  /** Tokens obtained so far. */
  issued = 0;

  constructor(
    private readonly s: D365Settings,
    private readonly http: HttpClient,
    private readonly credential: Credential,
  ) {}

  async current(): Promise<string> {
    const t = this.token;
    if (t && t.expiresAt - Date.now() > Math.min(RENEW_MARGIN_MS, t.lifeMs / 10)) return t.value;
    return this.renew();
  }

  /** After a 401 with `used`: renew unless another request already did; one renewal serves all. */
  async refused(used: string): Promise<void> {
    if (this.pending) await this.pending;
    else if (this.token === undefined || this.token.value === used) await this.renew();
  }

  private renew(): Promise<string> {
    this.pending ??= this.request().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async form(): Promise<URLSearchParams> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.s.clientId, scope: this.s.scope });
    const c = this.credential;
    if (c.kind === 'secret') form.set('client_secret', c.secret);
    else {
      const iat = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': c.x5tS256, x5t: c.x5t })
        .setIssuer(this.s.clientId)
        .setSubject(this.s.clientId)
        .setAudience(this.s.tokenUrl)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + ASSERTION_LIFETIME_S)
        .setJti(randomUUID())
        .sign(c.key);
      registerSecret(jwt); // a credential for its ten minutes
      form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      form.set('client_assertion', jwt);
    }
    return form;
  }

  private async request(): Promise<string> {
    const body = (await this.form()).toString();
    // Asking for a token twice is harmless: the request may be repeated after a reset.
    const res = await this.http.send({ method: 'POST', url: this.s.tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, idempotent: true });
    let doc: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown; error_codes?: unknown };
    try {
      doc = JSON.parse(res.text()) as typeof doc;
    } catch {
      throw new MlcError(res.status >= 500 ? 'unreachable' : 'bad_response', `Entra token endpoint answered HTTP ${res.status} without JSON`, { retryable: true });
    }
    if (res.status !== 200 || typeof doc.access_token !== 'string') throw this.refusal(res.status, doc);
    registerSecret(doc.access_token);
    // expires_in is a number of seconds (a string on some endpoints): read both.
    const ttl = Number(doc.expires_in ?? 3600);
    const lifeMs = (Number.isFinite(ttl) && ttl > 0 ? ttl : 3600) * 1000;
    this.token = { value: doc.access_token, expiresAt: Date.now() + lifeMs, lifeMs };
    this.issued++;
    return doc.access_token;
  }

  private refusal(status: number, doc: { error?: unknown; error_description?: unknown; error_codes?: unknown }): MlcError {
    const text = typeof doc.error_description === 'string' ? doc.error_description.split(/\r?\n/)[0]! : `HTTP ${status}`;
    const code = Array.isArray(doc.error_codes) ? String(doc.error_codes[0]) : (/AADSTS(\d+)/.exec(text)?.[1] ?? '');
    const message = scrub(`Entra refused the client credentials of target "${this.s.name}": ${typeof doc.error === 'string' ? `${doc.error}: ` : ''}${text}`);
    if (status >= 500 || status === 429) return new MlcError('unreachable', message, { retryable: true });
    return new MlcError('auth_refused', message, {
      hint: HINTS[code] ?? `check tenant, clientId and the ${this.s.credential === 'secret' ? 'client secret' : 'certificate'} of the Entra app registration`,
    });
  }
}
