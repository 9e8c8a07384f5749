// NTLM message layouts (MS-NLMP §2.2.1: NEGOTIATE = Type 1, CHALLENGE = Type 2,
// AUTHENTICATE = Type 3; §2.2.2.1 AV_PAIR). Pure encode/decode; the handshake state lives in
// ntlm-auth.ts and the NTLMv2 check in ntlm-verify.ts.

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** NegotiateFlags bits used here (MS-NLMP §2.2.2.5). */
export const FLAG = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  N128: 0x20000000,
  N56: 0x80000000,
} as const;

export class NtlmFormatError extends Error {}

/** 1, 2 or 3; undefined when the token is not NTLMSSP (e.g. a Kerberos/SPNEGO token). */
export function messageType(token: Buffer): number | undefined {
  if (token.length < 12 || !token.subarray(0, 8).equals(SIGNATURE)) return undefined;
  return token.readUInt32LE(8);
}

export function negotiateFlags(type1: Buffer): number {
  if (type1.length < 16) throw new NtlmFormatError('NEGOTIATE_MESSAGE too short');
  return type1.readUInt32LE(12);
}

/** A security buffer (len u16, maxLen u16, offset u32) at `at`, bounds-checked. */
function field(msg: Buffer, at: number): Buffer {
  if (msg.length < at + 8) throw new NtlmFormatError(`message too short for the field at ${at}`);
  const len = msg.readUInt16LE(at);
  const offset = msg.readUInt32LE(at + 4);
  if (offset + len > msg.length) throw new NtlmFormatError(`field at ${at} points past the message`);
  return msg.subarray(offset, offset + len);
}

export interface Authenticate {
  flags: number;
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
}

export function parseAuthenticate(msg: Buffer): Authenticate {
  if (msg.length < 64) throw new NtlmFormatError('AUTHENTICATE_MESSAGE too short');
  const flags = msg.readUInt32LE(60);
  const text = (b: Buffer): string => (flags & FLAG.UNICODE ? b.toString('utf16le') : b.toString('latin1'));
  return {
    flags,
    lmResponse: field(msg, 12),
    ntResponse: field(msg, 20),
    domain: text(field(msg, 28)),
    user: text(field(msg, 36)),
    workstation: text(field(msg, 44)),
  };
}

export interface TargetNames {
  nbDomain: string;
  nbComputer: string;
  dnsDomain: string;
  dnsComputer: string;
}

/** 100-ns intervals since 1601-01-01 (FILETIME), as MsvAvTimestamp carries it. */
export function fileTime(ms: number): bigint {
  return (BigInt(ms) + 11_644_473_600_000n) * 10_000n;
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** MsvAvNbDomainName(2), NbComputerName(1), DnsDomainName(4), DnsComputerName(3), Timestamp(7), EOL(0). */
export function targetInfo(names: TargetNames, nowMs: number): Buffer {
  const u = (s: string): Buffer => Buffer.from(s, 'utf16le');
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64LE(fileTime(nowMs));
  return Buffer.concat([
    avPair(2, u(names.nbDomain)),
    avPair(1, u(names.nbComputer)),
    avPair(4, u(names.dnsDomain)),
    avPair(3, u(names.dnsComputer)),
    avPair(7, ts),
    avPair(0, Buffer.alloc(0)),
  ]);
}

/** The flags a server answers with: what it supports, narrowed to what the client asked for. */
export function challengeFlags(clientFlags: number): number {
  let flags = FLAG.REQUEST_TARGET | FLAG.NTLM | FLAG.ALWAYS_SIGN | FLAG.TARGET_TYPE_DOMAIN | FLAG.TARGET_INFO | FLAG.VERSION;
  flags |= clientFlags & FLAG.UNICODE ? FLAG.UNICODE : FLAG.OEM;
  for (const f of [FLAG.EXTENDED_SESSIONSECURITY, FLAG.N128, FLAG.N56]) if (clientFlags & f) flags |= f;
  return flags >>> 0;
}

/** CHALLENGE_MESSAGE: 56-byte header (Version = Windows Server 2019, NTLM revision 15), then target name and info. */
export function buildChallenge(flags: number, serverChallenge: Buffer, targetName: string, info: Buffer): Buffer {
  const name = Buffer.from(targetName, flags & FLAG.UNICODE ? 'utf16le' : 'latin1');
  const head = Buffer.alloc(56);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(name.length, 12);
  head.writeUInt16LE(name.length, 14);
  head.writeUInt32LE(56, 16);
  head.writeUInt32LE(flags >>> 0, 20);
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(info.length, 40);
  head.writeUInt16LE(info.length, 42);
  head.writeUInt32LE(56 + name.length, 44);
  head.writeUInt8(10, 48);
  head.writeUInt8(0, 49);
  head.writeUInt16LE(17763, 50);
  head.writeUInt8(15, 55);
  return Buffer.concat([head, name, info]);
}
