// F&O's OData answers: JSON media type, the error envelope, and the AxODataWriteException
// body that carries an Infolog (reference §5.5, §8 A.3). Handlers throw ODataError or
// return a SimResponse; server.ts and batch.ts turn errors into answers.
import type { SimResponse } from '../common/http.js';

export type { SimRequest, SimResponse } from '../common/http.js';
export { header } from '../common/http.js';

export const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
export const ODATA_HEADERS = { 'OData-Version': '4.0' };

const WRITE_EXCEPTION = 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';
const ODATA_EXCEPTION = 'Microsoft.OData.ODataException';

/** A failure any handler can throw; `body` is sent as JSON (or empty when undefined). */
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body ?? '')}`);
  }
}

export type InfologLevel = 'Error' | 'Warning' | 'Info';
export interface InfologEntry {
  level: InfologLevel;
  text: string;
}

/** `{"error":{"code":"","message":…}}`, as F&O sends for non-write failures (A.3: "Entity set not found."). */
export function plainError(status: number, message: string, headers: Record<string, string> = {}): ODataError {
  return new ODataError(status, { error: { code: '', message } }, headers);
}

/** Request-shape errors (unknown property, bad literal): ODataLib's exception inside the envelope. */
export function odataException(message: string, status = 400): ODataError {
  return new ODataError(status, {
    error: { code: '', message: 'An error has occurred.', innererror: { message, type: ODATA_EXCEPTION, stacktrace: '   at Microsoft.OData.ODataMessageReader.ReadEntry()' } },
  });
}

const STACK = {
  create: '   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.CreateEntity_Save(ChangeOperationContext context, ChangeInfo changeInfo)',
  update: '   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.UpdateEntity_Save(ChangeOperationContext context, ChangeInfo changeInfo)',
};
const BATCH_FRAME = '\r\n   at Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataBatchHandler.ExecuteRequestMessagesAsync(ODataBatchReader batchReader, HttpRequestMessage request)';

/** `Infolog: Warning: A.; Warning: B.` (entries end with a full stop, joined by "; "; A.3). */
export function infologText(entries: readonly InfologEntry[]): string {
  return entries.map((e) => `${e.level}: ${e.text}`).join('; ');
}

/**
 * The business-error body (A.3): status 400 on current builds, 500 on older ones; inside a
 * $batch the stack trace also names the batch handler (A.4).
 */
export function writeError(status: number, entity: string, entries: readonly InfologEntry[], op: 'create' | 'update', inBatch: boolean): ODataError {
  return new ODataError(status, {
    error: {
      code: '',
      message: 'An error has occurred.',
      innererror: {
        message: `Write failed for table row of type '${entity}'. Infolog: ${infologText(entries)}`,
        type: WRITE_EXCEPTION,
        stacktrace: `${STACK[op]}${inBatch ? BATCH_FRAME : ''}`,
      },
    },
  });
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...ODATA_HEADERS, ...headers }, body: JSON.stringify(value) };
}

export function errorResponse(err: ODataError): SimResponse {
  if (err.body === undefined) return { status: err.status, headers: { ...ODATA_HEADERS, ...err.headers } };
  return jsonResponse(err.status, err.body, err.headers);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable',
};
