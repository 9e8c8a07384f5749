// What mlc knows about each employee during a run: what BambooHR just said (the change set)
// laid over what the state database remembers. A dry run sees exactly what a real run would,
// without writing the change set down first. Once a real run has written the change set,
// the store alone is the truth (`persisted`), and big runs read it in one scan.
import type { DatedRow, TableName } from '../../domain/dated.js';
import { employeeStateAsOf, supervisorIdOf, type EmployeeState } from '../../domain/employee.js';
import type { ChangeSet, EmployeeChange } from '../../source/bamboohr/reader.js';
import { rowHash, type StoredEmployee } from '../../store/rows.js';
import type { State } from '../../store/state.js';

const BULK = 200; // above this many candidates, one scan beats a query per employee

export class EmployeeView {
  private readonly changed = new Map<string, EmployeeChange>();
  private readonly rowCache = new Map<string, DatedRow[]>();
  private bulk: { employees: Map<string, StoredEmployee>; rows: Map<string, DatedRow[]> } | undefined;

  constructor(
    private readonly state: State | undefined,
    changes: ChangeSet,
    private readonly nowIso: string,
    private readonly persisted = false,
    /** The tables configured to be read: a change carrying all of them needs no stored rows. */
    private readonly tables: readonly TableName[] = [],
  ) {
    for (const c of changes.employees) this.changed.set(c.id, c);
  }

  /** The change set is stored: from now on everything is read from the store. */
  forget(): void {
    this.changed.clear();
    this.release();
  }

  /** Planning is done: what was cached for it can go (a later re-plan reads again). */
  release(): void {
    this.rowCache.clear();
    this.bulk = undefined;
  }

  /** Call with the employees about to be planned: a large set is read from the store in one go. */
  prepare(candidates: readonly string[]): void {
    const unread = candidates.filter((id) => !this.changed.get(id)?.fields);
    if (!this.state || unread.length <= BULK) return;
    this.rowCache.clear();
    this.bulk = this.state.rows.loadSome(unread);
  }

  /** What BambooHR said of the employee in this run, if anything. */
  change(id: string): EmployeeChange | undefined {
    return this.changed.get(id);
  }

  changedIds(): string[] {
    return [...this.changed.keys()];
  }

  // Read in bulk for the prepared employees; one by one for anyone else (a chunk's outsider).
  private storedRows(id: string): DatedRow[] {
    if (this.bulk?.employees.has(id)) return this.bulk.rows.get(id) ?? [];
    return this.state?.rows.rows(id) ?? [];
  }

  private storedEmployee(id: string): StoredEmployee | undefined {
    if (this.bulk?.employees.has(id)) return this.bulk.employees.get(id);
    return this.state?.rows.employee(id);
  }

  rows(id: string): DatedRow[] {
    const cached = this.rowCache.get(id);
    if (cached) return cached;
    const read = this.changed.get(id)?.tables ?? {};
    const readTables = new Set(Object.keys(read) as TableName[]);
    const complete = this.tables.length > 0 && this.tables.every((t) => readTables.has(t));
    const stored = complete ? [] : this.storedRows(id);
    let rows: DatedRow[];
    if (readTables.size === 0) rows = stored;
    else if (this.persisted) rows = [...stored.filter((r) => !readTables.has(r.table)), ...Object.values(read).flat()];
    else {
      // Not written yet (dry run): rows seen before keep the date mlc first saw them.
      const all = complete ? this.storedRows(id) : stored;
      const seen = all.length ? new Map(all.map((r) => [rowHash(r), r.firstSeenAt])) : undefined;
      // Set on the read rows themselves (not copies): a 50,000-employee load has 200,000 rows.
      const fresh = Object.values(read).flat();
      for (const r of fresh) r.firstSeenAt ??= seen?.get(rowHash(r)) ?? this.nowIso;
      rows = stored.length ? [...stored.filter((r) => !readTables.has(r.table)), ...fresh] : fresh;
    }
    this.rowCache.set(id, rows);
    return rows;
  }

  /**
   * The supervisor's id when it is at hand (this run's answer, or a prepared chunk), without a
   * query: a chunk reads its supervisors' links together instead of one lookup each.
   */
  supervisorOf(id: string): string | null | undefined {
    const fields = this.changed.get(id)?.fields ?? this.bulk?.employees.get(id)?.fields;
    return fields ? supervisorIdOf(fields) : undefined;
  }

  /** State as of `asOf`; undefined when mlc knows nothing of the employee. */
  stateAsOf(id: string, asOf: string): EmployeeState | undefined {
    const c = this.changed.get(id);
    const stored = c?.fields ? undefined : this.storedEmployee(id);
    const deleted = c ? c.action === 'deleted' : (stored?.deleted ?? false);
    const fields = c?.fields ?? stored?.fields;
    if (!fields) return deleted ? employeeStateAsOf({ id, fields: {}, rows: [], deleted }, asOf) : undefined;
    return employeeStateAsOf({ id, fields, rows: this.rows(id), deleted }, asOf);
  }
}
