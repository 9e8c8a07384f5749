// Request/response values passed between the server and the handlers, and NetSuite's error
// body. Handlers return a SimResponse (or throw NsError) so recording, latency, faults and
// concurrency live in one place (server.ts).
import type { SimRequest, SimResponse } from '../common/http.js';

export type { SimRequest, SimResponse } from '../common/http.js';

/**
 * NetSuite answers REST errors with this media type; success bodies use the same family
 * (reference §4.3 names `application/vnd.oracle.resource+json` as a REST content type).
 * Clients must parse JSON by body, not insist on `application/json`.
 */
export const ERROR_TYPE = 'application/vnd.oracle.resource+json; type=error';
export const SINGULAR_TYPE = 'application/vnd.oracle.resource+json; type=singular-resource';
export const COLLECTION_TYPE = 'application/vnd.oracle.resource+json; type=collection';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The RFC 2616 section anchor NetSuite puts in `type` varies with the status (section_156570709583). */
const RFC_SECTION: Record<number, string> = { 400: '10.4.1', 401: '10.4.2', 403: '10.4.4', 404: '10.4.5', 405: '10.4.6', 500: '10.5.1', 503: '10.5.4' };

/** A failure any handler can throw; server.ts turns it into NetSuite's error body. */
export class NsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errorPath?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

/** RFC-7807-like body with `o:errorDetails` (section_156570709583). */
export function errorResponse(err: NsError): SimResponse {
  const section = RFC_SECTION[err.status];
  const detail: Record<string, string> = { detail: err.detail, 'o:errorCode': err.code };
  if (err.errorPath !== undefined) detail['o:errorPath'] = err.errorPath;
  const body = {
    type: `https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html${section ? `#sec${section}` : ''}`,
    title: TITLES[err.status] ?? `Error ${err.status}`,
    status: err.status,
    'o:errorDetails': [detail],
  };
  return { status: err.status, headers: { 'Content-Type': ERROR_TYPE, ...err.headers }, body: JSON.stringify(body) };
}

export function jsonResponse(status: number, value: unknown, contentType = 'application/json', headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body: JSON.stringify(value) };
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Parses a JSON request body; malformed JSON is INVALID_CONTENT as in NetSuite. */
export function jsonBody(req: SimRequest): unknown {
  const text = req.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NsError(400, 'INVALID_CONTENT', 'The request body is not valid JSON.');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
