// Written config → runtime Config. Only called once the schema accepted the file, so the
// durations parse (the schema's regex and parseDuration agree) and required values exist.
import { dirname, resolve } from 'node:path';
import { parseDuration } from '../domain/duration.js';
import { defaultRetryPolicy } from '../http/retry.js';
import type { WrittenConfig } from './schema.js';
import type { Config } from './types.js';

const ms = (d: string): number => parseDuration(d) ?? 0;

export function normalize(written: WrittenConfig, file: string): Config {
  const dir = dirname(resolve(file));
  const b = written.bamboohr;
  const domain = b.companyDomain.toLowerCase();
  return {
    file: resolve(file),
    dir,
    timezone: written.timezone,
    state: {
      path: resolve(dir, written.state.path),
      busyTimeoutMs: ms(written.state.busyTimeout),
      lockStaleAfterMs: ms(written.state.lockStaleAfter),
    },
    secrets: {
      keychainService: written.secrets.keychainService ?? `mlc:${domain}`,
      file: written.secrets.file ? resolve(dir, written.secrets.file) : undefined,
    },
    logging: {
      level: written.logging.level,
      file: written.logging.file ? resolve(dir, written.logging.file) : undefined,
      format: written.logging.format,
    },
    bamboohr: {
      companyDomain: domain,
      baseUrl: (b.baseUrl ?? `https://${domain}.bamboohr.com`).replace(/\/+$/, ''),
      auth: b.auth,
      oauth: b.oauth,
      tables: [...new Set(b.tables)],
      fields: [...new Set(b.fields)],
      allowMissingFields: b.allowMissingFields === true ? true : b.allowMissingFields === false ? [] : b.allowMissingFields,
      changedOverlapMs: ms(b.changedOverlap),
      perEmployeeMax: b.perEmployeeMax,
      timeoutMs: ms(b.timeout),
      retry: {
        ...defaultRetryPolicy,
        maxAttempts: b.retry.maxAttempts,
        maxDelayMs: ms(b.retry.maxDelay),
        budgetMs: ms(b.retry.budget),
      },
    },
  };
}
