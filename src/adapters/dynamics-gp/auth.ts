// The NTLM messages of Windows authentication (MS-NLMP: NEGOTIATE = Type 1, CHALLENGE =
// Type 2, AUTHENTICATE = Type 3), made by httpntlm's ntlm module rather than by hand: a
// maintained, pure-JS implementation (MD4 from js-md4, since OpenSSL 3 refuses md4 on Node 20;
// reference/dependencies.md §4) whose NTLMv2 response a Windows server verifies. This file
// only wraps it: picks the challenge out of the WWW-Authenticate headers, and refuses to
// answer a server that offers nothing better than NTLMv1 (no target info or no extended
// session security: httpntlm would fall back to a v1 response there).
import { createRequire } from 'node:module';
import { MlcError } from '../../domain/errors.js';

export interface WindowsAccount {
  domain: string;
  user: string;
  password: string;
  workstation: string;
}

interface Type2 {
  negotiateFlags: number;
  serverChallenge: Buffer;
  targetInfo?: Buffer;
}

interface NtlmModule {
  createType1Message(o: { domain: string; workstation: string }): string;
  parseType2Message(header: string, onError: (err: Error) => void): Type2 | null;
  createType3Message(msg: Type2, o: { domain: string; workstation: string; username: string; password: string }): string;
}

// httpntlm ships no type declarations; a local interface keeps them out of the global scope.
const ntlm = (createRequire(import.meta.url)('httpntlm') as { ntlm: NtlmModule }).ntlm;

export type Scheme = 'NTLM' | 'Negotiate';

export interface Challenge {
  scheme: Scheme;
  message: Type2;
}

const EXTENDED_SESSION_SECURITY = 0x00080000;
const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** The schemes a 401 offers (`Negotiate, NTLM`: undici joins repeated headers with ", "). */
export function offeredSchemes(header: string | undefined): string[] {
  return (header ?? '').split(/,\s*/).map((p) => p.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** `Authorization` value of the Type 1 message, under the scheme the server offers. */
export function negotiateHeader(a: WindowsAccount, scheme: Scheme): string {
  return ntlm.createType1Message({ domain: a.domain, workstation: a.workstation }).replace(/^NTLM/, scheme);
}

/** The Type 2 message of a 401, or undefined when the answer carries none (an offer, or Kerberos). */
export function challengeOf(header: string | undefined): Challenge | undefined {
  const m = /(?:^|,\s*)(NTLM|Negotiate)\s+([A-Za-z0-9+/]+=*)/i.exec(header ?? '');
  if (!m) return undefined;
  const token = Buffer.from(m[2]!, 'base64');
  if (token.length < 32 || !token.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let failure: Error | undefined;
  const message = ntlm.parseType2Message(`NTLM ${m[2]}`, (err) => void (failure = err));
  if (!message || failure) return undefined;
  return { scheme: m[1]!.toLowerCase() === 'ntlm' ? 'NTLM' : 'Negotiate', message };
}

/** `Authorization` value of the Type 3 message: the NTLMv2 response to the challenge. */
export function authenticateHeader(ch: Challenge, a: WindowsAccount, system: string): string {
  if (!ch.message.targetInfo?.length || !(ch.message.negotiateFlags & EXTENDED_SESSION_SECURITY)) {
    throw new MlcError('auth_refused', `${system}: the server offers only NTLMv1 (no target information or extended session security in its challenge); mlc answers with NTLMv2 only`, {
      hint: 'set "Network security: LAN Manager authentication level" to send NTLMv2 responses only on the GP Service host',
    });
  }
  return ntlm.createType3Message(ch.message, { domain: a.domain, workstation: a.workstation, username: a.user, password: a.password }).replace(/^NTLM/, ch.scheme);
}
