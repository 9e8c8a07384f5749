// Public option, seed and handle types of the D365 F&O simulator (names are part of the
// contract the adapter, the demo and tests rely on; see index.ts and README.md).
import type { RecordedRequest } from '../common/recorded.js';
import type { D365State } from './state.js';

/** A stored OData value: strings, enum member names, ISO dates, numbers, or null. */
export type Value = string | number | null;

/** An Entra app registration (reference §5.1). One app = one F&O user for throttling. */
export interface D365SimApp {
  /** Tenant GUID or domain the app lives in; default: the simulator's tenantId. */
  tenant?: string;
  clientId: string;
  secret?: string;
  /** The secret exists but has expired (AADSTS7000222). */
  secretExpired?: boolean;
  /** X.509 certificate (PEM) whose private key signs client assertions. */
  certificatePem?: string;
  /**
   * false = the app is not entered under System administration > Setup > Microsoft Entra
   * applications: Entra still issues tokens, F&O answers 401 (reference §5.1). Default true.
   */
  mappedToUser?: boolean;
}

export type FaultKind = '429' | '502' | '503' | 'reset' | 'slow';

export interface D365FailNext {
  status: number | 'reset';
  times?: number;
  method?: string;
  /** Without it the entry targets /data/* only; with it, any path (the token endpoint too). */
  pathPrefix?: string;
  /** Replaces the default message of the error body. */
  message?: string;
  /** POST/PATCH/PUT/DELETE: run the request (and its writes) first, then fail or reset. */
  afterWrite?: boolean;
  delayMs?: number;
  retryAfterSec?: number;
  /** Only POST/PATCH/PUT/DELETE match (a read before the write passes). */
  writes?: boolean;
  /**
   * The answer is a business error (AxODataWriteException) with this Infolog text, as a record
   * D365 refuses. With a pathPrefix the entry also matches a request inside a $batch (the
   * part, not the batch, fails; its changeset rolls back).
   */
  infolog?: string;
}

export interface D365Faults {
  seed?: number;
  /** 0..1 probability that a /data request gets a fault. */
  rate?: number;
  kinds?: FaultKind[];
  slowMs?: number;
  failNext?: D365FailNext[];
  /**
   * The seeded rate also hits the requests inside a $batch: such a part is answered 503 with
   * Retry-After (its changeset rolls back) while the batch itself succeeds. Assumption: F&O's
   * transient failures of one changeset (deadlocks, resource limits) are not documented.
   */
  parts?: boolean;
}

/** User-based service protection (reference §8 A.5); off unless set. */
export interface D365Throttle {
  /** Requests per user in the sliding window. */
  limit: number;
  windowSec: number;
  /** Retry-After of the first 429; doubles for each request sent before it ran out. */
  retryAfterSec?: number;
  maxRetryAfterSec?: number;
  /** Concurrent requests per user (F&O: 52). */
  concurrentLimit?: number;
}

export type DelimiterName =
  | 'Hyphen'
  | 'Period'
  | 'Underscore'
  | 'Bar'
  | 'DoubleHyphen'
  | 'DoublePeriod'
  | 'DoubleUnderscore'
  | 'DoubleBar'
  | 'Tilde'
  | 'DoubleTilde';

/** The active "Default dimension format" for integrating applications, or null = none set up. */
export interface D365Format {
  dimensions: string[];
  delimiter: DelimiterName;
}

export interface D365DimensionSeed {
  name: string;
  /** 'entity': backed by an entity (operating units…): unused values are not listed (A.2). */
  backing: 'entity' | 'customList';
  values: Array<{ value: string; description: string; suspended?: boolean; legalEntityId?: string; used?: boolean }>;
}

export interface D365CompanySeed {
  id: string;
  name: string;
  currency: string;
}

export interface D365Seed {
  companies: D365CompanySeed[];
  /** The company the integration user works in when no cross-company=true is sent. */
  defaultCompany: string;
  vendorGroups: Array<{ dataAreaId: string; id: string; description: string }>;
  currencies: string[];
  paymentTerms: string[];
  paymentMethods: string[];
  dimensions: D365DimensionSeed[];
  format: D365Format | null;
  /** Ledger dimension format segments (main account first); informational. */
  ledgerFormat: string[];
  vendors: Array<Record<string, Value>>;
}

export interface D365SchemaOptions {
  /** Entity sets the environment does not have (absent from $metadata, 404 when called). */
  omitEntitySets?: string[];
  /** Per entity set, properties the environment does not have. */
  omitProperties?: Record<string, string[]>;
  /** Name of the vendor's dimension display-value field (A.1: DefaultLedgerDimensionDisplayValue). */
  vendorDimensionField?: string;
}

export interface D365Settings {
  /** 'current': business errors on 400 (newer builds); 'legacy': 500 (A.3). */
  build: 'current' | 'legacy';
  /** Server-driven page size (F&O: 10,000). */
  pageSize: number;
  /** 'usedOnly': FinancialDimensionValues lists entity-backed values only once used or modified (A.2). */
  dimensionListing: 'usedOnly' | 'all';
  /** Key access to another company's record needs cross-company=true ('crossCompanyOnly') or not. */
  keyAccessOtherCompany: 'crossCompanyOnly' | 'allowed';
  /** Requests outside changesets run on after a failure (true) or the batch stops there. */
  batchContinueOnError: boolean;
  /** Content-ID of a failed changeset's single answer: the first request's (as recorded, A.4) or the failing one's. */
  failedChangesetContentId: 'first' | 'failing';
  /** Infolog texts where the reference has none (A.2, A.6). {value} / {dimension} are replaced. */
  messages: { noActiveFormat: string; unknownDimensionValue: string; suspendedDimensionValue: string };
}

export interface D365SimOptions {
  host?: string;
  port?: number;
  latencyMs?: number;
  faults?: D365Faults;
  throttle?: D365Throttle;
  /** Seeds the token lifetime draw and nothing else. */
  seed?: number;
  tenantId?: string;
  /** The environment the tokens are for: scope https://<environmentHost>/.default. */
  environmentHost?: string;
  apps?: D365SimApp[];
  /** Fixed token lifetime; default: a random 60–90 minutes (reference §5.1). */
  tokenTtlSec?: number;
  data?: D365Seed;
  schema?: D365SchemaOptions;
  settings?: Partial<Omit<D365Settings, 'messages'>> & { messages?: Partial<D365Settings['messages']> };
}

// Recorded requests: Authorization keeps only its scheme; client_secret and client_assertion values are blanked.
export type { RecordedRequest };

export interface D365Stats {
  [counter: string]: number;
  tokensIssued: number;
  tokenErrors: number;
  unauthorized: number;
  dataRequests: number;
  writes: number;
  creates: number;
  updates: number;
  batches: number;
  batchOperations: number;
  changesets: number;
  changesetsRolledBack: number;
  throttled: number;
  faultsInjected: number;
  maxInFlight: number;
}

export interface D365Sim {
  url: string;
  port: number;
  tenantId: string;
  environmentHost: string;
  /** `${url}/${tenantId}/oauth2/v2.0/token`. */
  tokenUrl: string;
  /** The scope a client asks for: https://<environmentHost>/.default. */
  scope: string;
  state: D365State;
  setFaults(f: D365Faults | undefined): void;
  setLatency(ms: number): void;
  setThrottle(t: D365Throttle | undefined): void;
  registerApp(app: D365SimApp): void;
  expireTokens(): void;
  requests: RecordedRequest[];
  stats: D365Stats;
  close(): Promise<void>;
}
