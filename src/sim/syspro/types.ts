// Public option, state and handle types of the SYSPRO e.net REST simulator (names are part
// of the contract the adapter, the demo and tests rely on; see index.ts and README.md).
import type { RecordedRequest } from '../common/recorded.js';

/** A row of a SYSPRO table as COMFND returns it: column name → value (erps.md §1.4). */
export type SysproRow = Record<string, string | number>;

export interface SysproCostCentre {
  CostCentre: string;
  Description: string;
  /** Other BOMSCC elements sent (SubcontractFlag, rates…), stored as given (erps.md §8 C.1). */
  [column: string]: string | number;
}

export interface SysproWorkCentre {
  WorkCentre: string;
  Description: string;
  /** Each work centre belongs to a cost centre (erps.md §8 C.1, C.4). */
  CostCentre: string;
  [column: string]: string | number;
}

/** `BomEmployee` (BOMSEC), erps.md §8 C.1; `labourPosted` is simulator state, not a column. */
export interface SysproEmployee {
  Employee: string;
  Name: string;
  WorkCentre: string;
  StdHrsPerMonth: number;
  EmployeeActCost: number;
  ShiftId: string;
  [column: string]: string | number | boolean;
  labourPosted: boolean;
}

export type CustomFieldType = 'A' | 'N' | 'D';

/** One field of a custom form (COMSFM): alpha, numeric or date (erps.md §1.4, §8 C.1). */
export interface CustomFormField {
  fieldName: string;
  type: CustomFieldType;
  maxLength?: number;
}

/** A custom form type; `keyTable` names the master table its KeyField must exist in. */
export interface CustomFormDefinition {
  formType: string;
  keyTable?: 'employee' | 'costCentre' | 'workCentre';
  fields: CustomFormField[];
}

export interface CustomFormValue {
  FormType: string;
  KeyField: string;
  FieldName: string;
  AlphaValue: string;
  NumericValue: number;
  /** YYYY-MM-DD, or '' when blank. */
  DateValue: string;
}

export interface SysproSeed {
  costCentres: Array<{ CostCentre: string; Description: string }>;
  workCentres: Array<{ WorkCentre: string; Description: string; CostCentre: string }>;
  employees?: Array<Partial<SysproEmployee> & { Employee: string; Name: string; WorkCentre: string }>;
  customForms: CustomFormDefinition[];
  customFormValues?: Array<Partial<CustomFormValue> & { FormType: string; KeyField: string; FieldName: string }>;
}

/** Texts the reference does not give (erps.md §8 C.5 NOT FOUND) are configurable; see README. */
export interface SysproMessages {
  invalidOperatorPassword: string;
  unknownOperator: string;
  invalidCompany: string;
  invalidCompanyPassword: string;
  invalidSession: string;
  logoffInvalidSession: string;
  unknownBusinessObject: string;
}

/** `reject`: the first item of the next Setup document is refused with a business error (`text`). */
export type SysproFaultKind = 'reset' | 'slow' | '500' | '503' | 'evict' | 'reject';

export interface SysproFailNext {
  /** 'text': HTTP 200 with `text` as the body, e.g. an `ERROR: …` line SYSPRO might send; 'reject': `text` is the item error's description. */
  kind: SysproFaultKind | 'text';
  text?: string;
  times?: number;
  /** Case-insensitive prefix of the request path, e.g. `/SYSPROWCFService/Rest/Setup/Add`. */
  pathPrefix?: string;
  businessObject?: string;
  /** Run the call first (a Setup document is applied), then fail, reset or evict. */
  afterWrite?: boolean;
  delayMs?: number;
}

export interface SysproFaults {
  seed?: number;
  /** 0..1 probability that an e.net request gets one of `kinds`. */
  rate?: number;
  kinds?: SysproFaultKind[];
  /** 0..1 probability that an item of a Setup document finds its record locked (refused inline, 240032). */
  lockRate?: number;
  slowMs?: number;
  failNext?: SysproFailNext[];
}

export interface SysproTableNames {
  costCentre: string;
  workCentre: string;
  employee: string;
}

