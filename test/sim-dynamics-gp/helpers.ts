// Shared helpers for the GP SBA simulator tests: real HTTP on 127.0.0.1, one undici Client per
// TCP connection (NTLM authenticates connections), and httpntlm's message functions as the
// client side of the handshake — the library the adapter uses. No mocks.
import { createRequire } from 'node:module';
import { Client } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { defaultGpUsers, startGpSim, type GpSim, type GpSimOptions } from '../../src/sim/dynamics-gp/index.js';

export interface Type2 {
  negotiateFlags: number;
  serverChallenge: Buffer;
  targetInfo?: Buffer;
}

interface NtlmLib {
  createType1Message(o: { domain?: string; workstation?: string }): string;
  parseType2Message(header: string, cb: (err: Error) => void): Type2 | null;
  createType3Message(msg2: Type2, o: { domain?: string; workstation?: string; username?: string; password?: string }): string;
}

// httpntlm ships no types; a local interface keeps them out of the global scope.
export const ntlm = (createRequire(import.meta.url)('httpntlm') as { ntlm: NtlmLib }).ntlm;

const user = defaultGpUsers()[0];
export interface Creds {
  domain: string;
  username: string;
  password: string;
  workstation?: string;
}
export const GOOD: Creds = { domain: user?.domain ?? '', username: user?.user ?? '', password: user?.password ?? '', workstation: 'MLC-HOST' };

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface Send {
  headers?: Record<string, string>;
  body?: unknown;
}

/** One TCP connection to the simulator. */
export class Conn {
  readonly client: Client;

  constructor(
    readonly sim: GpSim,
    ca?: string,
  ) {
    this.client = new Client(sim.url, { pipelining: 1, ...(ca ? { connect: { ca, servername: 'localhost' } } : {}) });
  }

  async raw(method: string, path: string, o: Send = {}): Promise<Answer> {
    const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers };
    const res = await this.client.request({ method: method as 'GET', path, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
  }

  /** Type 1 → 401 + Type 2 → Type 3 carrying the real request, all on this connection. */
  async handshake(method: string, path: string, o: Send = {}, creds: Creds = GOOD, scheme = 'NTLM'): Promise<Answer> {
    const type1 = ntlm.createType1Message({ domain: creds.domain, workstation: creds.workstation ?? '' }).replace(/^NTLM/, scheme);
    const challenge = await this.raw(method, path, { ...o, headers: { ...o.headers, authorization: type1 } });
    if (challenge.status !== 401) throw new Error(`expected 401 with a challenge, got ${challenge.status}`);
    const msg2 = parseChallenge(challenge);
    const type3 = ntlm.createType3Message(msg2, { domain: creds.domain, workstation: creds.workstation ?? '', username: creds.username, password: creds.password }).replace(/^NTLM/, scheme);
    return this.raw(method, path, { ...o, headers: { ...o.headers, authorization: type3 } });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export function challenges(a: Answer): string[] {
  const h = a.headers['www-authenticate'];
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

export function parseChallenge(a: Answer): Type2 {
  const value = challenges(a).find((c) => /^(NTLM|Negotiate) \S+/.test(c));
  if (!value) throw new Error(`no NTLM challenge in ${JSON.stringify(a.headers)}`);
  const msg = ntlm.parseType2Message(value.replace(/^Negotiate/, 'NTLM'), (err) => {
    throw err;
  });
  if (!msg) throw new Error('unparsable Type 2');
  return msg;
}

/** Path of a company resource, as the adapter will build it. */
export function companyPath(sim: GpSim, resource: string, company?: string): string {
  return new URL(`${sim.companyUrl(company)}/${resource}`).pathname;
}

/** An authenticated connection for resource tests. */
export async function loggedIn(sim: GpSim): Promise<Conn> {
  const c = new Conn(sim);
  const a = await c.handshake('GET', new URL(sim.helpUrl).pathname);
  if (a.status !== 200) throw new Error(`logon failed: ${a.status}`);
  return c;
}

export interface Session {
  sim: GpSim;
  c: Conn;
}

/** A simulator and one logged-on connection for the enclosing file or describe block. */
export function useSession(opts: GpSimOptions = {}): Session {
  const s = {} as Session;
  beforeAll(async () => {
    s.sim = await startGpSim(opts);
    s.c = await loggedIn(s.sim);
  });
  afterAll(async () => {
    await s.c.close();
    await s.sim.close();
  });
  return s;
}

export function errorOf(a: Answer): { Code: string; Message: string; Details?: Array<{ Line?: number; Field?: string; Code: string; Message: string }> } {
  return (a.json() as { Error: { Code: string; Message: string } }).Error;
}

export const payload = <T>(a: Answer): T => (a.json() as { Payload: T }).Payload;
