// The e.net session of one operator (erps.md §1.3, §8 C.2): `Logon` answers the session id as
// text (SYSPRO 8 may JSON-quote it), often with trailing spaces that belong to it, so it goes
// back verbatim, percent-encoded, on every call. SYSPRO keeps one session per operator: a
// second logon (a person at the SYSPRO client, another service) ends ours, and an idle one
// dies after the e.net licence's timeout. So every call is serialised here, the session is
// renewed before it would be idle too long, and a call answered `ERROR…` is retried once on
// a new session (the text SYSPRO sends for a dead session is NOT FOUND, §8 C.5). Renewing
// means logging on again: that ends the old session, so a run logs off exactly once, at the end.
import { MlcError } from '../../domain/errors.js';
import { throwIfStopped } from '../../domain/stop.js';
import type { HttpClient } from '../../http/client.js';
import type { Logger } from '../../log/logger.js';
import { registerSecret, scrub } from '../../log/redact.js';
import { decodeWindows1252, encodeQueryValue, queryString } from './codec.js';
import type { SysproSettings } from './config.js';
import { httpError, isEnetError, isNotLicensed, logonRefused } from './errors.js';

export type Params = ReadonlyArray<readonly [string, string]>;

export interface EnetAnswer {
  status: number;
  body: string;
}

export interface EnetCredentials {
  operatorPassword: string;
  companyPassword: string;
}

/** Room kept for the session id when sizing a URL before the first logon (ids are 36 characters). */
const ID_RESERVE = 'X'.repeat(64);

/** The session id in a Logon answer: the text itself, or the JSON string it is quoted as. */
export function parseSessionId(body: string): string {
  let id = body.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  while (id.startsWith('"') && id.endsWith('"') && id.length >= 2) {
    try {
      id = JSON.parse(id) as string;
    } catch {
      break;
    }
  }
  // An HTML page (a proxy's, IIS's) is no session id either.
  if (id.trim() === '' || /[\u0000-\u001f<>]/.test(id)) throw new MlcError('bad_response', 'SYSPRO answered Logon without a session id', { retryable: true });
  return id;
}

export class EnetSession {
  private userId: string | undefined;
  private lastUsed = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly path: string;
  /** Logons of this run, the first one included (each later one renewed the session). */
  logons = 0;

  constructor(
    private readonly s: SysproSettings,
    private readonly http: HttpClient,
    private readonly creds: EnetCredentials,
    private readonly logger: Logger,
    private readonly stop: AbortSignal,
    private readonly now: () => number = Date.now,
  ) {
    this.path = new URL(s.baseUrl).pathname.replace(/\/+$/, '');
  }

  /** An operation on the session; a dead session is renewed once and the call sent again. */
  call(operation: string, params: Params): Promise<EnetAnswer> {
    return this.exclusive(async () => {
      await this.ready();
      const first = await this.send(operation, params);
      if (first.status !== 200 || !isEnetError(first.body) || isNotLicensed(first.body)) return first;
      this.logger.info({ target: this.s.name, operation, answer: scrub(first.body.trim()).slice(0, 200) }, 'SYSPRO answered ERROR: logging on again and sending the call once more');
      await this.logon('renewed after an ERROR answer');
      return this.send(operation, params);
    });
  }

  /** An operation that needs no session (GetVersion). */
  plain(operation: string, params: Params = []): Promise<EnetAnswer> {
    return this.exclusive(() => this.get(operation, params));
  }

  /** Bytes of the request target (path and query) the call would have: what http.sys limits. */
  urlLength(operation: string, params: Params): number {
    return `${this.path}/${operation}?${queryString([['UserId', this.userId ?? ID_RESERVE], ...params])}`.length;
  }

  get loggedOn(): boolean {
    return this.userId !== undefined;
  }

  /** Logs on now if not yet (ping, a check before writing). */
  open(): Promise<void> {
    return this.exclusive(() => this.ready());
  }

  /** Ends the session; an ERROR answer means it had ended already (evicted, timed out). */
  logoff(): Promise<void> {
    return this.exclusive(async () => {
      const id = this.userId;
      if (id === undefined) return;
      this.userId = undefined;
      const res = await this.get('Logoff', [['UserId', id]]);
      if (res.status !== 200) throw httpError(this.s, res.status, 'Logoff');
      if (isEnetError(res.body)) this.logger.debug({ target: this.s.name, answer: scrub(res.body.trim()) }, 'SYSPRO session had already ended before Logoff');
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ready(): Promise<void> {
    if (this.userId === undefined) return this.logon(undefined);
    // Renewed a little before the licence's idle timeout would end it.
    const idle = this.now() - this.lastUsed;
    if (idle > this.s.idleTimeoutMs - Math.min(60_000, this.s.idleTimeoutMs / 10)) await this.logon(`renewed after ${Math.round(idle / 1000)} s idle`);
  }

  private async logon(renewal: string | undefined): Promise<void> {
    // A stopped run renews nothing; close() still logs off what is there.
    if (renewal !== undefined) throwIfStopped(this.stop);
    this.userId = undefined;
    const res = await this.get('Logon', [
      ['Operator', this.s.operator],
      ['OperatorPassword', this.creds.operatorPassword],
      ['CompanyId', this.s.companyId],
      ['CompanyPassword', this.creds.companyPassword],
    ]);
    if (res.status !== 200) throw httpError(this.s, res.status, 'Logon');
    if (isEnetError(res.body)) throw logonRefused(this.s, res.body);
    const id = parseSessionId(res.body);
    // Whoever holds the id acts as the operator: it never reaches a log line.
    for (const form of [id, id.trim(), encodeQueryValue(id)]) registerSecret(form);
    this.userId = id;
    this.lastUsed = this.now();
    this.logons += 1;
    if (renewal !== undefined) this.logger.info({ target: this.s.name, logons: this.logons }, `SYSPRO session ${renewal}`);
  }

  private send(operation: string, params: Params): Promise<EnetAnswer> {
    this.lastUsed = this.now();
    return this.get(operation, [['UserId', this.userId!], ...params]);
  }

  private async get(operation: string, params: Params): Promise<EnetAnswer> {
    // Built by hand: URLSearchParams writes spaces as '+', and the id's trailing spaces must arrive as %20.
    const query = params.length > 0 ? `?${queryString(params)}` : '';
    const res = await this.http.send({ method: 'GET', url: `${this.s.baseUrl}/${operation}${query}` });
    return { status: res.status, body: decodeWindows1252(res.body) };
  }
}
