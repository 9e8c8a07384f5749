// Verifies the client-credentials JWT assertion as NetSuite documents it (section_162790605110):
// header kid = a registered Certificate ID, alg PS256/384/512 or ES256/384/512 (RS256 is not
// on the list), signature by that certificate's key, iss = its client ID, aud = the token
// URL, scope containing rest_webservices, iat not in the future, exp - iat <= 3600.
import { decodeProtectedHeader, errors, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { NetSuiteSimClient } from './types.js';

export const NS_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export const DEFAULT_ALGORITHMS = ['PS256', 'ES256'];
const CLOCK_SKEW_SEC = 60;
const MAX_LIFETIME_SEC = 3600;

export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_client' | 'invalid_grant' | 'invalid_request',
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

export class ClientRegistry {
  private readonly byKid = new Map<string, NetSuiteSimClient>();
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  register(c: NetSuiteSimClient): void {
    this.byKid.set(c.certificateId, { ...c, algorithms: [...(c.algorithms ?? DEFAULT_ALGORITHMS)] });
    for (const k of [...this.keys.keys()]) if (k.startsWith(`${c.certificateId}\n`)) this.keys.delete(k);
  }

  client(kid: string): NetSuiteSimClient | undefined {
    return this.byKid.get(kid);
  }

  key(c: NetSuiteSimClient, alg: string): Promise<CryptoKey> {
    const cacheKey = `${c.certificateId}\n${alg}`;
    let key = this.keys.get(cacheKey);
    if (!key) {
      key = importSPKI(c.publicKeyPem, alg);
      this.keys.set(cacheKey, key);
    }
    return key;
  }
}

function scopes(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string').map((s) => s.trim());
  return [];
}

async function verifySignature(assertion: string, key: CryptoKey, alg: string): Promise<JWTPayload> {
  try {
    return (await jwtVerify(assertion, key, { algorithms: [alg] })).payload;
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new OAuthError('invalid_grant', 'The assertion has expired: exp is in the past.');
    if (err instanceof errors.JWSSignatureVerificationFailed) throw new OAuthError('invalid_client', 'The assertion signature does not verify with the public key of the certificate named by kid.');
    if (err instanceof errors.JWTClaimValidationFailed) throw new OAuthError('invalid_grant', `The ${err.claim} claim is invalid: ${err.reason}.`);
    throw new OAuthError('invalid_request', `client_assertion could not be verified: ${err instanceof Error ? err.message : 'malformed JWT'}.`);
  }
}

/** Returns the client ID the assertion authenticates, or throws OAuthError naming the failed check. */
export async function verifyAssertion(assertion: string, registry: ClientRegistry, audiences: string[], nowSec: number): Promise<string> {
  let head: ReturnType<typeof decodeProtectedHeader>;
  try {
    head = decodeProtectedHeader(assertion);
  } catch {
    throw new OAuthError('invalid_request', 'client_assertion is not a JWT.');
  }
  const client = typeof head.kid === 'string' ? registry.client(head.kid) : undefined;
  if (!client) throw new OAuthError('invalid_client', `Unknown kid ${JSON.stringify(head.kid ?? null)}: no M2M certificate with that Certificate ID is registered.`);
  const alg = head.alg ?? '';
  if (!(NS_ALGORITHMS as readonly string[]).includes(alg)) throw new OAuthError('invalid_client', `Unsupported alg ${alg}: use one of ${NS_ALGORITHMS.join(', ')}.`);
  if (!(client.algorithms ?? DEFAULT_ALGORITHMS).includes(alg)) throw new OAuthError('invalid_client', `alg ${alg} is not allowed for certificate ${client.certificateId}.`);
  let key: CryptoKey;
  try {
    key = await registry.key(client, alg);
  } catch {
    throw new OAuthError('invalid_client', `The public key of certificate ${client.certificateId} cannot verify alg ${alg}.`);
  }
  const p = await verifySignature(assertion, key, alg);
  if (p.iss !== client.clientId) throw new OAuthError('invalid_client', `The iss claim must be the client ID of the integration that owns certificate ${client.certificateId}.`);
  const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) throw new OAuthError('invalid_grant', `The aud claim must be the token endpoint URL (${audiences[0] ?? ''}).`);
  if (!scopes(p['scope']).includes('rest_webservices')) throw new OAuthError('invalid_grant', 'The scope claim must include rest_webservices.');
  if (typeof p.iat !== 'number') throw new OAuthError('invalid_grant', 'The iat claim is required.');
  if (p.iat > nowSec + CLOCK_SKEW_SEC) throw new OAuthError('invalid_grant', 'The iat claim is in the future.');
  if (typeof p.exp !== 'number') throw new OAuthError('invalid_grant', 'The exp claim is required.');
  if (p.exp <= nowSec) throw new OAuthError('invalid_grant', 'The assertion has expired: exp is in the past.');
  if (p.exp - p.iat > MAX_LIFETIME_SEC) throw new OAuthError('invalid_grant', `exp - iat must not exceed ${MAX_LIFETIME_SEC} seconds.`);
  return client.clientId;
}
