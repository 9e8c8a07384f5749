// Service protection (reference §5.7, §8 A.5): per user, a sliding window of requests and a
// cap on concurrent requests. A rejected request gets 429 + Retry-After (seconds) and is not
// processed. Sending again before Retry-After has passed is rejected too, with a Retry-After
// twice as long (capped): "if the client keeps sending … the interval grows". Off by default,
// as user-based limits were removed in 10.0.36.
import { plainError, type ODataError } from './http.js';
import type { D365Throttle } from './types.js';

interface UserWindow {
  times: number[];
  blockedUntil: number;
  strikes: number;
  inFlight: number;
}

export class ServiceProtection {
  private settings: Required<D365Throttle> | undefined;
  private readonly users = new Map<string, UserWindow>();

  constructor(t: D365Throttle | undefined) {
    this.set(t);
  }

  set(t: D365Throttle | undefined): void {
    this.settings = t && {
      limit: t.limit,
      windowSec: t.windowSec,
      retryAfterSec: t.retryAfterSec ?? 1,
      maxRetryAfterSec: t.maxRetryAfterSec ?? 300,
      concurrentLimit: t.concurrentLimit ?? Number.MAX_SAFE_INTEGER,
    };
    this.users.clear();
  }

  get current(): D365Throttle | undefined {
    return this.settings;
  }

  /** Forget windows and blocks (control API), keeping the limits. */
  reset(): void {
    this.users.clear();
  }

  private user(id: string): UserWindow {
    let u = this.users.get(id);
    if (!u) {
      u = { times: [], blockedUntil: 0, strikes: 0, inFlight: 0 };
      this.users.set(id, u);
    }
    return u;
  }

  private reject(u: UserWindow, now: number, message: string): ODataError {
    const s = this.settings as Required<D365Throttle>;
    const wait = Math.min(s.maxRetryAfterSec, s.retryAfterSec * 2 ** u.strikes);
    u.blockedUntil = now + wait * 1000;
    return plainError(429, message, { 'Retry-After': String(wait) });
  }

  /** undefined = admitted (call done() when it finishes); else the 429 to send. */
  admit(userId: string, now = Date.now()): ODataError | undefined {
    const s = this.settings;
    if (!s) return undefined;
    const u = this.user(userId);
    if (now < u.blockedUntil) {
      u.strikes += 1;
      return this.reject(u, now, `Number of requests exeeded the limit of ${s.limit} over the time window of ${s.windowSec} seconds.`);
    }
    u.strikes = 0;
    const since = now - s.windowSec * 1000;
    while (u.times.length > 0 && (u.times[0] ?? 0) <= since) u.times.shift();
    // Message texts verbatim from the service-protection doc, typo included (A.5).
    if (u.times.length >= s.limit) return this.reject(u, now, `Number of requests exeeded the limit of ${s.limit} over the time window of ${s.windowSec} seconds.`);
    if (u.inFlight >= s.concurrentLimit) return this.reject(u, now, `Number of concurrent requests exceeded the limit of ${s.concurrentLimit}.`);
    u.times.push(now);
    u.inFlight += 1;
    return undefined;
  }

  done(userId: string): void {
    const u = this.users.get(userId);
    if (u && u.inFlight > 0) u.inFlight -= 1;
  }
}
