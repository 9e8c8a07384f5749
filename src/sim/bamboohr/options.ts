// Public option and handle types of the BambooHR simulator (names are part of the contract
// other modules and tests rely on).
import type { SimClock } from './clock.js';
import type { SimCompany } from './company.js';

export interface SimApiKey {
  key: string;
  /** The employee linked to the key: what `GET /employees/0` returns. */
  employeeId?: number;
  /** Field aliases (`payRate`) or table columns (`compensation.rate`) this key cannot see. */
  hiddenFields?: string[];
  /**
   * Employees outside the key's access level: left out of bulk reads (report, datasets) and
   * answered 404 one by one, while the changed feed still lists them. How BambooHR treats
   * such employees in each endpoint is not in the reference: an assumption, for the tests of
   * mlc's "never drop, never deactivate on a 404" rule (issue 8 §2).
   */
  invisibleEmployees?: number[];
}

export type SimFaultKind = '429' | '503' | 'reset' | 'slow';

export interface SimFailNext {
  status: number | 'reset';
  times?: number;
  pathPrefix?: string;
  retryAfter?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface SimFaults {
  seed?: number;
  /** 0..1 probability that a request to /api/* gets a fault. */
  rate?: number;
  kinds?: SimFaultKind[];
  /** Retry-After in seconds (default 1) or an HTTP-date one second ahead. */
  retryAfter?: number | 'http-date';
  slowMs?: number;
  failNext?: SimFailNext[];
}

export interface SimOAuthOptions {
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
  accessTokenTtlSec?: number;
  rotateRefreshTokens?: boolean;
}

/**
 * The Datasets API (reference §2.4). Where the reference is silent (NOT FOUND) the behaviour is
 * a setting; the defaults are the simulator's best guess (README "Behaviour worth knowing").
 */
export interface SimDatasetOptions {
  /** Answer every data request with this status, as a problem: tests a client's fallback. null: serve. */
  refuse?: 403 | 404 | 422 | null;
  /** Values (rows × fields) one page may produce before 413 "too much data" (default 250,000). */
  cellBudget?: number;
  /** A field the key may not read: left out of the row's `fields` (default) or sent as null. */
  hidden?: 'omit' | 'null';
  /** An unknown name in `fields`: 400 naming it (default) or silently left out. */
  unknownFields?: 'reject' | 'omit';
  /** Media type of v2 error answers: RFC 7807's (default) or application/json as the file declares. */
  problemType?: 'application/problem+json' | 'application/json';
}

export interface BambooSimOptions {
  seed?: number;
  size?: number;
  companyDomain?: string;
  start?: string;
  timeZone?: string;
  apiKeys?: SimApiKey[];
  oauth?: SimOAuthOptions;
  faults?: SimFaults;
  latencyMs?: number;
  host?: string;
  port?: number;
  bumpLastChangedOnEffectiveDate?: boolean;
  webhookRetryDelaysMs?: number[];
  allowHttpWebhooks?: boolean;
  datasets?: SimDatasetOptions;
}

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  /** 0 when the simulator reset the connection instead of answering. */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: string;
}

export interface WebhookDelivery {
  webhookId: string;
  url: string;
  status: number | 'error';
  body: string;
  /** The X-BambooHR-Timestamp header value (epoch seconds). */
  timestamp: string;
  signature: string;
  attempt: number;
}

export interface BambooSim {
  url: string;
  port: number;
  company: SimCompany;
  clock: SimClock;
  setFaults(f: SimFaults | undefined): void;
  setLatency(ms: number): void;
  /** Employees an API key may not see from now on (see SimApiKey.invisibleEmployees). */
  setInvisible(key: string, ids: number[]): void;
  requests: RecordedRequest[];
  oauth: { expireAccessTokens(): void; revokeRefreshTokens(): void; issuedRefreshTokens(): string[] };
  webhooks: { deliveries: WebhookDelivery[]; flush(): Promise<void> };
  /** Current Datasets API settings; `setDatasets` changes some of them (as POST /_sim/datasets does). */
  datasets: Readonly<Required<SimDatasetOptions>>;
  setDatasets(patch: SimDatasetOptions): void;
  close(): Promise<void>;
}
