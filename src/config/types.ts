// The runtime configuration: what normalize.ts makes of the written file. Paths are absolute,
// durations are milliseconds, defaults are filled in, computed values (base URL, keychain
// service) are resolved. Nothing else in mlc reads the raw YAML.
import type { LogFormat, LogLevel } from '../log/logger.js';
import type { RetryPolicy } from '../http/retry.js';
import type { TargetSettings } from '../adapters/types.js';
import type { BambooHrTable } from './schema.js';

export type BulkReadSetting = 'auto' | 'datasets' | 'report';

export interface BambooHrSettings {
  companyDomain: string;
  baseUrl: string;
  auth: 'apiKey' | 'oauth';
  oauth?: { clientId: string; redirectUri: string; scopes: string[] } | undefined;
  tables: BambooHrTable[];
  fields: string[];
  /** true: any field may be missing; otherwise the list of fields allowed to be missing. */
  allowMissingFields: true | string[];
  changedOverlapMs: number;
  perEmployeeMax: number;
  /** Bulk read of current fields: datasets (paged), the custom report, or auto (datasets, falling back). */
  bulkRead: BulkReadSetting;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: RetryPolicy;
}

export interface Config {
  file: string;
  dir: string;
  timezone: string;
  state: { path: string; busyTimeoutMs: number; lockStaleAfterMs: number };
  secrets: { keychainService: string; file?: string | undefined };
  logging: { level: LogLevel; file?: string | undefined; format?: LogFormat | undefined };
  bamboohr: BambooHrSettings;
  targets: Record<string, TargetSettings>;
  flows: FlowSettings[];
  audit: { redact: string[] };
  notify?: NotifySettings | undefined;
  webhook: WebhookSettings;
  report: { names: boolean };
}

export interface LookupTable {
  /** Where the table came from: a CSV path or "inline". */
  source: string;
  map: ReadonlyMap<string, string>;
}

/** mlc keeps the lookup's values in step in the ERP itself (DESIGN §8 "reference"). */
export interface ProvisionRule {
  /** Code of a new value: `{id}`, `{id:3}` (BambooHR option id, zero-padded), `{name}`, `{name:10}`. */
  code: string;
  /** Deactivate the ERP value when BambooHR archives the option. */
  deactivate: boolean;
}

export type ReferenceRule =
  | { kind: 'value'; value: string }
  | { kind: 'lookup'; from: string; table: LookupTable; default?: string | undefined; provision?: ProvisionRule | undefined };

export interface FlowSettings {
  name: string;
  target: string;
  filter: Record<string, string[]>;
  unmapped: 'park' | 'fail' | 'default';
  references: Record<string, ReferenceRule>;
  fields: Record<string, string>;
  /** Which first name ERP person records carry: the legal one unless the flow says preferred. */
  names: 'legal' | 'preferred';
  /** Adapter-specific flow settings (a D365 legal entity, Sage main accounts…), parsed by the adapter's flowOptions schema. */
  options: Record<string, unknown>;
}

export interface NotifySettings {
  kind: 'slack' | 'teams' | 'healthchecks' | 'json';
}

export interface WebhookSettings {
  host: string;
  port: number;
  path: string;
  publicUrl?: string | undefined;
  tls?: { cert: string; key: string } | undefined;
  maxBodyBytes: number;
  timestampToleranceMs: number;
  debounceMs: number;
  name: string;
}
