// The runtime configuration: what normalize.ts makes of the written file. Paths are absolute,
// durations are milliseconds, defaults are filled in, computed values (base URL, keychain
// service) are resolved. Nothing else in mlc reads the raw YAML.
import type { LogFormat, LogLevel } from '../log/logger.js';
import type { RetryPolicy } from '../http/retry.js';
import type { BambooHrTable } from './schema.js';

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
  timeoutMs: number;
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
}
