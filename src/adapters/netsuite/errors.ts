// NetSuite's error document: RFC 7807-like with `o:errorDetails[{detail, o:errorCode,
// o:errorPath}]` (erps.md §4.5, doc section_156570709583). Classified into mlc's codes: a
// validation refusal parks the record with NetSuite's own words; auth and throttling stop
// the run; anything else fails the one record so the next run retries it.
import { MlcError } from '../../domain/errors.js';
import type { HttpResponse } from '../../http/client.js';
import { scrub } from '../../log/redact.js';

export interface NetSuiteErrorDetail {
  code: string | undefined;
  detail: string | undefined;
  path: string | undefined;
}

export function errorDetails(res: Pick<HttpResponse, 'text'>): NetSuiteErrorDetail[] {
  try {
    const doc = JSON.parse(res.text()) as { title?: unknown; 'o:errorDetails'?: Array<Record<string, unknown>>; error?: unknown; error_description?: unknown };
    const list = doc['o:errorDetails'];
    if (Array.isArray(list) && list.length > 0) {
      return list.map((d) => ({
        code: typeof d['o:errorCode'] === 'string' ? d['o:errorCode'] : undefined,
        detail: typeof d.detail === 'string' ? d.detail : undefined,
        path: typeof d['o:errorPath'] === 'string' ? d['o:errorPath'] : undefined,
      }));
    }
    if (typeof doc.error === 'string') {
      return [{ code: doc.error, detail: typeof doc.error_description === 'string' ? doc.error_description : undefined, path: undefined }];
    }
    if (typeof doc.title === 'string') return [{ code: undefined, detail: doc.title, path: undefined }];
  } catch {
    // not JSON: fall through
  }
  return [];
}

export function describe(details: NetSuiteErrorDetail[], status: number): string {
  if (details.length === 0) return `HTTP ${status}`;
  return details.map((d) => `${[d.code, d.detail].filter(Boolean).join(': ')}${d.path ? ` (at ${d.path})` : ''}`).join('; ');
}

/** Codes meaning "this record is invalid as sent": fix the data or the mapping, then replay. */
const REJECTIONS = new Set(['INVALID_KEY_OR_REF', 'USER_ERROR', 'INVALID_CONTENT', 'DUP_ENTITY', 'INVALID_FLD_VALUE', 'NONEXISTENT_ID', 'INVALID_PARAMETER']);

export function netsuiteError(res: HttpResponse, what: string): MlcError {
  const details = errorDetails(res);
  const text = scrub(`NetSuite ${what}: ${res.status === 400 || res.status === 404 ? '' : `HTTP ${res.status} `}${describe(details, res.status)}`);
  const codes = details.map((d) => d.code ?? '');
  const info = { status: res.status, codes };
  if (res.status === 401 || res.status === 403) {
    return new MlcError('auth_refused', text, { details: info, hint: 'check the integration record, the certificate id and the role of the NetSuite target' });
  }
  if (res.status === 429 || codes.includes('CONCURRENCY_LIMIT_EXCEEDED') || codes.includes('SSS_REQUEST_LIMIT_EXCEEDED')) {
    return new MlcError('rate_limited', `${text} (still refused after ${res.attempts} attempts)`, { retryable: true, details: info });
  }
  if ((res.status === 400 || res.status === 404) && (codes.some((c) => REJECTIONS.has(c)) || codes.length === 0)) {
    return new MlcError('record_rejected', text, { details: info });
  }
  return new MlcError('record_failed', text, { retryable: true, details: info });
}
