// In-process view of the company and its sessions, shared by the handle and the control API:
// typed copies out (a test cannot change the tables by accident), checked changes in.
import type { SessionStore } from './sessions.js';
import { formValueKey, type SysproTables } from './tables.js';
import type { CustomFormDefinition, CustomFormValue, SysproCostCentre, SysproEmployee, SysproRow, SysproWorkCentre } from './types.js';

export class SysproState {
  constructor(
    private readonly tables: SysproTables,
    private readonly sessions: SessionStore,
    readonly licensed: Set<string>,
    private readonly defaults: { operators: readonly string[]; company: string },
  ) {}

  employees(): SysproEmployee[] {
    return this.tables.employees.sorted().map(([code, row]) => this.employeeView(code, row));
  }

  employee(code: string): SysproEmployee | undefined {
    const row = this.tables.employees.get(code);
    return row ? this.employeeView(code, row) : undefined;
  }

  costCentres(): SysproCostCentre[] {
    return this.tables.costCentres.sorted().map(([, row]) => ({ ...row }) as SysproCostCentre);
  }

  workCentres(): SysproWorkCentre[] {
    return this.tables.workCentres.sorted().map(([, row]) => ({ ...row }) as SysproWorkCentre);
  }

  customFormValues(): CustomFormValue[] {
    return this.tables.formValues.sorted().map(([, row]) => ({ ...row }) as unknown as CustomFormValue);
  }

  customFormValue(formType: string, keyField: string, fieldName: string): CustomFormValue | undefined {
    const row = this.tables.formValues.get(formValueKey(formType, keyField, fieldName));
    return row ? ({ ...row } as unknown as CustomFormValue) : undefined;
  }

  addCostCentre(c: { CostCentre: string; Description: string }): void {
    this.tables.costCentres.set(c.CostCentre, { ...c });
  }

  /** Its cost centre is not checked: tests may want a dangling one. */
  addWorkCentre(w: { WorkCentre: string; Description: string; CostCentre: string }): void {
    this.tables.workCentres.set(w.WorkCentre, { ...w });
  }

  defineForm(form: CustomFormDefinition): void {
    this.tables.forms.set(form.formType, form);
  }

  setLabourPosted(code: string, posted: boolean): void {
    if (!this.tables.employees.get(code)) throw new RangeError(`no employee ${code}`);
    if (posted) this.tables.labourPosted.add(code);
    else this.tables.labourPosted.delete(code);
  }

  setLicensed(codes: string[]): void {
    this.licensed.clear();
    for (const c of codes) this.licensed.add(c.trim().toUpperCase());
  }

  /** A person logs on to SYSPRO with the operator, which ends the service's session (erps.md §1.3). */
  humanLogon(operator?: string): void {
    const wanted = (operator ?? this.defaults.operators[0] ?? '').toUpperCase();
    const known = this.defaults.operators.find((o) => o.toUpperCase() === wanted);
    if (known === undefined) throw new RangeError(`no operator ${operator ?? ''}; configured: ${this.defaults.operators.join(', ')}`);
    this.sessions.logon(known, this.sessions.companyOf(known) ?? this.defaults.company, true);
  }

  /** The `evict` fault: a human logon with the operator of this session, if it is live. */
  evictSessionOf(userId: string): void {
    const operator = this.sessions.operatorOf(userId);
    if (operator !== undefined) this.humanLogon(operator);
  }

  private employeeView(code: string, row: SysproRow): SysproEmployee {
    return { ...(row as SysproEmployee), labourPosted: this.tables.labourPosted.has(code) };
  }
}
