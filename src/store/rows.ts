// Employees' current fields and dated rows. A table's rows for one employee are replaced as a
// set on every read (a cancelled future row disappears), but a row seen before keeps its
// first_seen_at, which is how back-dated rows are recognised.
import { createHash } from 'node:crypto';
import type { DatedRow, TableName } from '../domain/dated.js';
import type { Db } from './db.js';

export interface StoredEmployee {
  id: string;
  fields: Record<string, string | null>;
  lastChanged: string | null;
  deleted: boolean;
}

export function rowHash(row: Pick<DatedRow, 'table' | 'date' | 'data'>): string {
  // Keys sorted: the same row read from two endpoints may list its columns in another order.
  const data = Object.fromEntries(Object.entries(row.data).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify([row.table, row.date, data])).digest('hex').slice(0, 32);
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
  private readonly allIdsStmt;

  constructor(private readonly db: Db) {
    this.upsertEmployee = db.prepare(
      `INSERT INTO employees (id, fields_json, last_changed, read_at, deleted) VALUES (@id, @fields, @lastChanged, @now, 0)
       ON CONFLICT (id) DO UPDATE SET fields_json = @fields, last_changed = @lastChanged, read_at = @now, deleted = 0`,
    );
    this.markDeletedStmt = db.prepare(
      `INSERT INTO employees (id, fields_json, last_changed, read_at, deleted) VALUES (@id, '{}', @lastChanged, @now, 1)
       ON CONFLICT (id) DO UPDATE SET deleted = 1, last_changed = @lastChanged, read_at = @now`,
    );
    this.getEmployee = db.prepare<[string], { id: string; fields_json: string; last_changed: string | null; deleted: number }>(
      'SELECT id, fields_json, last_changed, deleted FROM employees WHERE id = ?',
    );
    this.seenStmt = db.prepare<[string, string], { row_hash: string; first_seen_at: string }>(
      'SELECT row_hash, first_seen_at FROM dated_rows WHERE employee_id = ? AND tbl = ?',
    );
    this.deleteRows = db.prepare('DELETE FROM dated_rows WHERE employee_id = ? AND tbl = ?');
    this.insertRow = db.prepare(
      `INSERT INTO dated_rows (employee_id, tbl, seq, effective_date, row_id, row_json, row_hash, first_seen_at)
       VALUES (@employeeId, @tbl, @seq, @date, @rowId, @json, @hash, @firstSeen)`,
    );
    this.rowsFor = db.prepare<[string], { tbl: string; seq: number; effective_date: string | null; row_id: string | null; row_json: string; first_seen_at: string }>(
      'SELECT tbl, seq, effective_date, row_id, row_json, first_seen_at FROM dated_rows WHERE employee_id = ? ORDER BY tbl, seq',
    );
    this.dueStmt = db.prepare<[string, string], { employee_id: string }>(
      'SELECT DISTINCT employee_id FROM dated_rows WHERE effective_date > ? AND effective_date <= ? ORDER BY employee_id',
    );
    this.allIdsStmt = db.prepare<[], { id: string }>('SELECT id FROM employees WHERE deleted = 0 ORDER BY id');
  }

  saveEmployee(id: string, fields: Record<string, string | null>, lastChanged: string | null, now: string): void {
    this.upsertEmployee.run({ id, fields: JSON.stringify(fields), lastChanged, now });
  }

  markDeleted(id: string, lastChanged: string | null, now: string): void {
    this.markDeletedStmt.run({ id, lastChanged, now });
  }

  employee(id: string): StoredEmployee | undefined {
    const r = this.getEmployee.get(id);
    if (!r) return undefined;
    return { id: r.id, fields: JSON.parse(r.fields_json) as Record<string, string | null>, lastChanged: r.last_changed, deleted: r.deleted === 1 };
  }

  /** Replace one table's rows for one employee. Call inside a transaction. */
  replaceRows(employeeId: string, table: TableName, rows: readonly DatedRow[], now: string): void {
    const seen = new Map(this.seenStmt.all(employeeId, table).map((r) => [r.row_hash, r.first_seen_at]));
    this.deleteRows.run(employeeId, table);
    rows.forEach((row, seq) => {
      const hash = rowHash(row);
      this.insertRow.run({
        employeeId, tbl: table, seq, date: row.date, rowId: row.rowId ?? null,
        json: JSON.stringify(row.data), hash, firstSeen: seen.get(hash) ?? now,
      });
    });
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

  /** Employees with a row taking effect in (after, through]: the due-date sweep. */
  dueBetween(after: string, through: string): string[] {
    return this.dueStmt.all(after, through).map((r) => r.employee_id);
  }

  allEmployeeIds(): string[] {
    return this.allIdsStmt.all().map((r) => r.id);
  }
}
