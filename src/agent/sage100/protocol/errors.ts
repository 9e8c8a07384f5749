// Protocol errors: one body shape for every non-2xx answer that is not a write result,
// `{"error":{"code","message","retryable",...}}`, codes in snake_case and stable (README
// "Errors"). Messages never carry record values.
import type { AgentResponse } from '../server/types.js';

export const PROTOCOL_HEADER = 'X-Agent-Protocol';
export const PROTOCOL_VERSION = 1;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The BOI could not be used (COM exception, broken session): retry later. */
export class BoiUnavailable extends ApiError {
  constructor(message: string) {
    super(503, 'boi_unavailable', message, {}, { 'Retry-After': '5' });
  }
}

/** The BOI refused the session or object setup (logon, company, task rights): fix the agent's config. */
export class BoiSetupFailed extends ApiError {
  constructor(message: string) {
    super(502, 'boi_setup_failed', message);
  }
}

const RETRYABLE = new Set([503]);

export function json(status: number, value: unknown, headers: Record<string, string> = {}, log?: Record<string, unknown>): AgentResponse {
  const response: AgentResponse = {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...headers },
    body: JSON.stringify(value),
  };
  if (log) response.log = log;
  return response;
}

export function errorResponse(err: ApiError): AgentResponse {
  const body = { error: { code: err.code, message: err.message, retryable: RETRYABLE.has(err.status), ...err.extra } };
  return json(err.status, body, err.headers, { error: err.code });
}
