// The employees as the state database remembers them: current fields and dated rows, with
// the state as of the business date. Only what the report needs leaves this file: ids, names
// (when allowed) and the org fields; pay, e-mail and dates of birth stay in the rows.
import type { DatedRow } from '../../domain/dated.js';
import { employeeStateAsOf, type EmployeeRecord, type EmployeeState } from '../../domain/employee.js';
import type { State } from '../../store/state.js';
import { labelOf } from '../sync/plan.js';

export interface Person {
  record: EmployeeRecord;
  today: EmployeeState;
}

export interface People {
  byId: ReadonlyMap<string, Person>;
  /** The person's name, or null when `report.names` is false or mlc has none. */
  nameOf(id: string): string | null;
  /** The state on another date (future rows in force from their date). */
  stateOn(p: Person, date: string): EmployeeState;
}

export function loadPeople(state: State | undefined, today: string, names: boolean): People {
  const records: EmployeeRecord[] = [];
  if (state) {
    const { employees, rows } = state.rows.loadAll();
    for (const [id, e] of employees) if (!e.deleted) records.push({ id, fields: e.fields, rows: rows.get(id) ?? ([] as DatedRow[]) });
  }
  return peopleFrom(records, today, names);
}

export function peopleFrom(records: readonly EmployeeRecord[], today: string, names: boolean): People {
  const byId = new Map<string, Person>(records.map((record) => [record.id, { record, today: employeeStateAsOf(record, today) }]));
  return {
    byId,
    nameOf: (id) => {
      if (!names) return null;
      const p = byId.get(id);
      return p ? labelOf(p.today) : null;
    },
    stateOn: (p, date) => employeeStateAsOf(p.record, date),
  };
}
