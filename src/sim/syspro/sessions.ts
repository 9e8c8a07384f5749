// e.net sessions: one per operator, so a second logon by the same operator (a person at the
// SYSPRO client, or another service) kills the first (erps.md §1.3, rectella handover §5;
// §8 C.2: a logon to another company does the same). Sessions die after an idle time on the
// real clock ("Timeout (minutes)" of the e.net licence; the default is NOT FOUND).
import { randomBytes } from 'node:crypto';
import type { SysproSessionInfo, SysproStats } from './types.js';

interface Session {
  number: number;
  userId: string;
  operator: string;
  companyId: string;
  human: boolean;
  loggedOnAt: number;
  lastUsed: number;
}

/**
 * 34 upper-case hex digits and two trailing spaces, 36 characters (test_logon.yml). Every
 * recorded id ends in "00" before the spaces, so the simulator's do too.
 */
function newUserId(): string {
  return `${randomBytes(16).toString('hex').toUpperCase()}00  `;
}

export class SessionStore {
  private readonly byId = new Map<string, Session>();
  private readonly byOperator = new Map<string, Session>();
  /** Ids of ended sessions keep their number so the request log stays readable. */
  private readonly retired = new Map<string, number>();
  private counter = 0;

  constructor(
    private timeoutMs: number,
    private readonly stats: SysproStats,
  ) {}

  get timeout(): number {
    return this.timeoutMs;
  }

  setTimeout(ms: number): void {
    if (!Number.isFinite(ms) || ms < 1) throw new RangeError(`session idle timeout must be >= 1 ms, got ${ms}`);
    this.timeoutMs = ms;
  }

  logon(operator: string, companyId: string, human = false): Session {
    const previous = this.byOperator.get(operator);
    if (previous) {
      if (this.alive(previous)) this.stats.evictions += 1;
      else this.stats.expirations += 1;
      this.drop(previous);
    }
    const now = Date.now();
    const session: Session = { number: ++this.counter, userId: newUserId(), operator, companyId, human, loggedOnAt: now, lastUsed: now };
    this.byId.set(session.userId, session);
    this.byOperator.set(operator, session);
    if (human) this.stats.humanLogons += 1;
    else this.stats.logons += 1;
    return session;
  }

  /** The live session for this UserId, its idle clock restarted; undefined when dead. */
  use(userId: string): Session | undefined {
    const session = this.byId.get(userId);
    if (!session) return undefined;
    if (!this.alive(session)) {
      this.drop(session);
      this.stats.expirations += 1;
      return undefined;
    }
    session.lastUsed = Date.now();
    return session;
  }

  /** The live session's operator without touching its idle clock (fault injection). */
  operatorOf(userId: string): string | undefined {
    const session = this.byId.get(userId);
    return session && this.alive(session) ? session.operator : undefined;
  }

  /** The company the operator's live session is logged on to. */
  companyOf(operator: string): string | undefined {
    const session = this.byOperator.get(operator);
    return session && this.alive(session) ? session.companyId : undefined;
  }

  /** Sequence number of a known session (live or not), for the request log. */
  numberOf(userId: string): number | undefined {
    return this.byId.get(userId)?.number ?? this.retired.get(userId);
  }

  logoff(userId: string): boolean {
    const session = this.use(userId);
    if (!session) return false;
    this.drop(session);
    return true;
  }

  expire(operator?: string): void {
    for (const s of [...this.byId.values()]) {
      if (operator !== undefined && s.operator !== operator) continue;
      this.drop(s);
      this.stats.expirations += 1;
    }
  }

  activeCount(): number {
    let n = 0;
    for (const s of this.byId.values()) if (this.alive(s)) n += 1;
    return n;
  }

  list(): SysproSessionInfo[] {
    const now = Date.now();
    return [...this.byId.values()]
      .filter((s) => this.alive(s))
      .map((s) => ({ number: s.number, userId: s.userId, operator: s.operator, companyId: s.companyId, human: s.human, loggedOnAt: new Date(s.loggedOnAt).toISOString(), idleMs: now - s.lastUsed }));
  }

  private alive(s: Session): boolean {
    return Date.now() - s.lastUsed <= this.timeoutMs;
  }

  private drop(s: Session): void {
    this.byId.delete(s.userId);
    if (this.byOperator.get(s.operator) === s) this.byOperator.delete(s.operator);
    this.retired.set(s.userId, s.number);
  }
}
