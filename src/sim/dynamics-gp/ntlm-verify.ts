// NTLMv2 response check (MS-NLMP §3.3.2):
//   NTOWFv2     = HMAC-MD5(MD4(UNICODE(password)), UNICODE(UPPER(user) + domain))
//   NTProofStr  = HMAC-MD5(NTOWFv2, serverChallenge + blob), blob = the rest of NtChallengeResponse
// user and domain are the ones the client put in the AUTHENTICATE message. MD4 comes from
// js-md4 because OpenSSL 3 (Node 20) refuses `md4` (reference/dependencies.md §4).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Authenticate } from './ntlm-messages.js';

interface Md4 {
  arrayBuffer(message: Uint8Array): ArrayBuffer;
}

// js-md4 ships no type declarations; a local interface keeps the typing out of the global scope.
const md4 = createRequire(import.meta.url)('js-md4') as Md4;

const hmacMd5 = (key: Buffer, data: Buffer): Buffer => createHmac('md5', key).update(data).digest();

export function ntowfv2(password: string, user: string, domain: string): Buffer {
  const ntHash = Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
  return hmacMd5(ntHash, Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** NTLMv2 only: a 24-byte (NTLMv1 / NTLM2 session) response is refused, as LmCompatibilityLevel 5 does. */
export function verifyNtlmv2(auth: Authenticate, serverChallenge: Buffer, password: string): VerifyResult {
  const nt = auth.ntResponse;
  if (nt.length === 0) return { ok: false, reason: 'anonymous logon refused' };
  if (nt.length <= 24) return { ok: false, reason: 'NTLMv1 response refused (NTLMv2 only)' };
  const proof = nt.subarray(0, 16);
  const blob = nt.subarray(16);
  if (blob[0] !== 1 || blob[1] !== 1) return { ok: false, reason: 'NTLMv2 blob has an unknown version' };
  const expected = hmacMd5(ntowfv2(password, auth.user, auth.domain), Buffer.concat([serverChallenge, blob]));
  return timingSafeEqual(proof, expected) ? { ok: true } : { ok: false, reason: 'wrong password' };
}
