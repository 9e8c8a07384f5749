// Public record, option and handle types of the Dynamics GP SBA simulator (names are part of
// the contract the adapter, the demo and tests rely on; see index.ts and README.md).
// Field names follow GP's own objects where the reference has them (erps.md §3.3, §8 B.3:
// eConnect taUpdateCreateVendorRcd / taCreateEmployee, Web Services GLTransaction*,
// GLAccountCriteria); the JSON spelling itself is an assumption (no SBA dump is public).
import type { RecordedRequest as BaseRecordedRequest } from '../common/recorded.js';
import type { GpCompanyStore } from './store.js';

export type VendorStatus = 'Active' | 'Inactive' | 'Temporary';

export interface GpAddress {
  Line1: string;
  Line2: string;
  Line3: string;
  City: string;
  State: string;
  PostalCode: string;
  CountryRegion: string;
  Phone1: string;
}

/** Purchasing Vendors (stock SBA, erps.md §8 B.1). Key: VendorId (15 characters). */
export interface GpVendor {
  VendorId: string;
  Name: string;
  ShortName: string;
  CheckName: string;
  ClassId: string;
  /** eConnect VENDSTTS 1/2/3 (erps.md §3.3). */
  Status: VendorStatus;
  /** eConnect HOLD 0/1. */
  IsOnHold: boolean;
  Address: GpAddress;
  EmailAddress: string;
  Comment1: string;
  Comment2: string;
  CreatedDate: string;
  ModifiedDate: string;
}

/** HR/Payroll employee of a partner service (erps.md §8 B.3 taCreateEmployee). Key: EmployeeId. */
export interface GpEmployee {
  EmployeeId: string;
  FirstName: string;
  MiddleName: string;
  LastName: string;
  ClassId: string;
  DepartmentId: string;
  PositionId: string;
  DivisionId: string;
  LocationId: string;
  SocialSecurityNumber: string;
  EmailAddress: string;
  HireDate: string;
  IsInactive: boolean;
  InactiveDate: string;
  CreatedDate: string;
  ModifiedDate: string;
}

export type PostingType = 'ProfitAndLoss' | 'BalanceSheet';

/** GL account in GP's segmented format (e.g. `100-6100-01`); erps.md §8 B.3 GLAccountCriteriaBase. */
export interface GpAccount {
  AccountNumber: string;
  Segments: string[];
  Description: string;
  PostingType: PostingType;
  IsActive: boolean;
  CreatedDate: string;
  ModifiedDate: string;
}

/** A cost centre: a value of the account's department segment. */
export interface GpCostCenter {
  CostCenterId: string;
  Description: string;
  IsActive: boolean;
  ModifiedDate: string;
}

export const SERIES = ['Financial', 'Sales', 'Purchasing', 'Inventory', 'Payroll', 'Project'] as const;
export type Series = (typeof SERIES)[number];

/** One fiscal period; GP closes a period per series (Fiscal Periods Setup). Key: (Year;PeriodId). */
export interface GpFiscalPeriod {
  Year: number;
  PeriodId: number;
  PeriodName: string;
  StartDate: string;
  EndDate: string;
  Closed: Record<Series, boolean>;
  ModifiedDate: string;
}

/** erps.md §8 B.3 GLTransactionState: Work = unposted and editable, Open = posted, History = moved to history. */
export type TransactionState = 'Work' | 'Open' | 'History';

export interface GpTransactionLine {
  SequenceNumber: number;
  AccountNumber: string;
  DebitAmount: number;
  CreditAmount: number;
  DistributionReference: string;
  CostCenter: string;
}

export interface GpTransaction {
  JournalId: number;
  BatchId: string;
  TransactionState: TransactionState;
  SourceDocument: string;
  TransactionDate: string;
  FiscalYear: number;
  PeriodId: number;
  Reference: string;
  Description: string;
  Lines: GpTransactionLine[];
  TotalDebit: number;
  TotalCredit: number;
  CreatedDate: string;
  ModifiedDate: string;
  PostedDate: string;
}

export interface GpCompanySeed {
  /** The company name as SBA addresses it: `Companies(<name>)` (erps.md §3.1). */
  name: string;
  /** GP's company database id (INTERID), shown by `GET …/Companies.json`. */
  companyId: string;
  vendorClasses: string[];
  vendors: Array<Partial<GpVendor> & { VendorId: string; Name: string }>;
  employees: Array<Partial<GpEmployee> & { EmployeeId: string }>;
  accounts: Array<Omit<GpAccount, 'Segments' | 'CreatedDate' | 'ModifiedDate'>>;
  costCenters: Array<Omit<GpCostCenter, 'ModifiedDate'>>;
  periods: Array<Omit<GpFiscalPeriod, 'ModifiedDate'>>;
  transactions: Array<Omit<GpTransaction, 'TotalDebit' | 'TotalCredit' | 'CreatedDate' | 'ModifiedDate'>>;
  nextJournalId: number;
}

