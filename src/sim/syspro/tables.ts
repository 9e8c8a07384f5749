// The company's tables: cost centres (BomCostCentre), work centres (the work-centre table),
// labour employees (BomEmployee) and custom form values (COMSFM), erps.md §1.5 and §8 C.1.
// Setup documents change them through a Staged overlay, so ValidateOnly and
// ApplyIfEntireDocumentValid can throw a document's changes away after the same checks.
import type { CustomFormDefinition, SysproRow, SysproSeed } from './types.js';

export class Table {
  private readonly rows = new Map<string, SysproRow>();

  get(key: string): SysproRow | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: SysproRow): void {
    this.rows.set(key, row);
  }

  delete(key: string): void {
    this.rows.delete(key);
  }

  entries(): IterableIterator<[string, SysproRow]> {
    return this.rows.entries();
  }

  get size(): number {
    return this.rows.size;
  }

  /** Rows in key order, as SQL Server returns them by primary key (binary order). */
  sorted(): Array<[string, SysproRow]> {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** Uncommitted changes over a Table; null marks a deleted row. */
export class Staged {
  private readonly changes = new Map<string, SysproRow | null>();

  constructor(private readonly base: Table) {}

  get(key: string): SysproRow | undefined {
    return this.changes.has(key) ? (this.changes.get(key) ?? undefined) : this.base.get(key);
  }

  set(key: string, row: SysproRow): void {
    this.changes.set(key, row);
  }

  delete(key: string): void {
    this.changes.set(key, null);
  }

  /** The first row (base and staged merged) that matches, for "still in use" checks. */
  find(match: (row: SysproRow) => boolean): SysproRow | undefined {
    for (const row of this.changes.values()) if (row && match(row)) return row;
    for (const [key, row] of this.base.entries()) if (!this.changes.has(key) && match(row)) return row;
    return undefined;
  }

  commit(): void {
    for (const [key, row] of this.changes) {
      if (row) this.base.set(key, row);
      else this.base.delete(key);
    }
    this.changes.clear();
  }
}

export type TableName = 'costCentres' | 'workCentres' | 'employees' | 'formValues';
export const TABLE_NAMES: readonly TableName[] = ['costCentres', 'workCentres', 'employees', 'formValues'];

export type Tx = Record<TableName, Staged> & { forms: ReadonlyMap<string, CustomFormDefinition>; labourPosted: ReadonlySet<string> };

export const formValueKey = (formType: string, keyField: string, fieldName: string): string => `${formType}\u0000${keyField}\u0000${fieldName}`;

export class SysproTables {
  readonly costCentres = new Table();
  readonly workCentres = new Table();
  readonly employees = new Table();
  readonly formValues = new Table();
  readonly forms = new Map<string, CustomFormDefinition>();
  /** Employees with labour posted (WIPTLP): SYSPRO refuses to delete them. Simulator state. */
  readonly labourPosted = new Set<string>();

  constructor(seed: SysproSeed, employeeDefaults: () => SysproRow) {
    for (const c of seed.costCentres) this.costCentres.set(c.CostCentre, { ...c });
    // A work centre's cost centre is not checked here: the default seed has one that points
    // nowhere on purpose, for the client's validation.
    for (const w of seed.workCentres) this.workCentres.set(w.WorkCentre, { ...w });
    for (const f of seed.customForms) this.forms.set(f.formType, f);
    for (const e of seed.employees ?? []) {
      const { labourPosted, ...columns } = e;
      this.employees.set(e.Employee, { Employee: e.Employee, ...employeeDefaults(), ...(columns as SysproRow) });
      if (labourPosted === true) this.labourPosted.add(e.Employee);
    }
    for (const v of seed.customFormValues ?? []) {
      const row: SysproRow = { FormType: v.FormType, KeyField: v.KeyField, FieldName: v.FieldName, AlphaValue: '', NumericValue: 0, DateValue: '', ...(v as SysproRow) };
      this.formValues.set(formValueKey(v.FormType, v.KeyField, v.FieldName), row);
    }
  }

  begin(): Tx {
    return {
      costCentres: new Staged(this.costCentres),
      workCentres: new Staged(this.workCentres),
      employees: new Staged(this.employees),
      formValues: new Staged(this.formValues),
      forms: this.forms,
      labourPosted: this.labourPosted,
    };
  }
}

export function commit(tx: Tx): void {
  for (const name of TABLE_NAMES) tx[name].commit();
}
