// The employee fields mlc reads from BambooHR, by classic alias (the names get-employee and
// custom reports use; reference/bamboohr.md §2.6). Identity is `id`, never employeeNumber.
// supervisorEId is the supervisor's *id*; supervisorId would be their employeeNumber.

export const CORE_FIELDS = [
  'employeeNumber',
  'firstName',
  'lastName',
  'preferredName',
  'workEmail',
  'status',
  'employmentHistoryStatus',
  'hireDate',
  'originalHireDate',
  'terminationDate',
  'department',
  'division',
  'location',
  'jobTitle',
  'supervisorEId',
  'lastChanged',
] as const;

/** Compensation fields, read only when the compensation table is configured. */
export const PAY_FIELDS = ['payRate', 'payType', 'payPer'] as const;

/** BambooHR refuses more than 400 fields in one request (get-employee and custom reports). */
export const MAX_FIELDS = 400;

export function fieldsToRead(opts: { tables: readonly string[]; extra: readonly string[] }): string[] {
  const pay = opts.tables.includes('compensation') ? PAY_FIELDS : [];
  return [...new Set<string>([...CORE_FIELDS, ...pay, ...opts.extra])];
}

/** Columns each dated table must carry for the state computation (checked like fields). */
export const TABLE_COLUMNS: Record<string, readonly string[]> = {
  jobInfo: ['date', 'department', 'division', 'location', 'jobTitle'],
  employmentStatus: ['date', 'employmentStatus'],
  compensation: ['startDate', 'rate', 'type', 'paidPer'],
};