export interface GpSeed {
  tenant: string;
  companies: GpCompanySeed[];
}

export interface GpUser {
  /** NetBIOS domain the client sends in the Type 3 message (compared case-insensitively). */
  domain: string;
  user: string;
  password: string;
  /** Companies this GP user has access to (erps.md §8 B.1); absent = all. */
  companies?: string[];
}

export type ResourceName = 'vendors' | 'employees' | 'accounts' | 'costCenters' | 'periods' | 'journals';

export interface ResourceSetting {
  enabled?: boolean;
  /** Path below `Companies(<name>)/`, e.g. `Purchasing/Vendors`. */
  path?: string;
}

export type GpFaultKind = '500' | '503' | 'reset' | 'slow' | 'reauth' | 'close';

export interface GpFailNext {
  /**
   * An HTTP status; `reset` (TCP RST, no answer); `reauth` (forget the connection's login,
   * answer 401); `close` (answer normally with `Connection: close`, then end the connection).
   */
  status: number | 'reset' | 'reauth' | 'close';
  times?: number;
  /** One method, or several ("the next write": POST, PATCH or DELETE, whichever comes first). */
  method?: string | string[];
  /** Matched against the request path as sent (percent-encoded). */
  pathPrefix?: string;
  /** POST/PATCH/DELETE: run the request (and its write), then fail. */
  afterWrite?: boolean;
  delayMs?: number;
  retryAfterSec?: number;
  message?: string;
}

export interface GpFaults {
  seed?: number;
  /** 0..1 probability that an authenticated /GPService request gets a fault. */
  rate?: number;
  kinds?: GpFaultKind[];
  slowMs?: number;
  failNext?: GpFailNext[];
}

export interface GpTlsOptions {
  /** Bring a certificate (PEM) instead of generating a self-signed one. */
  certPem?: string;
  keyPem?: string;
  commonName?: string;
}

export interface GpSimOptions {
  host?: string;
  port?: number;
  latencyMs?: number;
  faults?: GpFaults;
  seed?: GpSeed;
  users?: GpUser[];
  resources?: Partial<Record<ResourceName, ResourceSetting>>;
  /** Employee fields required on create (default: FirstName, LastName, SocialSecurityNumber, DepartmentId, PositionId). */
  employeeRequiredFields?: string[];
  /** Serve HTTPS with a self-signed certificate (selfsigned) or the one given. */
  tls?: boolean | GpTlsOptions;
  /** The journal service's create call must carry `GP-Custom-Action: POST` (default true). */
  journalRequiresCustomAction?: boolean;
  /** IIS `authPersistSingleRequest`: every request must authenticate again (default false). */
  authPersistSingleRequest?: boolean;
  /** Idle kept-alive connections are closed after this long (IIS connectionTimeout, default 120 s). */
  keepAliveTimeoutMs?: number;
  /** NetBIOS / DNS names put in the Type 2 target info. */
  server?: Partial<ServerIdentity>;
}

export interface ServerIdentity {
  nbDomain: string;
  nbComputer: string;
  dnsDomain: string;
  dnsComputer: string;
}

/** Authorization keeps only its scheme. */
export interface RecordedRequest extends BaseRecordedRequest {
  /** Which TCP connection carried it (NTLM authenticates a connection). */
  connection: number;
  /** `DOMAIN\user` once the connection is authenticated. */
  user?: string;
}

export interface GpStats {
  connections: number;
  challenges: number;
  logons: number;
  authFailures: number;
  writes: number;
  journalsCreated: number;
}

export interface GpSim {
  /** http(s)://127.0.0.1:<port> */
  url: string;
  port: number;
  tenant: string;
  companies: string[];
  /** `<url>/GPService/Tenants(<tenant>)/Companies(<company, percent-encoded>)` */
  companyUrl(company?: string): string;
  helpUrl: string;
  /** Present with `tls`: the certificate to pin and its SHA-256 fingerprint (`AA:BB:…`). */
  tls?: { certPem: string; fingerprint256: string };
  setFaults(f: GpFaults | undefined): void;
  setLatency(ms: number): void;
  requests: RecordedRequest[];
  stats: GpStats;
  store(company?: string): GpCompanyStore;
  vendors(company?: string): GpVendor[];
  employees(company?: string): GpEmployee[];
  accounts(company?: string): GpAccount[];
  costCenters(company?: string): GpCostCenter[];
  periods(company?: string): GpFiscalPeriod[];
  transactions(company?: string): GpTransaction[];
  /** What a GP user does in GL Transaction Entry: post a Work transaction (→ Open). */
  postTransaction(journalId: number, company?: string): GpTransaction;
  addUser(u: GpUser): void;
  /** Closes every client connection (as an idle timeout would): logins are lost. */
  dropConnections(): void;
  close(): Promise<void>;
}
