// Canonical employee → what SYSPRO receives for one labour employee (pure; golden-tested): the
// BOMSEC item (code, legal name, work centre, payroll number, mapped elements), the hourly
// cost under `pay` (a key the default audit.redact patterns mask: "pay*"), and the custom form
// fields (COMSFM) that carry the employment status and dates BOMSEC has no element for
// (erps.md §8 C.1). A termination follows the flow's options (options.ts).
import type { EmployeeState, Pay } from '../../domain/employee.js';
import type { ErpPayload, MapInput } from '../types.js';
import type { SysproSettings } from './config.js';
import { flowOptionsOf, type CustomFormOptions, type SysproFlowOptions } from './options.js';

export type FormFieldType = 'A' | 'N' | 'D';

export interface FormValue {
  field: string;
  type: FormFieldType;
  /** null: the field is cleared (a rehire blanks the termination date). */
  value: string | null;
}

/** The payload the session turns into documents (documents.ts). */
export interface SysproPayload {
  /** BOMSEC elements by name, the key element included. */
  item: Record<string, string>;
  /** Pay elements (EmployeeActCost or RatesN), merged into the item when sent. */
  pay?: Record<string, string>;
  form?: { formType: string; values: FormValue[] };
  /** termination: delete. */
  delete?: true;
}

const FORM_PREFIX = 'form.';

function nameOf(s: EmployeeState, names: MapInput['names'], max: number): string {
  const first = names === 'preferred' ? (s.preferredName ?? s.firstName) : s.firstName;
  return [...[first, s.lastName].filter(Boolean).join(' ')].slice(0, max).join('');
}

/** Periods in a year by BambooHR's "paid per" (reference: Hour, Day, Week, Month, Quarter, Year). */
const PER_YEAR: Readonly<Record<string, number>> = { Day: 260, Week: 52, Month: 12, Quarter: 4, Year: 1 };

/**
 * The hourly cost of a pay rate, to two decimals, or null when it cannot be told (no rate, or
 * a period other than those above: never guessed).
 */
export function hourlyCost(pay: Pay | null, hoursPerYear: number): string | null {
  const rate = pay ? Number(pay.rate) : NaN;
  if (!pay || !Number.isFinite(rate)) return null;
  const per = pay.per ?? (pay.type === 'Hourly' ? 'Hour' : null);
  if (per === 'Hour') return rate.toFixed(2);
  const n = per === null ? undefined : PER_YEAR[per];
  if (n === undefined) return null;
  // In cents, so the division is the only rounding.
  return (Math.round((rate * 100 * n) / hoursPerYear) / 100).toFixed(2);
}

function formValues(input: MapInput, f: CustomFormOptions): FormValue[] {
  const { state, kind } = input;
  const out: FormValue[] = [];
  const put = (field: string | null, type: FormFieldType, value: string | null) => {
    if (field !== null && !(value === null && kind === 'create')) out.push({ field, type, value });
  };
  put(f.status, 'A', kind === 'deactivate' ? f.terminatedStatus : (state.employmentStatus ?? 'Active'));
  put(f.hireDate, 'D', state.hireDate);
  // Written when it changes meaning: set on a termination, cleared on a rehire.
  if (kind === 'deactivate' || kind === 'reactivate') put(f.terminationDate, 'D', kind === 'deactivate' ? state.terminationDate : null);
  for (const [name, value] of Object.entries(input.fields)) {
    if (!name.startsWith(FORM_PREFIX)) continue;
    const field = name.slice(FORM_PREFIX.length);
    put(field, f.types[field] ?? 'A', value);
  }
  return out;
}

function workCentreOf(input: MapInput, o: SysproFlowOptions): string | undefined {
  if (input.kind === 'deactivate' && o.termination === 'inactiveWorkCentre') return o.inactiveWorkCentre;
  return input.refs.workCentre;
}

export function mapEmployee(input: MapInput, s: SysproSettings): ErpPayload {
  const o = flowOptionsOf(input.options);
  const e = s.employee;
  if (input.kind === 'deactivate' && o.termination === 'delete') return { item: { [e.key]: input.key }, delete: true } satisfies SysproPayload;
  const item: Record<string, string> = { [e.key]: input.key, [e.name]: nameOf(input.state, input.names, e.nameMaxLength) };
  // A termination whose department lost its lookup keeps the work centre SYSPRO has (plan.ts).
  const wc = workCentreOf(input, o);
  if (wc !== undefined) item[e.workCentre] = wc;
  if (e.payrollNumber !== null && input.state.employeeNumber !== null) item[e.payrollNumber] = input.state.employeeNumber;
  for (const [name, value] of Object.entries(input.fields)) if (!name.startsWith(FORM_PREFIX) && value !== null) item[name] = value;
  const payload: SysproPayload = { item };
  const cost = o.compensation ? hourlyCost(input.state.pay, o.compensation.hoursPerYear) : null;
  if (o.compensation && cost !== null) payload.pay = { [o.compensation.element]: cost };
  const values = o.customForm === false ? [] : formValues(input, o.customForm);
  if (o.customForm !== false && values.length > 0) payload.form = { formType: o.customForm.formType, values };
  return payload as unknown as ErpPayload;
}
