// The BambooHR-side names a flow can use in `filter`, `references.*.from` and `fields`: the
// canonical employee's fields, plus any extra field listed under bamboohr.fields.
import type { EmployeeState } from './employee.js';

export const SOURCE_FIELDS = [
  'id', 'employeeNumber', 'firstName', 'lastName', 'preferredName', 'workEmail', 'department', 'division', 'location',
  'jobTitle', 'employmentStatus', 'hireDate', 'originalHireDate', 'terminationDate',
] as const;

export type SourceField = (typeof SOURCE_FIELDS)[number];

const builtIn = new Set<string>(SOURCE_FIELDS);

export function isBuiltInSourceField(name: string): boolean {
  return builtIn.has(name);
}

export function sourceValue(state: EmployeeState, name: string): string | null {
  if (builtIn.has(name)) return (state as unknown as Record<string, string | null>)[name] ?? null;
  return state.extra[name] ?? null;
}
