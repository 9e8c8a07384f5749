// Lease lock: one run at a time per state database (DESIGN §3.9). A row holds the owner, pid,
// host and a heartbeat refreshed while the run lives. A lock is taken over when its heartbeat
// is older than the stale limit, or at once when its pid is gone on this same host (a run
// killed with SIGKILL leaves its row behind; peers.md §5 on Meltano's stale RUNNING jobs).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MlcError } from '../domain/errors.js';
import type { Db } from './db.js';

export interface LeaseHolder {
  owner: string;
  pid: number;
  host: string;
  command: string;
  acquiredAt: string;
  heartbeatAt: string;
}

export interface Lease {
  readonly owner: string;
  release(): void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LeaseLock {
  private readonly getStmt;
  private readonly putStmt;
  private readonly beatStmt;
  private readonly dropStmt;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.getStmt = db.prepare<[string], { owner: string; pid: number; host: string; command: string; acquired_at: string; heartbeat_at: string }>(
      'SELECT owner, pid, host, command, acquired_at, heartbeat_at FROM lease WHERE name = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO lease (name, owner, pid, host, command, acquired_at, heartbeat_at) VALUES (@name, @owner, @pid, @host, @command, @now, @now)
       ON CONFLICT (name) DO UPDATE SET owner = @owner, pid = @pid, host = @host, command = @command, acquired_at = @now, heartbeat_at = @now`,
    );
    this.beatStmt = db.prepare('UPDATE lease SET heartbeat_at = ? WHERE name = ? AND owner = ?');
    this.dropStmt = db.prepare('DELETE FROM lease WHERE name = ? AND owner = ?');
  }

  holder(name = 'sync'): LeaseHolder | undefined {
    const r = this.getStmt.get(name);
    return r && { owner: r.owner, pid: r.pid, host: r.host, command: r.command, acquiredAt: r.acquired_at, heartbeatAt: r.heartbeat_at };
  }

  /** Take the lock or throw lock_held (exit 5). The heartbeat runs until release(). */
  acquire(opts: { name?: string; command: string; staleAfterMs: number }): Lease {
    const name = opts.name ?? 'sync';
    const owner = randomBytes(8).toString('hex');
    const host = hostname();
    const take = this.db.transaction(() => {
      const cur = this.holder(name);
      if (cur && !this.isStale(cur, opts.staleAfterMs, host)) return cur;
      this.putStmt.run({ name, owner, pid: process.pid, host, command: opts.command, now: this.now().toISOString() });
      return undefined;
    });
    const blocker = take.immediate();
    if (blocker) {
      throw new MlcError('lock_held', `another run holds the lock: pid ${blocker.pid} on ${blocker.host} (${blocker.command}), since ${blocker.acquiredAt}, last heartbeat ${blocker.heartbeatAt}`, {
        hint: `it is taken over automatically once its heartbeat is older than state.lockStaleAfter (${Math.round(opts.staleAfterMs / 1000)} s)`,
        details: { ...blocker },
      });
    }
    const timer = setInterval(() => {
      try {
        this.beatStmt.run(this.now().toISOString(), name, owner);
      } catch {
        // a busy database delays one heartbeat; the next one catches up
      }
    }, Math.max(1000, Math.floor(opts.staleAfterMs / 3)));
    timer.unref();
    return {
      owner,
      release: () => {
        clearInterval(timer);
        this.dropStmt.run(name, owner);
      },
    };
  }

  private isStale(cur: LeaseHolder, staleAfterMs: number, host: string): boolean {
    if (cur.host === host && cur.pid !== process.pid && !pidAlive(cur.pid)) return true;
    return this.now().getTime() - Date.parse(cur.heartbeatAt) > staleAfterMs;
  }
}
