// What mlc knows about each employee during a run: what BambooHR just said (the change set)
// laid over what the state database remembers. A dry run sees exactly what a real run would,
// without writing the change set down first.
import type { DatedRow, TableName } from '../../domain/dated.js';
import { employeeStateAsOf, type EmployeeState } from '../../domain/employee.js';
import type { ChangeSet, EmployeeChange } from '../../source/bamboohr/reader.js';
import { rowHash } from '../../store/rows.js';
import type { State } from '../../store/state.js';

export class EmployeeView {
  private readonly changed = new Map<string, EmployeeChange>();

  constructor(
    private readonly state: State | undefined,
    changes: ChangeSet,
    private readonly nowIso: string,
  ) {
    for (const c of changes.employees) this.changed.set(c.id, c);
  }

  changedIds(): string[] {
    return [...this.changed.keys()];
  }

  change(id: string): EmployeeChange | undefined {
    return this.changed.get(id);
  }

  rows(id: string): DatedRow[] {
    const stored = this.state?.rows.rows(id) ?? [];
    const read = this.changed.get(id)?.tables ?? {};
    const readTables = new Set(Object.keys(read) as TableName[]);
    const seen = new Map(stored.map((r) => [rowHash(r), r.firstSeenAt]));
    const fresh = Object.values(read).flat().map((r) => ({ ...r, firstSeenAt: seen.get(rowHash(r)) ?? this.nowIso }));
    return [...stored.filter((r) => !readTables.has(r.table)), ...fresh];
  }

  /** State as of `asOf`; undefined when mlc knows nothing of the employee. */
  stateAsOf(id: string, asOf: string): EmployeeState | undefined {
    const c = this.changed.get(id);
    const stored = this.state?.rows.employee(id);
    const deleted = c ? c.action === 'deleted' : (stored?.deleted ?? false);
    const fields = c?.fields ?? stored?.fields;
    if (!fields) return deleted ? employeeStateAsOf({ id, fields: {}, rows: [], deleted }, asOf) : undefined;
    return employeeStateAsOf({ id, fields, rows: this.rows(id), deleted }, asOf);
  }
}
