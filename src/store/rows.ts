// Employees' current fields and dated rows. A table's rows for one employee are replaced as a
// set on every read (a cancelled future row disappears), but a row seen before keeps its
// first_seen_at, which is how back-dated rows are recognised.
import { canonicalJson, stableHash } from '../domain/hash.js';
import type { DatedRow, TableName } from '../domain/dated.js';
import type { Db } from './db.js';

export interface StoredEmployee {
  id: string;
  fields: Record<string, string | null>;
  lastChanged: string | null;
  deleted: boolean;
}

/**
 * stableHash([table, date, data]): a row's identity as a hash, for the dry-run view (a real
 * run compares stored rows by date and canonical text instead, see replaceTables). Keys sorted:
 * the same row read from two endpoints may order its columns differently.
 */
export function rowHash(row: Pick<DatedRow, 'table' | 'date' | 'data'>): string {
  return stableHash([row.table, row.date ?? null, row.data]);
}

/** One stored row's identity within its table: its date and its data as canonical JSON. */
function sameRowKey(date: string | null | undefined, json: string): string {
  return `${date ?? ''}\u0000${json}`;
}

export class RowStore {
  private readonly upsertEmployee;
  private readonly markDeletedStmt;
  private readonly getEmployee;
  private readonly seenStmt;
  private readonly deleteRows;
  private readonly insertRow;
  private readonly rowsFor;
  private readonly dueStmt;
  private readonly dueTablesStmt;
  private readonly allIdsStmt;
  private readonly allRowsStmt;
  private readonly allEmployeesStmt;
  private readonly countStmt;
  private readonly someEmployeesStmt;
  private readonly someRowsStmt;
  private readonly supervisorsStmt;

