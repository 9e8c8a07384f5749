// Windows authentication: a real NTLMv2 handshake (MS-NLMP §3.3.2) bound to the TCP
// connection, as IIS does for SBA (erps.md §3.1). Client side: httpntlm, as in the adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGpSim, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { ntowfv2, verifyNtlmv2 } from '../../src/sim/dynamics-gp/ntlm-verify.js';
import { challenges, Conn, GOOD, ntlm, parseChallenge } from './helpers.js';

let sim: GpSim;
let help: string;
const open: Conn[] = [];
const conn = (): Conn => {
  const c = new Conn(sim);
  open.push(c);
  return c;
};

beforeAll(async () => {
  sim = await startGpSim();
  help = new URL(sim.helpUrl).pathname;
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await sim.close();
});

describe('NTLMv2 arithmetic (MS-NLMP §4.2.4 test vector)', () => {
  it('computes NTOWFv2 and accepts the documented NTProofStr', () => {
    expect(ntowfv2('Password', 'User', 'Domain').toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    const av = (id: number, s: string): Buffer => Buffer.concat([Buffer.from([id, 0, s.length * 2, 0]), Buffer.from(s, 'utf16le')]);
    const info = Buffer.concat([av(2, 'Domain'), av(1, 'Server'), Buffer.alloc(4)]);
    const blob = Buffer.concat([Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.alloc(8, 0xaa), Buffer.alloc(4), info, Buffer.alloc(4)]);
    const proof = Buffer.from('68cd0ab851e51c96aabc927bebef6a1c', 'hex');
    const auth = { flags: 1, lmResponse: Buffer.alloc(0), ntResponse: Buffer.concat([proof, blob]), domain: 'Domain', user: 'User', workstation: '' };
    const challenge = Buffer.from('0123456789abcdef', 'hex');
    expect(verifyNtlmv2(auth, challenge, 'Password')).toEqual({ ok: true });
    expect(verifyNtlmv2(auth, challenge, 'password')).toEqual({ ok: false, reason: 'wrong password' });
  });
});

describe('handshake', () => {
  it('answers 401 offering Negotiate and NTLM without credentials, with an HTML body', async () => {
    const a = await conn().raw('GET', help);
    expect(a.status).toBe(401);
    expect(challenges(a)).toEqual(['Negotiate', 'NTLM']);
    expect(a.headers['content-type']).toMatch(/^text\/html/);
  });

  it('Type 1 → 401 with a Type 2 (random challenge, target info with a timestamp) → Type 3 → 200', async () => {
    const c = conn();
    const type1 = ntlm.createType1Message({ domain: GOOD.domain, workstation: 'MLC-HOST' });
    const first = await c.raw('GET', help, { headers: { authorization: type1 } });
    expect(first.status).toBe(401);
    const msg2 = parseChallenge(first);
    expect(msg2.serverChallenge).toHaveLength(8);
    const info = msg2.targetInfo ?? Buffer.alloc(0);
    expect(info.includes(Buffer.from('CONTOSO', 'utf16le'))).toBe(true);
    expect(info.includes(Buffer.from([7, 0, 8, 0]))).toBe(true);
    const again = parseChallenge(await conn().raw('GET', help, { headers: { authorization: type1 } }));
    expect(again.serverChallenge.equals(msg2.serverChallenge)).toBe(false);

    const type3 = ntlm.createType3Message(msg2, { domain: GOOD.domain, workstation: 'MLC-HOST', username: GOOD.username, password: GOOD.password });
    const ok = await c.raw('GET', help, { headers: { authorization: type3 } });
    expect(ok.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ status: 200, user: 'CONTOSO\\svc-mlc', headers: { authorization: 'NTLM …' } });
  });

  it('keeps the connection logged on: later requests need no header', async () => {
    const c = conn();
    expect((await c.handshake('GET', help)).status).toBe(200);
    const logons = sim.stats.logons;
    const later = await c.raw('GET', help);
    expect(later.status).toBe(200);
    expect(sim.stats.logons).toBe(logons);
  });

  it('a new connection must handshake again', async () => {
    const c = conn();
    expect((await c.handshake('GET', help)).status).toBe(200);
    const other = conn();
    expect((await other.raw('GET', help)).status).toBe(401);
    expect((await other.handshake('GET', help)).status).toBe(200);
  });

  it('accepts Negotiate as the scheme carrying NTLM tokens and answers in kind', async () => {
    const c = conn();
    const type1 = ntlm.createType1Message({ domain: GOOD.domain }).replace(/^NTLM/, 'Negotiate');
    const first = await c.raw('GET', help, { headers: { authorization: type1 } });
    expect(challenges(first)[0]).toMatch(/^Negotiate TlRMTVNTUAAC/);
    expect((await c.handshake('GET', help, {}, GOOD, 'Negotiate')).status).toBe(200);
  });

  it('treats user and domain case-insensitively, as Windows does', async () => {
    const a = await conn().handshake('GET', help, {}, { ...GOOD, domain: 'contoso', username: 'SVC-MLC' });
    expect(a.status).toBe(200);
  });
});

