// HR/Payroll employees: no stock SBA object (erps.md §8 B.1), so this is a partner service a
// site may have, off by default. Fields and lengths from eConnect taCreateEmployee
// (EMPLOYID 15, LASTNAME 20, FRSTNAME 15, SOCSCNUM 15…) and the Web Services Employee object
// (DepartmentKey, PositionKey; IsActive default True), erps.md §8 B.3. Required on create, by
// default, the union of what those two document: first and last name, SSN, department and
// position (configurable). Not deletable: GP inactivates employees rather than deleting them.
import { z } from 'zod';
import { crudHandlers } from './crud.js';
import { GpError } from './http.js';
import { newEmployee } from './records.js';
import type { ResourceDef } from './resource.js';
import type { GpEmployee } from './types.js';
import { isoDate, readOnlyStamps, text } from './validation.js';

export const DEFAULT_EMPLOYEE_REQUIRED = ['FirstName', 'LastName', 'SocialSecurityNumber', 'DepartmentId', 'PositionId'] as const;

const fields = {
  EmployeeId: text(15).min(1, 'required'),
  FirstName: text(15),
  MiddleName: text(15),
  LastName: text(20),
  ClassId: text(15),
  DepartmentId: text(6),
  PositionId: text(6),
  DivisionId: text(6),
  LocationId: text(15),
  SocialSecurityNumber: text(15),
  EmailAddress: text(200),
  HireDate: isoDate,
  IsInactive: z.boolean(),
  InactiveDate: z.union([isoDate, z.literal('')]),
  ...readOnlyStamps,
};

const EmployeeCreate = z.strictObject(fields).partial().required({ EmployeeId: true });
const EmployeeUpdate = z.strictObject(fields).partial();

function requireFields(required: readonly string[]): (store: unknown, input: Record<string, unknown>, creating: boolean) => void {
  return (_store, input, creating) => {
    const missing = required.filter((f) => (creating ? input[f] === undefined || input[f] === '' : input[f] === ''));
    if (missing.length === 0) return;
    throw new GpError(
      400,
      'InvalidRequest',
      `Required field(s) missing: ${missing.join(', ')}.`,
      missing.map((f) => ({ Field: f, Code: 'Required', Message: `${f} is required.` })),
    );
  };
}

export function employeesResource(required: readonly string[] = DEFAULT_EMPLOYEE_REQUIRED): ResourceDef {
  return {
    name: 'employees',
    defaultPath: 'Custom/Payroll/Employees',
    defaultEnabled: false,
    keyTemplate: '{EmployeeId}',
    keyArity: 1,
    noun: 'employees',
    origin: 'partner',
    handlers: crudHandlers<GpEmployee>({
      noun: 'employee',
      keyField: 'EmployeeId',
      table: (s) => s.employees,
      createSchema: EmployeeCreate,
      updateSchema: EmployeeUpdate,
      build: (input, now) => newEmployee(input as Partial<GpEmployee> & { EmployeeId: string }, now),
      check: requireFields(required),
      filterable: {
        ModifiedDate: { type: 'datetime', get: (e) => e.ModifiedDate },
        IsInactive: { type: 'boolean', get: (e) => e.IsInactive },
        DepartmentId: { type: 'string', get: (e) => e.DepartmentId },
      },
      deletable: false,
    }),
  };
}