  constructor(db: Db) {
    this.upsertEmployee = db.prepare(
      `INSERT INTO employees (id, fields_json, last_changed, read_at, deleted) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (id) DO UPDATE SET fields_json = excluded.fields_json, last_changed = excluded.last_changed, read_at = excluded.read_at, deleted = 0`,
    );
    this.markDeletedStmt = db.prepare(
      `INSERT INTO employees (id, fields_json, last_changed, read_at, deleted) VALUES (@id, '{}', @lastChanged, @now, 1)
       ON CONFLICT (id) DO UPDATE SET deleted = 1, last_changed = @lastChanged, read_at = @now`,
    );
    this.getEmployee = db.prepare<[string], { id: string; fields_json: string; last_changed: string | null; deleted: number }>(
      'SELECT id, fields_json, last_changed, deleted FROM employees WHERE id = ?',
    );
    this.seenStmt = db.prepare<[string], { tbl: string; effective_date: string | null; row_json: string; first_seen_at: string }>(
      'SELECT tbl, effective_date, row_json, first_seen_at FROM dated_rows WHERE employee_id = ? ORDER BY tbl, seq',
    );
    this.deleteRows = db.prepare('DELETE FROM dated_rows WHERE employee_id = ? AND tbl = ?');
    // Positional parameters: this runs for every dated row of an initial load.
    this.insertRow = db.prepare<[string, string, number, string | null, string | null, string, string, string]>(
      `INSERT INTO dated_rows (employee_id, tbl, seq, effective_date, row_id, row_json, row_hash, first_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.rowsFor = db.prepare<[string], { tbl: string; seq: number; effective_date: string | null; row_id: string | null; row_json: string; first_seen_at: string }>(
      'SELECT tbl, seq, effective_date, row_id, row_json, first_seen_at FROM dated_rows WHERE employee_id = ? ORDER BY tbl, seq',
    );
    this.dueTablesStmt = db.prepare<[string, string], { employee_id: string; tbl: TableName }>(
      'SELECT DISTINCT employee_id, tbl FROM dated_rows WHERE effective_date > ? AND effective_date <= ? ORDER BY employee_id, tbl',
    );
    this.dueStmt = db.prepare<[string, string], { employee_id: string }>(
      'SELECT DISTINCT employee_id FROM dated_rows WHERE effective_date > ? AND effective_date <= ? ORDER BY employee_id',
    );
    this.allIdsStmt = db.prepare<[], { id: string }>('SELECT id FROM employees WHERE deleted = 0 ORDER BY id');
    this.allRowsStmt = db.prepare<[], { employee_id: string; tbl: string; seq: number; effective_date: string | null; row_id: string | null; row_json: string; first_seen_at: string }>(
      'SELECT employee_id, tbl, seq, effective_date, row_id, row_json, first_seen_at FROM dated_rows ORDER BY employee_id, tbl, seq',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM dated_rows LIMIT 1)');
    this.allEmployeesStmt = db.prepare<[], { id: string; fields_json: string; last_changed: string | null; deleted: number }>('SELECT id, fields_json, last_changed, deleted FROM employees');
    // A list of ids as one JSON parameter (json_each): any number of ids, one statement.
    this.someEmployeesStmt = db.prepare<[string], { id: string; fields_json: string; last_changed: string | null; deleted: number }>(
      'SELECT id, fields_json, last_changed, deleted FROM employees WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.someRowsStmt = db.prepare<[string], { employee_id: string; tbl: string; seq: number; effective_date: string | null; row_id: string | null; row_json: string; first_seen_at: string }>(
      'SELECT employee_id, tbl, seq, effective_date, row_id, row_json, first_seen_at FROM dated_rows WHERE employee_id IN (SELECT value FROM json_each(?)) ORDER BY employee_id, tbl, seq',
    );
    this.supervisorsStmt = db.prepare<[], { id: string; sup: string | number | null }>("SELECT id, json_extract(fields_json, '$.supervisorEId') AS sup FROM employees");
  }

  /** Like loadAll, for the given employees only (a chunk of a big run). */
  loadSome(ids: readonly string[]): { employees: Map<string, StoredEmployee>; rows: Map<string, DatedRow[]> } {
    const arg = JSON.stringify(ids);
    const employees = new Map<string, StoredEmployee>();
    for (const r of this.someEmployeesStmt.iterate(arg)) {
      employees.set(r.id, { id: r.id, fields: JSON.parse(r.fields_json) as Record<string, string | null>, lastChanged: r.last_changed, deleted: r.deleted === 1 });
    }
    const rows = new Map<string, DatedRow[]>();
    for (const r of this.someRowsStmt.iterate(arg)) {
      let list = rows.get(r.employee_id);
      if (!list) rows.set(r.employee_id, (list = []));
      list.push({ table: r.tbl as TableName, date: r.effective_date, seq: r.seq, rowId: r.row_id ?? undefined, data: JSON.parse(r.row_json) as Record<string, string | null>, firstSeenAt: r.first_seen_at });
    }
    return { employees, rows };
  }

  /** Every stored employee's supervisor id (to order a big run: managers before their reports). */
  supervisors(): Map<string, string | null> {
    return new Map(this.supervisorsStmt.all().map((r) => [r.id, r.sup === null ? null : String(r.sup)]));
  }

  saveEmployee(id: string, fields: Record<string, string | null>, lastChanged: string | null, now: string): void {
    this.upsertEmployee.run(id, JSON.stringify(fields), lastChanged, now);
  }

  markDeleted(id: string, lastChanged: string | null, now: string): void {
    this.markDeletedStmt.run({ id, lastChanged, now });
  }

  employee(id: string): StoredEmployee | undefined {
    const r = this.getEmployee.get(id);
    if (!r) return undefined;
    return { id: r.id, fields: JSON.parse(r.fields_json) as Record<string, string | null>, lastChanged: r.last_changed, deleted: r.deleted === 1 };
  }

  /**
   * Replace the given tables' rows for one employee (a table absent from `tables` is left
   * alone). Call inside a transaction. A table whose rows are unchanged is not rewritten.
   */
  replaceTables(employeeId: string, tables: Partial<Record<TableName, readonly DatedRow[]>>, now: string, known?: { hasRows: boolean }): void {
    // `known.hasRows === false`: the caller knows the employee is new, so skip the lookup.
    const existing = known?.hasRows === false ? [] : this.seenStmt.all(employeeId);
    for (const table of Object.keys(tables) as TableName[]) {
      const rows = tables[table]!;
      // A row is the one seen before when its date and canonical data are the same: compared
      // as text, not through a hash of each (46,000 SHA-256s in a 10,000-person first read).
      const before = existing.length === 0 ? existing : existing.filter((r) => r.tbl === table);
      const encoded = rows.map((r) => canonicalJson(r.data));
      if (before.length === 0) {
        for (const r of rows) r.firstSeenAt = now;
      } else {
        const seen = new Map(before.map((r) => [sameRowKey(r.effective_date, r.row_json), r.first_seen_at]));
        // Rows carry their first sight back to the caller (back-dating is judged on it).
        rows.forEach((r, i) => (r.firstSeenAt = seen.get(sameRowKey(r.date, encoded[i]!)) ?? now));
        if (before.length === encoded.length && before.every((r, i) => r.effective_date === (rows[i]!.date ?? null) && r.row_json === encoded[i])) continue;
        this.deleteRows.run(employeeId, table);
      }
      for (let seq = 0; seq < rows.length; seq++) {
        const row = rows[seq]!;
        // row_hash is no longer read (rows compare by date and data); '' keeps the NOT NULL column.
        this.insertRow.run(employeeId, table, seq, row.date, row.rowId ?? null, encoded[seq]!, '', row.firstSeenAt ?? now);
      }
    }
  }

  /** Replace one table's rows for one employee. Call inside a transaction. */
  replaceRows(employeeId: string, table: TableName, rows: readonly DatedRow[], now: string): void {
    this.replaceTables(employeeId, { [table]: rows }, now);
  }

  rows(employeeId: string): DatedRow[] {
    return this.rowsFor.all(employeeId).map((r) => ({
      table: r.tbl as TableName,
      date: r.effective_date,
      seq: r.seq,
      rowId: r.row_id ?? undefined,
      data: JSON.parse(r.row_json) as Record<string, string | null>,
      firstSeenAt: r.first_seen_at,
    }));
  }

  /** Everything at once, in two scans: cheaper than one query per employee for big runs. */
  loadAll(): { employees: Map<string, StoredEmployee>; rows: Map<string, DatedRow[]> } {
    const employees = new Map<string, StoredEmployee>();
    for (const r of this.allEmployeesStmt.iterate()) {
      employees.set(r.id, { id: r.id, fields: JSON.parse(r.fields_json) as Record<string, string | null>, lastChanged: r.last_changed, deleted: r.deleted === 1 });
    }
    const rows = new Map<string, DatedRow[]>();
    for (const r of this.allRowsStmt.iterate()) {
      let list = rows.get(r.employee_id);
      if (!list) rows.set(r.employee_id, (list = []));
      list.push({ table: r.tbl as TableName, date: r.effective_date, seq: r.seq, rowId: r.row_id ?? undefined, data: JSON.parse(r.row_json) as Record<string, string | null>, firstSeenAt: r.first_seen_at });
    }
    return { employees, rows };
  }

  /** Employees with a row taking effect in (after, through]: the due-date sweep. */
  dueBetween(after: string, through: string): string[] {
    return this.dueStmt.all(after, through).map((r) => r.employee_id);
  }

  /** The tables of the rows taking effect in (after, through], per employee. */
  dueTables(after: string, through: string): Map<string, TableName[]> {
    const out = new Map<string, TableName[]>();
    for (const r of this.dueTablesStmt.all(after, through)) (out.get(r.employee_id) ?? out.set(r.employee_id, []).get(r.employee_id)!).push(r.tbl);
    return out;
  }

  /** Whether any dated row is stored (false on the very first run). */
  isEmpty(): boolean {
    return (this.countStmt.get()?.n ?? 0) === 0;
  }

  allEmployeeIds(): string[] {
    return this.allIdsStmt.all().map((r) => r.id);
  }
}
