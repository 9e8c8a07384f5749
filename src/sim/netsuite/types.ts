// Public option, state and handle types of the NetSuite simulator (names are part of the
// contract the adapter, the demo and tests rely on; see index.ts).
import type { RecordedRequest } from '../common/recorded.js';
import type { NetSuiteRecords } from './records.js';

export type ReferenceType = 'department' | 'classification' | 'location' | 'subsidiary';
export const REFERENCE_TYPES: readonly ReferenceType[] = ['department', 'classification', 'location', 'subsidiary'];

/** A department, class, location or subsidiary (reference §4.3, section_0902090444 & co). */
export interface NetSuiteReference {
  id: string;
  name: string;
  isInactive: boolean;
  /** Subsidiaries this record is available to (multi-select); absent or empty = all. */
  subsidiary?: string[];
}

export type NetSuiteReferenceSeed = Partial<Record<ReferenceType, Array<{ id: string; name: string; isInactive?: boolean; subsidiary?: string[] }>>>;

export type CustomValue = string | number | boolean | null;

/** The employee fields the simulator stores (REST names, reference §4.3). */
export interface NetSuiteEmployee {
  id: string;
  externalId?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  email?: string;
  title?: string;
  phone?: string;
  mobilePhone?: string;
  comments?: string;
  hireDate?: string;
  releaseDate?: string;
  isInactive: boolean;
  subsidiary?: string;
  department?: string;
  class?: string;
  location?: string;
  supervisor?: string;
  /** `custentity_*` custom fields. */
  custom: Record<string, CustomValue>;
  dateCreated: string;
  lastModifiedDate: string;
}

export interface NetSuiteSimClient {
  clientId: string;
  /** The Certificate ID of the M2M setup page: the assertion's `kid` (section_162790605110). */
  certificateId: string;
  publicKeyPem: string;
  /** Default ['PS256', 'ES256']. */
  algorithms?: string[];
}

export type NetSuiteFaultKind = '429' | '503' | 'reset' | 'slow';

export interface NetSuiteFailNext {
  status: number | 'reset';
  times?: number;
  method?: string;
  pathPrefix?: string;
  errorCode?: string;
  detail?: string;
  /** PUT/PATCH/POST only: apply the write, then answer with the failure (or reset). */
  afterWrite?: boolean;
  /** Wait this long (after the write, with afterWrite) before answering: lets a test kill the client mid-call. */
  delayMs?: number;
  /** Sends `Retry-After: <n>` with the failure (a server asking for a long pause). */
  retryAfterSec?: number;
}

export interface NetSuiteFaults {
  seed?: number;
  /** 0..1 probability that a /services/rest/record|query request gets a fault. */
  rate?: number;
  kinds?: NetSuiteFaultKind[];
  slowMs?: number;
  failNext?: NetSuiteFailNext[];
}

export interface NetSuiteSimOptions {
  accountId?: string;
  clients?: NetSuiteSimClient[];
  accessTokenTtlSec?: number;
  concurrencyLimit?: number;
  latencyMs?: number;
  faults?: NetSuiteFaults;
  referenceData?: NetSuiteReferenceSeed;
  host?: string;
  port?: number;
}

// Recorded requests: Authorization keeps only its scheme; client_assertion values are blanked.
export type { RecordedRequest };

export interface NetSuiteStats {
  maxInFlight: number;
  concurrencyRejections: number;
  tokensIssued: number;
  writes: number;
}

export interface NetSuiteSim {
  url: string;
  port: number;
  accountId: string;
  records: NetSuiteRecords;
  setFaults(f: NetSuiteFaults | undefined): void;
  setLatency(ms: number): void;
  registerClient(c: NetSuiteSimClient): void;
  expireTokens(): void;
  requests: RecordedRequest[];
  stats: NetSuiteStats;
  close(): Promise<void>;
}
