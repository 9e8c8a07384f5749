// BOMSEC "Setup BOM Employee Code" (root SetupBomEmployee, table BomEmployee): the labour
// employee, the only employee e.net can maintain (erps.md §8 C.1). Elements from SYSPRO's
// sample; the payroll employee number of the BOMPEC screen is optional because whether the
// XSD has it is unknown (§8 C.1, C.5).
import { ItemErrors } from './errors.js';
import { blankRow, num, numbered, text, withLengths, type FieldSpec } from './fields.js';
import type { SetupSpec } from './setup.js';
import type { SysproRow } from './types.js';

export interface EmployeeSpecOptions {
  lengths: Readonly<Record<string, number>>;
  payrollElement: string | null;
}

export function employeeFields(payrollElement: string | null): FieldSpec[] {
  const fields = [text('Name'), num('StdHrsPerMonth'), text('WorkCentre'), num('EmployeeActCost'), text('ShiftId'), ...numbered('Rates')];
  return payrollElement ? [...fields, text(payrollElement)] : fields;
}

export const employeeDefaults = (payrollElement: string | null): SysproRow => blankRow(employeeFields(payrollElement));

export function employeeSpec(o: EmployeeSpecOptions): SetupSpec {
  return {
    code: 'BOMSEC',
    root: 'SetupBomEmployee',
    entity: 'Employee',
    table: 'employees',
    keys: withLengths([text('Employee')], o.lengths),
    fields: withLengths(employeeFields(o.payrollElement), o.lengths),
    ignoreWarningsDefault: false,
    defaults: () => employeeDefaults(o.payrollElement),
    // The work centre must exist (C.4). One whose cost centre is missing is only a warning:
    // SYSPRO checks the code the item names, not the work centre's own upkeep (assumption).
    check(tx, row) {
      const code = String(row['WorkCentre'] ?? '');
      const centre = tx.workCentres.get(code);
      if (!centre) return code === '' ? ItemErrors.required('WorkCentre') : ItemErrors.notFound('WorkCentre', code, 'Work centre');
      const costCentre = String(centre['CostCentre'] ?? '');
      return tx.costCentres.get(costCentre) ? undefined : ItemErrors.costCentreMissing('WorkCentre', code, costCentre);
    },
    checkDelete(tx, row, key) {
      return tx.labourPosted.has(key) ? ItemErrors.labourPosted('Employee', String(row['Employee'] ?? key)) : undefined;
    },
  };
}
