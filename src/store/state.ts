// The state database and its repositories behind one object. Only src/store touches SQL.
import { openDatabase, stateError, type Db } from './db.js';
import { AuditStore } from './audit.js';
import { CursorStore } from './cursors.js';
import { InboxStore } from './inbox.js';
import { KvStore } from './kv.js';
import { LinkStore } from './links.js';
import { LeaseLock } from './lock.js';
import { OwedStore } from './owed.js';
import { RowStore } from './rows.js';
import { RunStore } from './runs.js';

export interface StateOptions {
  busyTimeoutMs: number;
  readonly?: boolean;
}

export class State {
  readonly runs: RunStore;
  readonly cursors: CursorStore;
  readonly rows: RowStore;
  readonly links: LinkStore;
  readonly lock: LeaseLock;
  readonly audit: AuditStore;
  readonly kv: KvStore;
  readonly inbox: InboxStore;
  readonly owed: OwedStore;

  private constructor(readonly db: Db, readonly path: string) {
    this.runs = new RunStore(db);
    this.cursors = new CursorStore(db);
    this.rows = new RowStore(db);
    this.links = new LinkStore(db);
    this.lock = new LeaseLock(db);
    this.audit = new AuditStore(db);
    this.kv = new KvStore(db);
    this.inbox = new InboxStore(db);
    this.owed = new OwedStore(db);
  }

  static open(path: string, opts: StateOptions): State {
    return new State(openDatabase(path, opts), path);
  }

  /**
   * Run `fn` in one IMMEDIATE transaction. Synchronous on purpose: better-sqlite3 transactions
   * cannot span an await (its docs/api.md), and nothing async belongs inside one anyway.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      // Rolled back: the stores' knowledge of what is absent may describe undone writes.
      this.audit.forgetOpen();
      this.owed.forgetOwed();
      throw stateError(err, this.path);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