export interface SysproSimOptions {
  host?: string;
  port?: number;
  latencyMs?: number;
  faults?: SysproFaults;
  seed?: SysproSeed;
  /** Operator → password. Default `{ MLC: 'mlc-operator-pw' }`. */
  operators?: Record<string, string>;
  /** Company id → company password ('' = none). Default `{ EDU1: '' }`. */
  companies?: Record<string, string>;
  /** 'text' (SYSPRO 7 recording, default) or 'json' (SYSPRO 8: a JSON-quoted string). */
  logonFormat?: 'text' | 'json';
  /** Idle time after which a session dies, on the real clock. Default 30 minutes (assumption). */
  sessionIdleTimeoutMs?: number;
  /** GetVersion answer. Default `7.0.0.6` (recorded). */
  version?: string;
  /** Business objects the licence includes. Default: every one the simulator implements. */
  licensedBusinessObjects?: string[];
  /** Employee code length (a site setting, erps.md §8 C.1). Default 20 (assumption). */
  employeeCodeMaxLength?: number;
  /** Overrides of text field lengths by element name (NOT FOUND: XSDs are not public). */
  fieldMaxLengths?: Record<string, number>;
  /** Element name of the payroll employee number in BOMSEC, or null when the schema lacks it (default). */
  payrollEmployeeElement?: string | null;
  /** What an element the business object does not know does: ignored (default) or an item error. */
  unknownElements?: 'ignore' | 'reject';
  /** http.sys request-URL limit in bytes; longer → 414. Default 16384. */
  maxUrlBytes?: number;
  /** http.sys MaxRequestBytes (request line + headers); longer → 400. Default off (null). */
  maxRequestBytes?: number | null;
  messages?: Partial<SysproMessages>;
  tableNames?: Partial<SysproTableNames>;
}

// Recorded requests: OperatorPassword/CompanyPassword blanked in the query; UserId replaced by `…#<session number>`.
export type { RecordedRequest };

export interface SysproSessionInfo {
  /** Sequence number (1, 2, …): what the request log shows instead of the id. */
  number: number;
  userId: string;
  operator: string;
  companyId: string;
  human: boolean;
  loggedOnAt: string;
  idleMs: number;
}

export interface SysproStats {
  [counter: string]: number;
  logons: number;
  logonFailures: number;
  logoffs: number;
  logoffFailures: number;
  evictions: number;
  expirations: number;
  humanLogons: number;
  invalidSessionCalls: number;
  /** Live sessions right now (expired ones do not count). */
  readonly activeSessions: number;
  queries: number;
  setupDocuments: number;
  itemsRead: number;
  itemsInvalid: number;
  /** Items applied (not ValidateOnly, not rolled back). */
  writes: number;
  unknownBusinessObject: number;
  urlTooLong: number;
  /** Faults injected: request faults (failNext and rate) and locked items. */
  faultsInjected: number;
  itemsLocked: number;
  /** Most calls seen at once on one session: 1 when the client serialises per operator. */
  maxInFlightPerSession: number;
}

export interface SysproSim {
  /** http://127.0.0.1:<port>: the origin; control calls go to `${url}/_sim/…`. */
  url: string;
  /** `${url}/SYSPROWCFService/Rest`: what a client configures as the server URL. */
  restUrl: string;
  port: number;
  setFaults(f: SysproFaults | undefined): void;
  setLatency(ms: number): void;
  requests: RecordedRequest[];
  stats: SysproStats;
  employees(): SysproEmployee[];
  costCentres(): SysproCostCentre[];
  workCentres(): SysproWorkCentre[];
  customFormValues(): CustomFormValue[];
  sessions(): SysproSessionInfo[];
  /** A person logs on with the operator (default: the first configured), evicting the service's session. */
  humanLogon(operator?: string): void;
  /** Ends sessions as an idle timeout would (all, or one operator's). */
  expireSessions(operator?: string): void;
  setSessionIdleTimeout(ms: number): void;
  setLabourPosted(employee: string, posted: boolean): void;
  /** Adds (or replaces) a cost centre, as POST /_sim/cost-centres does. */
  addCostCentre(c: { CostCentre: string; Description: string }): void;
  /** Adds (or replaces) a work centre; its cost centre is not checked (a test may want a dangling one). */
  addWorkCentre(w: { WorkCentre: string; Description: string; CostCentre: string }): void;
  setLicensedBusinessObjects(codes: string[]): void;
  close(): Promise<void>;
}
