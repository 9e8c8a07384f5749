// The default company: a cost centre per BambooHR department of the demo company, one or two
// work centres each (Sales and Operations get two), an INACTIVE work centre for leavers
// (issue 12: "move the employee to a configured inactive work centre"), one work centre whose
// cost centre does not exist (for the client's validation), and the custom form fields mlc
// uses for employment status. The form type is an assumption: SYSPRO's custom form types for
// BOM employees are NOT FOUND (recorded types are 3 letters: POR, STK, SUP).
import type { CustomFormDefinition, SysproSeed } from './types.js';

/** Custom form type the default seed defines for BOM employees (assumption, see README). */
export const EMPLOYEE_FORM_TYPE = 'BEM';

const DEPARTMENTS: ReadonlyArray<[code: string, name: string, workCentres: string[]]> = [
  ['ENG', 'Engineering', ['ENG1', 'ENG2']],
  ['PRD', 'Product', ['PRD1']],
  ['DES', 'Design', ['DES1']],
  ['SAL', 'Sales', ['SAL1', 'SAL2']],
  ['MKT', 'Marketing', ['MKT1']],
  ['CUS', 'Customer Success', ['CUS1']],
  ['FIN', 'Finance', ['FIN1']],
  ['HR', 'Human Resources', ['HR1']],
  ['OPS', 'Operations', ['OPS1', 'OPS2']],
  ['LEG', 'Legal', ['LEG1']],
  ['IT', 'IT', ['IT1']],
  ['RND', 'Research & Development', ['RND1']],
];

/** The second work centre of a department says what sets it apart. */
const SECOND: Readonly<Record<string, string>> = { ENG2: 'Engineering - Platform', SAL2: 'Sales - EMEA', OPS2: 'Operations - Warehouse' };

/** Fields a BOM employee's custom form carries (names at most 6 characters, like SYSPRO's samples). */
export const employeeForm = (): CustomFormDefinition => ({
  formType: EMPLOYEE_FORM_TYPE,
  keyTable: 'employee',
  fields: [
    { fieldName: 'Status', type: 'A', maxLength: 20 },
    { fieldName: 'HirDat', type: 'D' },
    { fieldName: 'TrmDat', type: 'D' },
    { fieldName: 'Divisn', type: 'A', maxLength: 30 },
    { fieldName: 'Locatn', type: 'A', maxLength: 40 },
    { fieldName: 'BhrId', type: 'A', maxLength: 20 },
  ],
});

export function defaultSysproSeed(): SysproSeed {
  const costCentres = DEPARTMENTS.map(([code, name]) => ({ CostCentre: code, Description: name }));
  const workCentres = DEPARTMENTS.flatMap(([code, name, centres]) => centres.map((w) => ({ WorkCentre: w, Description: SECOND[w] ?? name, CostCentre: code })));
  costCentres.push({ CostCentre: 'INACT', Description: 'Inactive employees' });
  workCentres.push({ WorkCentre: 'INACTIVE', Description: 'Inactive employees', CostCentre: 'INACT' });
  // Points at a cost centre that does not exist: a lookup target a client must refuse.
  workCentres.push({ WorkCentre: 'ORPHAN', Description: 'Work centre without a cost centre', CostCentre: 'NOCC' });
  return {
    costCentres,
    workCentres,
    employees: [{ Employee: 'SYS001', Name: 'Pat Existing', WorkCentre: 'OPS1', labourPosted: true }],
    customForms: [employeeForm()],
  };
}
