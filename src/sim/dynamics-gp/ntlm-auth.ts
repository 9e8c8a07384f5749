// Windows authentication as IIS/http.sys does it for SBA (erps.md §3.1): NTLM authenticates a
// TCP connection, not a request. Type 1 → 401 + Type 2 (random challenge, target info with a
// timestamp) → Type 3 on the same connection, checked against the configured users; the
// connection then stays logged on until it closes. `Negotiate` is accepted as the scheme
// carrying raw NTLM tokens; Kerberos/SPNEGO tokens are not supported and get a fresh 401.
import { randomBytes } from 'node:crypto';
import { htmlResponse, type GpResponse } from './http.js';
import { buildChallenge, challengeFlags, messageType, negotiateFlags, NtlmFormatError, parseAuthenticate, targetInfo, type TargetNames } from './ntlm-messages.js';
import { verifyNtlmv2 } from './ntlm-verify.js';
import type { GpStats, GpUser } from './types.js';

export interface AuthedUser {
  domain: string;
  user: string;
  companies?: string[];
}

interface Connection {
  id: number;
  pending?: Buffer;
  user?: AuthedUser;
}

export type AuthOutcome = { connection: number; user: AuthedUser } | { connection: number; response: GpResponse };

/** IIS's 401.2 page; clients must not expect JSON on a 401. */
const DENIED_HTML =
  '<!DOCTYPE html><html><head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head>' +
  '<body><h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>' +
  '<h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3></body></html>';

export const offerWindowsAuth = (): GpResponse => ({ ...htmlResponse(401, DENIED_HTML), challenges: ['Negotiate', 'NTLM'] });

/** Windows compares account and domain names case-insensitively. */
const sameText = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

export class NtlmAuthenticator {
  private readonly connections = new WeakMap<object, Connection>();
  private nextId = 1;
  lastFailure = '';

  constructor(
    private readonly users: GpUser[],
    private readonly names: TargetNames,
    private readonly stats: GpStats,
  ) {}

  addUser(u: GpUser): void {
    const i = this.users.findIndex((x) => sameText(x.domain, u.domain) && sameText(x.user, u.user));
    if (i >= 0) this.users.splice(i, 1, u);
    else this.users.push(u);
  }

  connection(socket: object): Connection {
    let c = this.connections.get(socket);
    if (!c) {
      c = { id: this.nextId++ };
      this.connections.set(socket, c);
      this.stats.connections += 1;
    }
    return c;
  }

  /** Forgets the connection's logon (and any handshake in progress). */
  forget(socket: object): void {
    const c = this.connection(socket);
    delete c.user;
    delete c.pending;
  }

  authenticate(socket: object, authorization: string | undefined): AuthOutcome {
    const c = this.connection(socket);
    if (authorization === undefined) return c.user ? { connection: c.id, user: c.user } : { connection: c.id, response: offerWindowsAuth() };
    const m = /^(NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const scheme = m?.[1]?.toLowerCase() === 'ntlm' ? 'NTLM' : 'Negotiate';
    const token = m ? Buffer.from(m[2] ?? '', 'base64') : Buffer.alloc(0);
    const type = messageType(token);
    try {
      if (type === 1) return { connection: c.id, response: this.challenge(c, scheme, negotiateFlags(token)) };
      if (type === 3) return this.logon(c, token);
    } catch (err) {
      if (!(err instanceof NtlmFormatError)) throw err;
      return this.fail(c, `malformed NTLM message: ${err.message}`);
    }
    return this.fail(c, m ? (type === undefined ? 'not an NTLM token (Kerberos/SPNEGO is not supported)' : `unexpected NTLM message type ${type}`) : 'unsupported authorization scheme');
  }

  private challenge(c: Connection, scheme: string, clientFlags: number): GpResponse {
    delete c.user;
    const serverChallenge = randomBytes(8);
    c.pending = serverChallenge;
    this.stats.challenges += 1;
    const type2 = buildChallenge(challengeFlags(clientFlags), serverChallenge, this.names.nbDomain, targetInfo(this.names, Date.now()));
    return { ...htmlResponse(401, DENIED_HTML), challenges: [`${scheme} ${type2.toString('base64')}`] };
  }

  private logon(c: Connection, token: Buffer): AuthOutcome {
    const serverChallenge = c.pending;
    delete c.pending;
    if (!serverChallenge) return this.fail(c, 'Type 3 message without a challenge on this connection');
    const auth = parseAuthenticate(token);
    const user = this.users.find((u) => sameText(u.domain, auth.domain) && sameText(u.user, auth.user));
    if (!user) return this.fail(c, `unknown user ${auth.domain}\\${auth.user}`);
    const verdict = verifyNtlmv2(auth, serverChallenge, user.password);
    if (!verdict.ok) return this.fail(c, `${verdict.reason} for ${auth.domain}\\${auth.user}`);
    c.user = { domain: user.domain, user: user.user, ...(user.companies ? { companies: user.companies } : {}) };
    this.stats.logons += 1;
    return { connection: c.id, user: c.user };
  }

  private fail(c: Connection, reason: string): AuthOutcome {
    delete c.user;
    this.stats.authFailures += 1;
    this.lastFailure = reason;
    return { connection: c.id, response: offerWindowsAuth() };
  }
}
