// The simulator's company data. History tables follow BambooHR's legacy tables.php columns
// (reference §3.3): jobInfo, employmentStatus, compensation, each row dated.

export type TableName = 'jobInfo' | 'employmentStatus' | 'compensation';
export const TABLE_NAMES: readonly TableName[] = ['jobInfo', 'employmentStatus', 'compensation'];

export interface JobInfoRow {
  id: number;
  date: string;
  department: string;
  division: string;
  location: string;
  jobTitle: string;
  /** Internal id of the manager; rendered as the manager's display name (reference §3.3). */
  reportsTo: number | null;
}

export interface EmploymentStatusRow {
  id: number;
  date: string;
  employmentStatus: string;
  terminationTypeId: string | null;
  terminationReasonId: string | null;
  terminationRehireId: string | null;
  comment: string | null;
}

export interface Money {
  /** Decimal string with two places, e.g. `65000.00`. */
  value: string;
  currency: string;
}

export interface CompensationRow {
  id: number;
  startDate: string;
  rate: Money;
  type: string;
  paidPer: string;
  paySchedule: string | null;
  reason: string | null;
  comment: string | null;
  exempt: string | null;
}

export interface SimEmployee {
  id: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  preferredName: string | null;
  workEmail: string | null;
  homeEmail: string | null;
  birthDate: string | null;
  hireDate: string;
  /** `null` when never rehired; one generated employee carries BambooHR's `0000-00-00`. */
  originalHireDate: string | null;
  payFrequency: string | null;
  /** ISO timestamp (seconds) the record was created; drives `Inserted` in the changed feed. */
  createdAt: string;
  /** ISO timestamp (seconds) of the latest change to any field or table row. */
  lastChanged: string;
  deleted: boolean;
  jobInfo: JobInfoRow[];
  employmentStatus: EmploymentStatusRow[];
  compensation: CompensationRow[];
}

export interface ListOption {
  id: number;
  name: string;
  archived: boolean;
  createdDate: string;
}

export interface SimLocation extends ListOption {
  currency: string;
  division: string;
}

export interface SimCompanyData {
  companyId: string;
  departments: ListOption[];
  divisions: ListOption[];
  locations: SimLocation[];
  jobTitles: ListOption[];
  employmentStatuses: ListOption[];
  employees: SimEmployee[];
  nextEmployeeId: number;
  nextEmployeeNumber: number;
  nextRowId: number;
  nextOptionId: number;
}
