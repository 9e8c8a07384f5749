// BambooHR's error formats and content checks. Classic endpoints put the message in a header
// and leave the body empty: X-BambooHR-Error-Message, its misspelled twin
// x-bamboohr-error-messsage (n8n reads only that one) and X-BambooHR-Message; newer
// endpoints answer RFC 7807 problem+json (reference/bamboohr.md §5). We read them all.
import { MlcError } from '../../domain/errors.js';
import type { HttpResponse } from '../../http/client.js';
import { scrub } from '../../log/redact.js';

const ERROR_HEADERS = ['x-bamboohr-error-message', 'x-bamboohr-error-messsage', 'x-bamboohr-message'];

export function bambooErrorMessage(res: Pick<HttpResponse, 'headers' | 'text'>): string | undefined {
  for (const h of ERROR_HEADERS) {
    const v = res.headers[h];
    if (v) return v;
  }
  const body = res.text().trim();
  if (body === '') return undefined;
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const err = j.error;
    const listed = errorList(j.errors);
    if (listed) return listed;
    if (typeof j.detail === 'string' || typeof j.title === 'string') return problemText(j);
    if (typeof err === 'string') return typeof j.error_description === 'string' ? `${err}: ${j.error_description}` : err;
    if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  } catch {
    // not JSON: a short plain-text body is a message, a page is not
  }
  return body.length <= 200 && !body.startsWith('<') ? body : undefined;
}

/**
 * An RFC 7807 problem (datasets, spec ProblemDetailsResponse): "title: detail", then the
 * application `code` and the per-field messages, which say what to change.
 */
function problemText(j: Record<string, unknown>): string {
  const parts = [j.title, j.detail].filter((x): x is string => typeof x === 'string' && x !== '');
  let text = parts.join(': ');
  if (typeof j.code === 'string' && j.code !== '') text += ` [${j.code}]`;
  const fields = j.fields && typeof j.fields === 'object' && !Array.isArray(j.fields) ? Object.entries(j.fields as Record<string, unknown>) : [];
  if (fields.length > 0) text += ` (${fields.map(([k, v]) => `${k}: ${String(v)}`).join('; ')})`;
  return text;
}

/** `{"errors": [{"error": "Invalid request body", "issues": ["url: must begin with https://"]}]}` (webhook endpoints). */
function errorList(errors: unknown): string | undefined {
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) return errorList([errors]); // {"errors":{"error":"…"}}
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const one = (e: unknown): string => {
    if (typeof e === 'string') return e;
    const { error, message, issues } = (e ?? {}) as { error?: unknown; message?: unknown; issues?: unknown };
    const head = typeof error === 'string' ? error : typeof message === 'string' ? message : JSON.stringify(e);
    return Array.isArray(issues) && issues.length ? `${head}: ${issues.map(String).join('; ')}` : head;
  };
  return errors.map(one).join('; ');
}

/** Turn a non-2xx answer into a typed error. `what` is like "GET /api/v1/employees/changed". */
export function bambooHttpError(res: HttpResponse, what: string): MlcError {
  const vendor = bambooErrorMessage(res);
  const text = scrub(`BambooHR ${what}: HTTP ${res.status}${vendor ? ` ${vendor}` : ''}`);
  const details = { status: res.status, requestId: res.headers['x-request-id'] ?? res.headers['x-bamboohr-request-id'] };
  if (res.status === 401) {
    return new MlcError('auth_refused', text, { details, hint: 'check the API key (`mlc auth set bamboohr api_key`) or run `mlc auth login bamboohr` again' });
  }
  if (res.status === 403) {
    return new MlcError('auth_refused', text, { details, hint: "the key's user lacks permission for this; grant access in BambooHR" });
  }
  if (res.status === 429 || res.status === 503) {
    return new MlcError('rate_limited', `${text} (still throttled after ${res.attempts} attempts)`, { retryable: true, details });
  }
  return new MlcError('http_status', text, { retryable: res.status >= 500, details });
}

/**
 * The body as JSON, refusing what is not: XML (BambooHR's default when Accept is lost on the
 * way, reference §1.2), an HTML error page from a proxy, or a truncated document.
 */
/** Refuses an answer that is not JSON (XML, an HTML page, an empty body), looking only at its start. */
export function expectJsonAnswer(res: HttpResponse, what: string): void {
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  const head = res.body.toString('utf8', 0, Math.min(res.body.length, 400)).trimStart().slice(0, 200);
  if (type.includes('xml') || head.startsWith('<?xml') || (head.startsWith('<') && !/^<(!doctype html|html)/i.test(head))) {
    throw new MlcError('bad_response', `BambooHR ${what} answered XML (${type || 'no content type'}) where JSON was expected; something between mlc and BambooHR may have dropped the Accept: application/json header`);
  }
  if (type.includes('html') || /^<(!doctype html|html)/i.test(head)) expectJson(res, what); // the page's title, from the whole text
  if (head === '') throw new MlcError('bad_response', `BambooHR ${what} answered an empty body where JSON was expected`, { retryable: true });
}

/** A JSON answer that did not parse: maybe cut short on the way. */
export function malformedJson(res: HttpResponse, what: string, err: unknown): MlcError {
  const declared = res.headers['content-length'];
  const short = declared !== undefined && Number(declared) > res.body.length ? ` (got ${res.body.length} of ${declared} bytes)` : '';
  return new MlcError('bad_response', `BambooHR ${what} answered malformed JSON${short}: ${(err as Error).message}; the answer may be truncated`, { retryable: true });
}

export function expectJson(res: HttpResponse, what: string): unknown {
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  const body = res.text();
  // The start only: trimming a whole table answer copied it twice more.
  const head = body.slice(0, 400).trimStart().slice(0, 200);
  if (type.includes('xml') || head.startsWith('<?xml') || (head.startsWith('<') && !/^<(!doctype html|html)/i.test(head))) {
    throw new MlcError('bad_response', `BambooHR ${what} answered XML (${type || 'no content type'}) where JSON was expected; something between mlc and BambooHR may have dropped the Accept: application/json header`);
  }
  if (type.includes('html') || /^<(!doctype html|html)/i.test(head)) {
    const title = /<title>([^<]{0,80})/i.exec(body)?.[1]?.trim();
    throw new MlcError('bad_response', `BambooHR ${what} answered an HTML page${title ? ` ("${title}")` : ''} where JSON was expected (HTTP ${res.status}); a proxy or captive portal may be in the way`, { retryable: true });
  }
  if (head === '' && !/\S/.test(body)) throw new MlcError('bad_response', `BambooHR ${what} answered an empty body where JSON was expected`, { retryable: true });
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    const declared = res.headers['content-length'];
    const short = declared !== undefined && Number(declared) > Buffer.byteLength(body) ? ` (got ${Buffer.byteLength(body)} of ${declared} bytes)` : '';
    throw new MlcError('bad_response', `BambooHR ${what} answered malformed JSON${short}: ${(err as Error).message}; the answer may be truncated`, { retryable: true });
  }
}
