// Schema migrations, applied in order by PRAGMA user_version (one integer in the database
// header, no bookkeeping table). Never edit a released migration: add the next one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'core: runs, cursors, employees, dated rows, links, audit, lock',
    sql: `
      CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        command       TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        status        TEXT NOT NULL,              -- running | ok | partial | failed
        as_of         TEXT NOT NULL,              -- business date the run computed state for
        dry_run       INTEGER NOT NULL DEFAULT 0,
        summary_json  TEXT,
        error_code    TEXT,
        error_message TEXT
      );
      CREATE INDEX runs_by_start ON runs(started_at);

      -- One cursor per flow: BambooHR's own "latest" timestamp, never our clock (DESIGN §3.2).
      CREATE TABLE cursors (
        flow          TEXT PRIMARY KEY,
        value         TEXT NOT NULL,
        swept_through TEXT,                       -- last business date the due-date sweep covered
        updated_at    TEXT NOT NULL,
        run_id        TEXT REFERENCES runs(id)
      );

      -- Last current-field values read per employee, so the due-date sweep can compute state
      -- without calling BambooHR.
      CREATE TABLE employees (
        id           TEXT PRIMARY KEY,
        fields_json  TEXT NOT NULL,
        last_changed TEXT,
        read_at      TEXT NOT NULL,
        deleted      INTEGER NOT NULL DEFAULT 0
      );

      -- Effective-dated rows per employee and table, replaced as a set on every read so a
      -- cancelled future row disappears.
      CREATE TABLE dated_rows (
        employee_id    TEXT NOT NULL,
        tbl            TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        effective_date TEXT,
        row_id         TEXT,
        row_json       TEXT NOT NULL,
        row_hash       TEXT NOT NULL, -- '' since issue 9: rows are compared by date and data
        first_seen_at  TEXT NOT NULL,
        PRIMARY KEY (employee_id, tbl, seq)
      );
      CREATE INDEX dated_rows_by_date ON dated_rows(effective_date);

      -- BambooHR id -> ERP key per flow, and the hash of the last payload written.
      CREATE TABLE links (
        flow         TEXT NOT NULL,
        employee_id  TEXT NOT NULL,
        erp_key      TEXT,
        payload_hash TEXT,
        source_hash  TEXT,
        erp_state    TEXT,                        -- active | inactive, as last written
        applied_at   TEXT,
        PRIMARY KEY (flow, employee_id)
      );

      CREATE TABLE audit (
        id             INTEGER PRIMARY KEY,
        run_id         TEXT NOT NULL REFERENCES runs(id),
        flow           TEXT NOT NULL,
        employee_id    TEXT NOT NULL,
        label          TEXT,                      -- employee name, for people reading the audit
        erp_key        TEXT,
        kind           TEXT NOT NULL,             -- create | update | deactivate | reactivate | …
        status         TEXT NOT NULL,             -- planned | applied | unchanged | scheduled | parked | failed
        reason         TEXT,
        error_code     TEXT,
        attempts       INTEGER NOT NULL DEFAULT 0,
        started_at     TEXT,
        finished_at    TEXT,
        duration_ms    INTEGER,
        effective_date TEXT,
        retro          INTEGER NOT NULL DEFAULT 0,
        source_hash    TEXT,
        payload_hash   TEXT,
        payload_json   TEXT,
        response_json  TEXT,
        replay_of      INTEGER REFERENCES audit(id),
        resolved_by    INTEGER REFERENCES audit(id),
        created_at     TEXT NOT NULL
      );
      CREATE INDEX audit_by_run ON audit(run_id);
      CREATE INDEX audit_by_employee ON audit(flow, employee_id);
      CREATE INDEX audit_open ON audit(status) WHERE status IN ('parked', 'failed') AND resolved_by IS NULL;

      -- Small facts that belong to no table: the last notification sent, and the like.
      CREATE TABLE kv (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- Lease lock: one run at a time per state database (DESIGN §3.9).
      CREATE TABLE lease (
        name         TEXT PRIMARY KEY,
        owner        TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        host         TEXT NOT NULL,
        command      TEXT NOT NULL,
        acquired_at  TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'webhook inbox and delivery replay guard',
    sql: `
      CREATE TABLE inbox (
        id           INTEGER PRIMARY KEY,
        employee_id  TEXT NOT NULL,
        event        TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        claimed_by   TEXT REFERENCES runs(id),
        done_at      TEXT
      );
      CREATE INDEX inbox_pending ON inbox(done_at) WHERE done_at IS NULL;

      -- (signature, timestamp) pairs already accepted: a replayed delivery is refused.
      CREATE TABLE webhook_deliveries (
        signature   TEXT NOT NULL,
        timestamp   TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (signature, timestamp)
      );
      CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries(received_at);
    `,
  },
  {
    version: 3,
    name: 'record families: links and audit keyed by (flow, family, source key); owed references',
    sql: `
      -- DESIGN §8: an mlc-written record is a person, an org-structure value or a posting.
      -- links.employee_id and audit.employee_id hold the record's source key (the BambooHR
      -- employee id for people, e.g. "department#17" for a value, "2026-11" for a journal).
      CREATE TABLE links_v3 (
        flow         TEXT NOT NULL,
        family       TEXT NOT NULL DEFAULT 'employee',  -- employee | reference | journal
        employee_id  TEXT NOT NULL,
        erp_key      TEXT,
        payload_hash TEXT,
        source_hash  TEXT,
        erp_state    TEXT,
        applied_at   TEXT,
        PRIMARY KEY (flow, family, employee_id)
      );
      INSERT INTO links_v3 (flow, family, employee_id, erp_key, payload_hash, source_hash, erp_state, applied_at)
        SELECT flow, 'employee', employee_id, erp_key, payload_hash, source_hash, erp_state, applied_at FROM links;
      DROP TABLE links;
      ALTER TABLE links_v3 RENAME TO links;

      ALTER TABLE audit ADD COLUMN family TEXT NOT NULL DEFAULT 'employee';
      DROP INDEX audit_by_employee;
      CREATE INDEX audit_by_record ON audit(flow, family, employee_id);

      -- A record written without a reference it should carry (its supervisor had no ERP key
      -- yet): owed until the referenced record gets one, then an update is planned.
      CREATE TABLE owed (
        flow        TEXT NOT NULL,
        family      TEXT NOT NULL,
        source_key  TEXT NOT NULL,
        slot        TEXT NOT NULL,
        on_family   TEXT NOT NULL,
        on_key      TEXT NOT NULL,
        since_run   TEXT,
        since_at    TEXT NOT NULL,
        PRIMARY KEY (flow, family, source_key, slot)
      );
      CREATE INDEX owed_by_target ON owed(flow, on_family, on_key);

      -- Inbox entries are per flow once taken: a --flow run marks only its own (issue 8 §6).
      CREATE TABLE inbox_done (
        inbox_id INTEGER NOT NULL REFERENCES inbox(id),
        flow     TEXT NOT NULL,
        run_id   TEXT,
        done_at  TEXT NOT NULL,
        PRIMARY KEY (inbox_id, flow)
      );
    `,
  },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
