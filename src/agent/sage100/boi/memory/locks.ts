// Record locks of the in-memory BOI, set from outside (the simulator's control API) to play
// another Sage user holding a record. The BOI text for a locked record is NOT FOUND
// (erps.md §2.5, §8 D.3): the company's busyMessage (configurable) is what LastErrorMsg says.

export interface LockOptions {
  /** Held for this long (real clock). */
  ms?: number;
  /** Held for this many refused calls, then released. */
  attempts?: number;
  /** Which call meets the lock: SetKey (default: loading a record for edit locks it) or Write. */
  at?: 'setKey' | 'write';
}

interface Lock {
  until?: number;
  attemptsLeft?: number;
  at: 'setKey' | 'write';
}

export class LockTable {
  private readonly locks = new Map<string, Lock>();

  lock(object: string, key: string, opts: LockOptions = {}): void {
    const lock: Lock = { at: opts.at ?? 'setKey' };
    if (opts.ms !== undefined) lock.until = Date.now() + opts.ms;
    if (opts.attempts !== undefined) lock.attemptsLeft = opts.attempts;
    this.locks.set(`${object}|${key}`, lock);
  }

  unlock(object: string, key: string): void {
    this.locks.delete(`${object}|${key}`);
  }

  clear(): void {
    this.locks.clear();
  }

  /** True when the call is refused; a refusal uses up one attempt. */
  refuses(object: string, key: string, at: 'setKey' | 'write'): boolean {
    const id = `${object}|${key}`;
    const lock = this.locks.get(id);
    if (!lock || lock.at !== at) return false;
    if (lock.until !== undefined && Date.now() >= lock.until) {
      this.locks.delete(id);
      return false;
    }
    if (lock.attemptsLeft !== undefined) {
      lock.attemptsLeft -= 1;
      if (lock.attemptsLeft <= 0) this.locks.delete(id);
    }
    return true;
  }
}
