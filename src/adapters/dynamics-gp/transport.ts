// Windows authentication over SBA (erps.md §3.1: Negotiate/NTLM). NTLM authenticates a TCP
// connection, not a request: the Type 3 must travel on the connection that received the
// Type 2, and later requests on it need no header (MS-NTHT). So each lane is one undici
// Client (one kept-alive connection, pipelining 1) with its own HttpClient; a lane logs on
// once, then sends plainly until the connection goes (idle timeout, `Connection: close`, a
// reset) or the server forgets the logon (a 401 again: IIS authPersistSingleRequest, a worker
// recycle), and then logs on again. A 401 is answered before the request is processed, so
// sending the request again after it is safe. The handshake carries the real request.
import { Client } from '../../http/undici.js';
import { MlcError } from '../../domain/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client.js';
import { authenticateHeader, challengeOf, negotiateHeader, offeredSchemes, type WindowsAccount } from './auth.js';

export interface Lane {
  client: Client;
  http: HttpClient;
  loggedOn: boolean;
  /** Connections this lane has opened: a change between Type 2 and Type 3 voids the handshake. */
  connects: number;
}

export interface PoolOptions {
  system: string;
  size: number;
  account: WindowsAccount;
  lane(client: Client): HttpClient;
  client(): Client;
}

const MAX_LOGONS_PER_REQUEST = 4;

type LogOn = { kind: 'done'; res: HttpResponse } | { kind: 'again' } | { kind: 'lost'; error: unknown };

const RETRYABLE = new Set([502, 503, 504]);
const idempotentOf = (req: HttpRequest): boolean => req.idempotent ?? (req.method !== 'POST' && req.method !== 'PATCH');

export class NtlmPool {
  readonly lanes: Lane[];
  /** Completed logons (one per connection, unless the server forgets them). */
  logons = 0;
  private readonly free: Lane[];
  private readonly waiting: Array<(l: Lane) => void> = [];

  constructor(private readonly o: PoolOptions) {
    this.lanes = Array.from({ length: o.size }, () => {
      const client = o.client();
      const lane: Lane = { client, http: o.lane(client), loggedOn: false, connects: 0 };
      client.on('connect', () => {
        lane.connects++;
        lane.loggedOn = false;
      });
      client.on('disconnect', () => void (lane.loggedOn = false));
      return lane;
    });
    this.free = [...this.lanes];
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const lane = this.free.pop() ?? (await new Promise<Lane>((r) => this.waiting.push(r)));
    try {
      return await this.sendOn(lane, req);
    } finally {
      const next = this.waiting.shift();
      if (next) next(lane);
      else this.free.push(lane);
    }
  }

  async close(destroy: boolean): Promise<void> {
    await Promise.all(this.lanes.map((l) => (destroy ? l.client.destroy() : l.client.close()).catch(() => undefined)));
  }

  private async sendOn(lane: Lane, req: HttpRequest): Promise<HttpResponse> {
    let lost: unknown;
    for (let logons = 0; logons < MAX_LOGONS_PER_REQUEST; logons++) {
      if (lane.loggedOn) {
        const res = await lane.http.send(req);
        if (res.status !== 401) return res;
        lane.loggedOn = false; // the server forgot this connection's logon
      }
      const r = await this.logOn(lane, req);
      if (r.kind === 'done') return r.res;
      if (r.kind === 'lost') lost = r.error;
    }
    throw lost ?? new MlcError('auth_refused', `${this.o.system}: the server keeps asking for Windows authentication after ${MAX_LOGONS_PER_REQUEST} logons`);
  }

  /**
   * Type 1 → 401 + Type 2 → Type 3 with the request. The Type 3 is never re-sent by the HTTP
   * layer (its challenge is spent): a lost or retryable answer to it sends the request again
   * here, on the connection if it stayed logged on, else with a new handshake.
   */
  private async logOn(lane: Lane, req: HttpRequest): Promise<LogOn> {
    const { body: _body, ...bare } = req;
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type'));
    const offer = await lane.http.send({ ...bare, headers: { ...headers, authorization: negotiateHeader(this.o.account, 'NTLM') }, idempotent: true });
    if (offer.status !== 401) {
      // No authentication asked for: the answer is the request's own, unless it had a body.
      if (req.body === undefined) return { kind: 'done', res: offer };
      throw new MlcError('auth_refused', `${this.o.system}: the server answered an NTLM negotiation with HTTP ${offer.status}; it does not seem to use Windows authentication`);
    }
    let challenge = challengeOf(offer.headers['www-authenticate']);
    if (!challenge && offeredSchemes(offer.headers['www-authenticate']).includes('Negotiate')) {
      // Only Negotiate: IIS accepts a raw NTLM token under it (SSPI tells NTLM from Kerberos).
      const again = await lane.http.send({ ...bare, headers: { ...headers, authorization: negotiateHeader(this.o.account, 'Negotiate') }, idempotent: true });
      challenge = again.status === 401 ? challengeOf(again.headers['www-authenticate']) : undefined;
    }
    if (!challenge) throw this.noChallenge(offer);
    const at = lane.connects;
    const authorization = authenticateHeader(challenge, this.o.account, this.o.system);
    let res: HttpResponse;
    try {
      res = await lane.http.send({ ...req, headers: { ...req.headers, authorization }, idempotent: false });
    } catch (err) {
      if (!idempotentOf(req)) throw err;
      return { kind: 'lost', error: err };
    }
    if (res.status === 401) {
      if (lane.connects !== at) return { kind: 'again' }; // the Type 3 went out on a new connection
      throw this.refused();
    }
    lane.loggedOn = lane.connects === at;
    this.logons++;
    return RETRYABLE.has(res.status) && idempotentOf(req) ? { kind: 'again' } : { kind: 'done', res };
  }

  private refused(): MlcError {
    return new MlcError('auth_refused', `${this.o.system}: Dynamics GP refused the Windows credentials (NTLMv2 logon failed for the account in the secrets ${this.o.system}.domain, ${this.o.system}.user and ${this.o.system}.password)`, {
      hint: `check the three secrets (mlc auth set ${this.o.system} password); the account must be a Windows user mapped to a GP user with access to the company`,
    });
  }

  private noChallenge(offer: HttpResponse): MlcError {
    const offered = offeredSchemes(offer.headers['www-authenticate']);
    return new MlcError('auth_refused', `${this.o.system}: the server did not answer the NTLM negotiation (it offers ${offered.join(', ') || 'no scheme'}); Kerberos-only sites are not supported yet`, {
      hint: 'enable the NTLM provider of Windows Authentication for the GP Service site in IIS (see the adapter README)',
    });
  }
}