describe('refusals', () => {
  it('wrong password → 401 again, and the connection stays anonymous', async () => {
    const c = conn();
    const failures = sim.stats.authFailures;
    const a = await c.handshake('GET', help, {}, { ...GOOD, password: 'wrong' });
    expect(a.status).toBe(401);
    expect(challenges(a)).toEqual(['Negotiate', 'NTLM']);
    expect(sim.stats.authFailures).toBe(failures + 1);
    expect((await c.raw('GET', help)).status).toBe(401);
    expect((await c.handshake('GET', help)).status).toBe(200);
  });

  it('unknown user or domain → 401', async () => {
    expect((await conn().handshake('GET', help, {}, { ...GOOD, username: 'nobody' })).status).toBe(401);
    expect((await conn().handshake('GET', help, {}, { ...GOOD, domain: 'FABRIKAM' })).status).toBe(401);
  });

  it('a Type 3 on another connection than its Type 2 fails', async () => {
    const a = conn();
    const b = conn();
    const first = await a.raw('GET', help, { headers: { authorization: ntlm.createType1Message({ domain: GOOD.domain }) } });
    const type3 = ntlm.createType3Message(parseChallenge(first), { domain: GOOD.domain, username: GOOD.username, password: GOOD.password });
    expect((await b.raw('GET', help, { headers: { authorization: type3 } })).status).toBe(401);
  });

  it('a Type 3 answering another connection’s challenge fails even after a Type 1 of its own', async () => {
    const a = conn();
    const b = conn();
    const type1 = ntlm.createType1Message({ domain: GOOD.domain });
    const first = await a.raw('GET', help, { headers: { authorization: type1 } });
    await b.raw('GET', help, { headers: { authorization: type1 } });
    const type3 = ntlm.createType3Message(parseChallenge(first), { domain: GOOD.domain, username: GOOD.username, password: GOOD.password });
    expect((await b.raw('GET', help, { headers: { authorization: type3 } })).status).toBe(401);
  });

  it('refuses an NTLMv1 response (NTLMv2 only)', async () => {
    const c = conn();
    const first = await c.raw('GET', help, { headers: { authorization: ntlm.createType1Message({ domain: GOOD.domain }) } });
    const msg2 = parseChallenge(first);
    // Without extended session security httpntlm falls back to the 24-byte NTLMv1 response.
    const v1 = ntlm.createType3Message({ ...msg2, negotiateFlags: msg2.negotiateFlags & ~0x80000 }, { domain: GOOD.domain, username: GOOD.username, password: GOOD.password });
    expect((await c.raw('GET', help, { headers: { authorization: v1 } })).status).toBe(401);
  });

  it('Kerberos/SPNEGO tokens and other schemes are not supported: plain 401', async () => {
    const spnego = Buffer.from([0x60, 0x28, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02]).toString('base64');
    expect(challenges(await conn().raw('GET', help, { headers: { authorization: `Negotiate ${spnego}` } }))).toEqual(['Negotiate', 'NTLM']);
    expect((await conn().raw('GET', help, { headers: { authorization: `Basic ${Buffer.from('CONTOSO\\svc-mlc:x').toString('base64')}` } })).status).toBe(401);
  });
});

describe('options', () => {
  it('authPersistSingleRequest makes every request authenticate again', async () => {
    const strict = await startGpSim({ authPersistSingleRequest: true });
    const c = new Conn(strict);
    try {
      const path = new URL(strict.helpUrl).pathname;
      expect((await c.handshake('GET', path)).status).toBe(200);
      expect((await c.raw('GET', path)).status).toBe(401);
    } finally {
      await c.close();
      await strict.close();
    }
  });

  it('users can be added at run time (a changed password takes effect)', async () => {
    sim.addUser({ domain: 'CONTOSO', user: 'svc-mlc', password: 'new-secret' });
    try {
      expect((await conn().handshake('GET', help)).status).toBe(401);
      expect((await conn().handshake('GET', help, {}, { ...GOOD, password: 'new-secret' })).status).toBe(200);
    } finally {
      sim.addUser({ domain: GOOD.domain, user: GOOD.username, password: GOOD.password });
    }
  });
});
