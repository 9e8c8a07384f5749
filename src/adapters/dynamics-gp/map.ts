// Pure mapping (golden-tested): a canonical employee → a GP vendor (stock SBA Purchasing
// Vendors, fields after eConnect taUpdateCreateVendorRcd: status Active/Inactive, on hold;
// erps.md §3.3) or an HR employee of a partner service (taCreateEmployee / Web Services
// Employee, §8 B.3); a journal → the journal service's payload, by the configured template;
// the service's answer → what the journal port needs. GP keeps empty strings, never nulls.
import type { ErpPayload, FoundJournal, JournalDoc, JournalLine, MapInput } from '../types.js';
import type { GpJournalService, GpSettings } from './config.js';

/** Longer names are cut, not refused: GP's fields are short (vendor name 64, employee 15/20). */
export const cut = (s: string, n: number): string => [...s].slice(0, n).join('');

function firstName(input: MapInput): string {
  const s = input.state;
  return (input.names === 'preferred' ? (s.preferredName ?? s.firstName) : s.firstName) ?? '';
}

/** `Address.City: x` → `{ Address: { City: x } }`; nulls become GP's empty strings. */
function withFields(body: ErpPayload, fields: Record<string, string | number | boolean | null>): ErpPayload {
  for (const [name, value] of Object.entries(fields)) {
    const v = value ?? '';
    const [head, sub] = name.split('.', 2) as [string, string | undefined];
    if (sub === undefined) body[head] = v;
    else body[head] = { ...(body[head] as Record<string, unknown> | undefined), [sub]: v };
  }
  return body;
}

function vendor(input: MapInput, s: GpSettings): ErpPayload {
  const { state, refs, kind } = input;
  const e = s.employees;
  const off = kind === 'deactivate';
  const name = cut([firstName(input), state.lastName ?? ''].filter(Boolean).join(' '), 64);
  const body: ErpPayload = {
    VendorId: input.key, Name: name, CheckName: name, ClassId: e.vendorClass,
    Status: off && e.termination === 'inactive' ? 'Inactive' : 'Active',
    IsOnHold: off && e.termination === 'hold',
    EmailAddress: state.workEmail ?? '',
  };
  // A slot the plan could not fill (a termination with an unmapped value) leaves GP's value be.
  if (refs.department !== undefined) body[e.departmentField] = refs.department;
  if (refs.location !== undefined) body[e.locationField] = refs.location;
  return withFields(withFields(body, e.constants), input.fields);
}

function employee(input: MapInput, s: GpSettings): ErpPayload {
  const { state, refs, kind } = input;
  const off = kind === 'deactivate';
  const body: ErpPayload = {
    EmployeeId: input.key, FirstName: cut(firstName(input), 15), LastName: cut(state.lastName ?? '', 20), EmailAddress: state.workEmail ?? '',
    HireDate: state.hireDate ?? '', IsInactive: off, InactiveDate: off ? (state.terminationDate ?? '') : '',
  };
  if (refs.department !== undefined) body.DepartmentId = refs.department;
  if (refs.location !== undefined) body.LocationId = refs.location;
  return withFields(withFields(body, s.employees.constants), input.fields);
}

export function mapEmployee(input: MapInput, s: GpSettings): ErpPayload {
  return s.employees.resource === 'employees' ? employee(input, s) : vendor(input, s);
}

type Vars = Record<string, string | number>;

/** `{name}` or `{name:n}` (cut to n): a value that is one placeholder keeps its type (amounts stay numbers). */
function fill(template: string | number | boolean, vars: Vars): string | number | boolean {
  if (typeof template !== 'string') return template;
  const one = /^\{([A-Za-z]+)(?::(\d+))?\}$/.exec(template);
  if (one) {
    const v = vars[one[1]!] ?? '';
    return typeof v === 'string' && one[2] ? cut(v, Number(one[2])) : v;
  }
  return template.replace(/\{([A-Za-z]+)(?::(\d+))?\}/g, (_m, k: string, n?: string) => {
    const v = String(vars[k] ?? '');
    return n ? cut(v, Number(n)) : v;
  });
}

function filled(template: Record<string, string | number | boolean>, vars: Vars): ErpPayload {
  const out: ErpPayload = {};
  for (const [k, t] of Object.entries(template)) {
    const v = fill(t, vars);
    if (v !== '') out[k] = v;
  }
  return out;
}

/** Cents → GP's decimal amount (two places; cents keep the arithmetic exact until here). */
export const amount = (cents: number): number => Number((cents / 100).toFixed(2));

export const yyyymm = (period: string): string => period.replace('-', '');

export function batchId(doc: Pick<JournalDoc, 'period'>, j: GpJournalService): string {
  return j.batchId.replace('{yyyymm}', yyyymm(doc.period));
}

function lineVars(l: JournalLine): Vars {
  return { account: l.account, debit: amount(l.debit), credit: amount(l.credit), description: l.description, costCenter: l.dimensions.costCenter ?? '' };
}

export function journalPayload(doc: JournalDoc, j: GpJournalService): ErpPayload {
  const header = filled(j.header, { reference: doc.reference, date: doc.date, batch: batchId(doc, j), description: doc.description });
  return { ...header, [j.linesField]: doc.lines.map((l) => filled(j.line, lineVars(l))) };
}

/** The header field a journal's reference goes to (the one a later run filters on). */
export function referenceField(j: GpJournalService): string {
  return Object.entries(j.header).find(([, t]) => t === '{reference}')?.[0] ?? 'Reference';
}

export function foundJournal(record: Record<string, unknown>, j: GpJournalService): FoundJournal {
  return {
    erpKey: String(record[j.idField] ?? ''),
    posted: record[j.stateField] !== j.workState,
    totalCents: Math.round(Number(record[j.totalField] ?? 0) * 100),
  };
}
