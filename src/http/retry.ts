// Pure retry arithmetic, kept apart from the I/O so it can be unit-tested without a clock.

export interface RetryPolicy {
  /** Total attempts, first one included. */
  maxAttempts: number;
  /** First backoff step for connection errors; doubles each attempt (full jitter). */
  baseDelayMs: number;
  /** Longest single wait, whether our backoff or a server's Retry-After. */
  maxDelayMs: number;
  /** Longest total time spent on one request, waits included. */
  budgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 120_000,
  budgetMs: 300_000,
};

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). BambooHR sends it
 * on every 429 from 2026-09-16 (reference/bamboohr.md §5); undici's own retry handler reads
 * both forms too. Returns milliseconds from `nowMs`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** Statuses that mean "not now": the server did not do the work, or may not have. */
export const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * A 429 is a refusal before any work was done, so even a POST may be sent again.
 * 502/503/504 can come from a proxy after the origin acted, so a non-idempotent request is
 * only retried when the caller vouches for it (scjalliance/bamboohr reasons the same way).
 */
export function statusIsRetryable(status: number, idempotent: boolean): boolean {
  if (status === 429) return true;
  return RETRY_STATUSES.has(status) && idempotent;
}

/**
 * Connection failures where the request certainly never reached the server. ENOTFOUND is not
 * among them: the name does not exist (a typo in companyDomain or accountId), and asking six
 * times only delays saying so. EAI_AGAIN is the resolver not answering: temporary, retried.
 */
const BEFORE_SEND = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Failures after sending: the server may have acted. */
const AFTER_SEND = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export function networkErrorIsRetryable(code: string | undefined, idempotent: boolean): boolean {
  if (code === undefined) return false;
  if (BEFORE_SEND.has(code)) return true;
  return AFTER_SEND.has(code) && idempotent;
}

export function isTimeoutCode(code: string | undefined): boolean {
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT';
}
