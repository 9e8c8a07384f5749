// A SYSPRO flow's `options:`. BOMSEC carries no employment status (erps.md §8 C.1), so what a
// termination and a rehire do is the flow's choice: custom form fields (COMSFM, the default),
// a move to an "inactive" work centre, or deleting the labour employee (which SYSPRO refuses
// once labour is posted). Employment status changes and dates always go to the custom form
// fields when the flow has them. Pay is written only when the flow asks for it.
import { z } from 'zod';

const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,29}$/, 'a custom form field name');

const CustomFormFields = z
  .strictObject({
    formType: z.string().min(1).default('BEM').describe("Custom form type of labour employees (site-specific, NOT FOUND: the simulator's BEM is an assumption)."),
    status: FieldName.nullable().default('Status').describe('Alpha field for the employment status (BambooHR employmentStatus; the terminated status on a termination); null: not written.'),
    hireDate: FieldName.nullable().default('HirDat').describe('Date field for the hire date; null: not written.'),
    terminationDate: FieldName.nullable().default('TrmDat').describe('Date field for the termination date, cleared on a rehire; null: not written.'),
    terminatedStatus: z.string().min(1).default('Terminated').describe('Status written on a termination.'),
    types: z.record(FieldName, z.enum(['A', 'N', 'D'])).default({}).describe('Field type (A alpha, N numeric, D date) of fields mapped as form.<FieldName>; default A.'),
  })
  .describe('Custom form fields of the labour employee (COMSFM), keyed by the employee code.');

export const SysproFlowOptions = z
  .strictObject({
    termination: z
      .enum(['customForm', 'inactiveWorkCentre', 'delete'])
      .default('customForm')
      .describe('What a termination does: set the custom form fields (status, termination date), move to inactiveWorkCentre, or delete the labour employee (refused by SYSPRO once labour is posted: the record is parked). A rehire undoes it on the same employee code.'),
    inactiveWorkCentre: z.string().min(1).optional().describe('Work centre of leavers (termination: inactiveWorkCentre); it and its cost centre must exist.'),
    customForm: z.union([z.literal(false), CustomFormFields]).prefault({}).describe('Custom form fields written with each employee, or false for none.'),
    compensation: z
      .strictObject({
        element: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/).default('EmployeeActCost').describe('BOMSEC element for the hourly cost: EmployeeActCost or a labour rate Rates1…Rates9.'),
        hoursPerYear: z.number().positive().max(8784).default(2080).describe('Standard hours a year: an annual salary / hoursPerYear = the hourly cost (a monthly one × 12, a weekly one × 52).'),
      })
      .optional()
      .describe('Writes BambooHR compensation as an hourly cost (redacted in the audit under "pay"). Absent: no pay is written.'),
  })
  .refine((o) => o.termination !== 'inactiveWorkCentre' || o.inactiveWorkCentre !== undefined, { message: 'termination: inactiveWorkCentre needs inactiveWorkCentre', path: ['inactiveWorkCentre'] })
  .refine((o) => o.termination !== 'customForm' || o.customForm !== false, { message: 'termination: customForm needs the custom form fields (customForm is false)', path: ['customForm'] })
  .describe('SYSPRO flow options.');

export type SysproFlowOptions = z.infer<typeof SysproFlowOptions>;
export type CustomFormOptions = Exclude<SysproFlowOptions['customForm'], false>;

const parsed = new WeakMap<object, SysproFlowOptions>();

/** The flow's options as parsed by the config loader (parsed here once more when they come from elsewhere). */
export function flowOptionsOf(options: Record<string, unknown>): SysproFlowOptions {
  let o = parsed.get(options);
  if (!o) {
    o = SysproFlowOptions.parse(options);
    parsed.set(options, o);
  }
  return o;
}
