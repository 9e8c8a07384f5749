import type { BambooHrSettings } from '../../src/config/types.js';
import { HttpClient } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { silentLogger, type Logger } from '../../src/log/logger.js';
import { ApiKeyAuth, type BambooAuth } from '../../src/source/bamboohr/auth.js';
import { BambooHrClient } from '../../src/source/bamboohr/client.js';

export const FULL_KEY = 'sim-full-access-key';
export const RESTRICTED_KEY = 'sim-restricted-key';

export function bambooSettings(baseUrl: string, over: Partial<BambooHrSettings> = {}): BambooHrSettings {
  return {
    companyDomain: 'acme',
    baseUrl,
    auth: 'apiKey',
    tables: ['jobInfo', 'employmentStatus', 'compensation'],
    fields: [],
    allowMissingFields: [],
    changedOverlapMs: 300_000,
    perEmployeeMax: 1,
    bulkRead: 'auto',
    timeoutMs: 5000,
    maxResponseBytes: 64 * 1024 * 1024,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5000, budgetMs: 20_000 },
    ...over,
  };
}

export function bambooHttp(baseUrl: string, opts: { logger?: Logger; settings?: BambooHrSettings } = {}) {
  const counter = new RequestCounter();
  const s = opts.settings ?? bambooSettings(baseUrl);
  const http = new HttpClient({ system: 'bamboohr', baseUrl, timeoutMs: s.timeoutMs, retry: s.retry, logger: opts.logger ?? silentLogger(), counter });
  return { http, counter };
}

export function apiKeyClient(baseUrl: string, key = FULL_KEY, opts: { logger?: Logger; auth?: BambooAuth } = {}) {
  const { http, counter } = bambooHttp(baseUrl, opts);
  const client = new BambooHrClient(http, opts.auth ?? new ApiKeyAuth(key, 'env'));
  return { client, counter, http };
}
