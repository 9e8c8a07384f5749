// F&O's answers, classified into mlc's codes by the body, not the status (erps.md §8 A.3):
// an AxODataWriteException is a business error whether it comes as 400 (current builds) or
// 500 (older ones), so the record is parked with the Infolog text; a duplicate key on a
// create and a missing key on an update are signals the upsert acts on; 429, 5xx without a
// write exception, 408 and network failures are transient.
import { isMlcError, MlcError } from '../../domain/errors.js';
import { scrub } from '../../log/redact.js';

const WRITE_EXCEPTION = /AxODataWriteException$/;
const DUPLICATE = /The record already exists/i;
const UPDATE_CONFLICT = /An update conflict occurred/i;
const UNKNOWN_DIMENSION_VALUE = /for dimension '[^']+' does not exist|not found in the related table 'Dimension|dimension value .* does not exist/i;
const NO_FORMAT = /No active format for data entities|Only active dimensions can be used|configuring the Default dimension format/i;
// Generic companions of the real message (erps.md §8 A.3, the parse rule of a production client).
const NOISE = /^(validateWrite failed on data source|validateField failed on field|Write failed for table row)/i;

export interface ODataErrorBody {
  message: string;
  inner: string | undefined;
  type: string | undefined;
}

/** The OData error envelope `{"error":{"message","innererror":{message,type}}}`, or undefined. */
export function errorBody(text: string): ODataErrorBody | undefined {
  try {
    const doc = JSON.parse(text) as { error?: { message?: unknown; innererror?: { message?: unknown; type?: unknown } } };
    if (!doc.error) return undefined;
    const inner = doc.error.innererror;
    return {
      message: typeof doc.error.message === 'string' ? doc.error.message : '',
      inner: typeof inner?.message === 'string' ? inner.message : undefined,
      type: typeof inner?.type === 'string' ? inner.type : undefined,
    };
  } catch {
    return undefined;
  }
}

/** "Infolog: Warning: A.; Warning: validateField failed …" → "A." (levels stripped, noise dropped, de-duplicated). */
export function infologSummary(message: string): string {
  const at = message.indexOf('Infolog:');
  const log = at < 0 ? message : message.slice(at + 'Infolog:'.length);
  const entries = log
    .split(/;\s*(?=(?:Error|Warning|Info):)/)
    .map((e) => e.replace(/^\s*(?:Error|Warning|Info):\s*/, '').replace(/\s+/g, ' ').trim())
    .filter((e) => e !== '' && !NOISE.test(e));
  const unique = [...new Set(entries)];
  return unique.length > 0 ? unique.join(' ') : message.trim();
}

export type Verdict =
  | { kind: 'ok' }
  /** A create met an existing key: the upsert reads it and updates instead. */
  | { kind: 'duplicate' }
  /** An update met no record (deleted meanwhile; PATCH to a missing key, erps.md §8 A.6). */
  | { kind: 'missing' }
  /** 412 or the X++ update-conflict text: read again, retry (erps.md §8 A.6). */
  | { kind: 'conflict' }
  | { kind: 'error'; error: MlcError };

function rejection(what: string, text: string): MlcError {
  let hint: string | undefined;
  if (UNKNOWN_DIMENSION_VALUE.test(text)) {
    hint = 'D365 does not know this dimension value (mlc does not refuse unlisted values beforehand: FinancialDimensionValues lists only values already used or modified, so one it does not list is unknown rather than invalid). Create the value in D365, fix the lookup, or let mlc provision it; then mlc replay';
  } else if (NO_FORMAT.test(text)) {
    hint = 'set up and activate the Default dimension format under General ledger > Chart of accounts > Dimensions > Financial dimension configuration for integrating applications; then mlc replay';
  }
  return new MlcError('record_rejected', scrub(`D365 refused ${what}: ${text}`), { ...(hint ? { hint } : {}), details: { d365: text } });
}

/** A write's answer (a request of its own or a part of a $batch). */
export function classifyWrite(status: number, text: string, method: string, what: string): Verdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const body = errorBody(text);
  const inner = body?.inner ?? '';
  if (body?.type && WRITE_EXCEPTION.test(body.type)) {
    if (method === 'POST' && DUPLICATE.test(inner)) return { kind: 'duplicate' };
    if (UPDATE_CONFLICT.test(inner)) return { kind: 'conflict' };
    return { kind: 'error', error: rejection(what, infologSummary(inner)) };
  }
  if (status === 412) return { kind: 'conflict' };
  if (status === 404 && body?.message === 'Entity set not found.') return { kind: 'error', error: setupError(what, body.message) };
  if (status === 404 && method !== 'POST') return { kind: 'missing' };
  if (status === 401 || status === 403) return { kind: 'error', error: refused(status, what) };
  // Service protection still refusing after the HTTP layer's retries: the run stops (exit 3).
  if (status === 429) return { kind: 'error', error: readError(status, text, what) };
  // A request D365 cannot read (an unknown property, a bad literal): fix the mapping, then replay.
  if (status === 400 && body) return { kind: 'error', error: rejection(what, body.inner ?? body.message) };
  return { kind: 'error', error: transient(status, text, what) };
}

export function transient(status: number, text: string, what: string): MlcError {
  const body = errorBody(text);
  const words = body ? (body.inner ?? body.message) : text.trim().slice(0, 200) || 'no answer';
  return new MlcError('record_failed', scrub(`D365 ${what}: HTTP ${status} ${words}`), { retryable: true, details: { status } });
}

/** An entity or property the environment lacks (not an outage, not auth): what depends on it is unknown. */
export const isSetupError = (err: unknown): boolean => isMlcError(err) && err.code === 'http_status' && !err.retryable;

export function setupError(what: string, message: string): MlcError {
  return new MlcError('http_status', scrub(`D365 ${what}: ${message}`), {
    hint: 'check targets.<name>.vendorEntity and the environment URL; mlc config check --online lists the entity sets the environment has',
  });
}

/** 401 with a fresh token or 403: Entra issued a token, F&O does not let it in. */
export function refused(status: number, what: string): MlcError {
  return new MlcError('auth_refused', `D365 refused the token for ${what} (HTTP ${status})`, {
    hint: 'Entra issued a token, but Finance and Operations does not accept it: enter the app\'s client id under System administration > Setup > Microsoft Entra applications, mapped to an F&O user with roles for vendors and financial dimensions, and check that `environment` is this environment\'s URL (the token audience)',
  });
}

/** An answer other than the expected one to a read: an outage for the run (exit 3), or a refusal (exit 4). */
export function readError(status: number, text: string, what: string): MlcError {
  if (status === 401 || status === 403) return refused(status, what);
  const body = errorBody(text);
  if (status === 404 && body?.message === 'Entity set not found.') return setupError(what, body.message);
  const words = body ? (body.inner ?? body.message) : text.trim().slice(0, 200);
  const code = status === 429 ? 'rate_limited' : 'http_status';
  return new MlcError(code, scrub(`D365 ${what}: HTTP ${status}${words ? ` ${words}` : ''}`), { retryable: status === 429 || status >= 500 });
}
