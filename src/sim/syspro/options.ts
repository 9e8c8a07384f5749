// Option defaults and checks. Every default the reference does not give is marked as an
// assumption here and in the README table.
import { DEFAULT_LENGTHS } from './fields.js';
import type { SysproMessages, SysproSimOptions, SysproStats, SysproTableNames } from './types.js';

/** The business objects the simulator implements (erps.md §8 C.1); all licensed by default. */
export const IMPLEMENTED_BUSINESS_OBJECTS: readonly string[] = ['COMFND', 'BOMSEC', 'BOMSCC', 'BOMSWC', 'COMSFM'];

export const DEFAULT_MESSAGES: SysproMessages = {
  // Recorded (test_logon_error.yml).
  invalidOperatorPassword: 'ERROR: Invalid operator password',
  // Assumptions: no recording shows these.
  unknownOperator: "ERROR: Invalid operator '{operator}'",
  invalidCompany: "ERROR: Invalid company '{company}'",
  invalidCompanyPassword: 'ERROR: Invalid company password',
  // NOT FOUND (erps.md §8 C.5); any `ERROR` body must make a client log on again.
  invalidSession: 'ERROR: Invalid UserId - the e.net session is not logged on or has timed out',
  // Recorded for a Logoff with a UserId that was not a live session (test_logoff_error.yml).
  logoffInvalidSession: 'ERROR: Unable to read the SYSPRO base directory registry string BaseDir8',
  // erps.md §1.3 names "e.net exception 100000"; rectella's code sees it as this bare text.
  unknownBusinessObject: 'ERROR: e.net exception raised: 100000',
};

export const DEFAULT_TABLE_NAMES: SysproTableNames = { costCentre: 'BomCostCentre', workCentre: 'BomWorkCentre', employee: 'BomEmployee' };

/** 30 minutes: the e.net "Timeout (minutes)" default is NOT FOUND (erps.md §1.3). */
export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

/** http.sys's default limit for a request URL (issue 12: 16 KB). */
export const DEFAULT_MAX_URL_BYTES = 16 * 1024;

export function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export interface Resolved {
  operators: Record<string, string>;
  companies: Record<string, string>;
  messages: SysproMessages;
  tableNames: SysproTableNames;
  lengths: Record<string, number>;
  payrollElement: string | null;
  idleTimeoutMs: number;
  maxUrlBytes: number;
  maxRequestBytes: number | null;
}

export function resolveOptions(opts: SysproSimOptions): Resolved {
  const operators = opts.operators ?? { MLC: 'mlc-operator-pw' };
  const companies = opts.companies ?? { EDU1: '' };
  if (Object.keys(operators).length === 0) throw new RangeError('operators must name at least one operator');
  if (Object.keys(companies).length === 0) throw new RangeError('companies must name at least one company');
  const maxRequestBytes = opts.maxRequestBytes ?? null;
  return {
    operators,
    companies,
    messages: { ...DEFAULT_MESSAGES, ...opts.messages },
    tableNames: { ...DEFAULT_TABLE_NAMES, ...opts.tableNames },
    lengths: { ...DEFAULT_LENGTHS, Employee: positiveInt('employeeCodeMaxLength', opts.employeeCodeMaxLength ?? 20), ...opts.fieldMaxLengths },
    payrollElement: opts.payrollEmployeeElement ?? null,
    idleTimeoutMs: positiveInt('sessionIdleTimeoutMs', opts.sessionIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS),
    maxUrlBytes: positiveInt('maxUrlBytes', opts.maxUrlBytes ?? DEFAULT_MAX_URL_BYTES),
    maxRequestBytes: maxRequestBytes === null ? null : positiveInt('maxRequestBytes', maxRequestBytes),
  };
}

export function newStats(activeSessions: () => number): SysproStats {
  const counters = {
    logons: 0,
    logonFailures: 0,
    logoffs: 0,
    logoffFailures: 0,
    evictions: 0,
    expirations: 0,
    humanLogons: 0,
    invalidSessionCalls: 0,
    queries: 0,
    setupDocuments: 0,
    itemsRead: 0,
    itemsInvalid: 0,
    writes: 0,
    unknownBusinessObject: 0,
    urlTooLong: 0,
    faultsInjected: 0,
    itemsLocked: 0,
    maxInFlightPerSession: 0,
  };
  // A getter, so the figure is right at any moment (idle sessions die without a request).
  return Object.defineProperty(counters, 'activeSessions', { get: activeSessions, enumerable: true }) as SysproStats;
}
