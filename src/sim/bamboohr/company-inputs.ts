// Inputs of the SimCompany mutation API (also the shapes the control API accepts).
import type { SimEmployee } from './model.js';

export interface MoneyInput {
  value: string | number;
  currency: string;
}

export interface CompensationInput {
  startDate: string;
  rate: MoneyInput;
  type: string;
  paidPer: string;
  paySchedule?: string | null;
  reason?: string | null;
  comment?: string | null;
  exempt?: string | null;
}

/** Omitted columns are copied from the row in effect on `date`, as the BambooHR UI does. */
export interface JobInfoInput {
  date: string;
  department?: string;
  division?: string;
  location?: string;
  jobTitle?: string;
  reportsTo?: number | null;
}

export interface EmploymentStatusInput {
  date: string;
  employmentStatus: string;
  terminationTypeId?: string | null;
  terminationReasonId?: string | null;
  terminationRehireId?: string | null;
  comment?: string | null;
}

export type EmployeeFieldUpdate = Partial<
  Pick<
    SimEmployee,
    | 'firstName'
    | 'lastName'
    | 'middleName'
    | 'preferredName'
    | 'workEmail'
    | 'homeEmail'
    | 'birthDate'
    | 'employeeNumber'
    | 'hireDate'
    | 'originalHireDate'
    | 'payFrequency'
  >
>;

export interface HireInput extends EmployeeFieldUpdate {
  firstName: string;
  lastName: string;
  /** Defaults to the sim's today. */
  hireDate?: string;
  department?: string;
  division?: string;
  location?: string;
  jobTitle?: string;
  reportsTo?: number | null;
  /** Defaults to `Full-Time`. */
  employmentStatus?: string;
  compensation?: Omit<CompensationInput, 'startDate'>;
}

export interface TerminationDetails {
  terminationTypeId?: string | null;
  terminationReasonId?: string | null;
  terminationRehireId?: string | null;
  comment?: string | null;
}

export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}
