// Verifies a certificate client assertion as Entra documents it
// (learn.microsoft.com/entra/identity-platform/certificate-credentials): header alg RS256 (older
// doc) or PS256 (current doc), x5t (SHA-1) and/or x5t#S256 (SHA-256) naming the registered
// certificate; claims aud = the token endpoint, iss = sub = client id, jti, exp, nbf.
// The signature is checked with jose against the certificate's public key.
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { RegisteredApp } from './apps.js';
import { Entra } from './entra-errors.js';

const ALGORITHMS = ['RS256', 'PS256'];
/** Allowed clock difference (assumption: Entra's figure is not documented). */
const SKEW_SEC = 300;

function header(assertion: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    throw Entra.malformed('The client_assertion is not a signed JWT.');
  }
}

async function verifiedPayload(assertion: string, app: RegisteredApp, alg: string, head: Record<string, unknown>): Promise<Record<string, unknown>> {
  const cert = app.certificate;
  const x5t = typeof head['x5t'] === 'string' ? head['x5t'] : undefined;
  const x5tS256 = typeof head['x5t#S256'] === 'string' ? head['x5t#S256'] : undefined;
  const named = x5tS256 ?? x5t ?? '';
  if (!cert || (x5t !== undefined && x5t !== cert.x5t) || (x5tS256 !== undefined && x5tS256 !== cert.x5tS256) || named === '') {
    throw Entra.keyNotFound(named, app.clientId);
  }
  let bytes: Uint8Array;
  try {
    bytes = (await compactVerify(assertion, cert.publicKey, { algorithms: [alg] })).payload;
  } catch {
    throw Entra.signature();
  }
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) return payload as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw Entra.malformed('The assertion payload is not a JSON object.');
}

/** Throws EntraError naming the first failed check; resolves when the assertion authenticates `app`. */
export async function verifyAssertion(assertion: string, app: RegisteredApp, audiences: readonly string[], nowSec: number): Promise<void> {
  const head = header(assertion);
  const alg = typeof head['alg'] === 'string' ? head['alg'] : '';
  if (!ALGORITHMS.includes(alg)) throw Entra.algorithm(alg);
  const p = await verifiedPayload(assertion, app, alg, head);
  const id = app.clientId.toLowerCase();
  if (String(p['iss'] ?? '').toLowerCase() !== id || String(p['sub'] ?? '').toLowerCase() !== id) throw Entra.issuer();
  const aud = Array.isArray(p['aud']) ? p['aud'] : [p['aud']];
  const wanted = audiences.map((a) => a.toLowerCase());
  if (!aud.some((a) => typeof a === 'string' && wanted.includes(a.toLowerCase()))) throw Entra.audience();
  if (typeof p['jti'] !== 'string' || p['jti'] === '') throw Entra.malformed("The 'jti' claim is missing.");
  const exp = p['exp'];
  const nbf = p['nbf'];
  if (typeof exp !== 'number') throw Entra.malformed("The 'exp' claim is missing.");
  if (nbf !== undefined && typeof nbf !== 'number') throw Entra.malformed("The 'nbf' claim is not a number.");
  if (exp <= nowSec - SKEW_SEC || (nbf !== undefined && nbf > nowSec + SKEW_SEC)) throw Entra.timeRange(nowSec, nbf, exp);
}
