// SBA error answers, classified into mlc's codes. The error JSON of SBA is not documented
// publicly (erps.md §8 B.2); the shape read here is the simulator's assumption,
// `{"Error":{"Code","Message","Details":[{"Line","Field","Code","Message"}]}}`, and anything
// else falls back to the HTTP status (a 503 from http.sys is an HTML page, a 401 IIS's).
import { z } from 'zod';
import { MlcError } from '../../domain/errors.js';
import type { HttpResponse } from '../../http/client.js';
import { scrub } from '../../log/redact.js';

const Detail = z.looseObject({ Line: z.number().optional(), Field: z.string().optional(), Code: z.string().optional(), Message: z.string().optional() });
const ErrorBody = z.looseObject({ Error: z.looseObject({ Code: z.string().optional(), Message: z.string().optional(), Details: z.array(Detail).optional() }) });

export type GpErrorDetail = z.infer<typeof Detail>;

export interface GpErrorInfo {
  status: number;
  code: string | undefined;
  message: string;
  details: GpErrorDetail[];
}

export function errorInfo(res: Pick<HttpResponse, 'status' | 'text'>): GpErrorInfo {
  let parsed: z.infer<typeof ErrorBody> | undefined;
  try {
    const r = ErrorBody.safeParse(JSON.parse(res.text()));
    parsed = r.success ? r.data : undefined;
  } catch {
    parsed = undefined;
  }
  const e = parsed?.Error;
  return { status: res.status, code: e?.Code, message: e?.Message ?? `HTTP ${res.status}`, details: e?.Details ?? [] };
}

export function describeDetail(d: GpErrorDetail): string {
  return `${d.Line !== undefined ? `line ${d.Line} ` : ''}${d.Field ? `${d.Field}: ` : ''}${d.Message ?? d.Code ?? ''}`.trim();
}

export function describeError(e: GpErrorInfo): string {
  const details = e.details.map(describeDetail).filter(Boolean);
  return `${e.code ? `${e.code}: ` : ''}${e.message}${details.length ? ` (${details.join('; ')})` : ''}`;
}

/** Statuses that mean the configuration is wrong for this server (company, path, verb). */
const SETUP = new Set(['CompanyNotFound', 'TenantNotFound', 'MethodNotAllowed', 'CustomActionRequired', 'InvalidKey', 'InvalidFilter']);

/**
 * A failed SBA call as an MlcError. `write`: a per-record write, whose business refusals park
 * the record (400 and 409 with GP's words) and whose server failures leave it open (5xx).
 */
export function gpError(res: HttpResponse, what: string, system: string, opts: { write?: boolean } = {}): MlcError {
  const info = errorInfo(res);
  const text = scrub(`${system}: ${what}: ${res.status >= 500 ? `HTTP ${res.status} ` : ''}${describeError(info)}`);
  const details = { status: res.status, code: info.code ?? null, details: info.details };
  if (res.status === 401 || res.status === 403) {
    return new MlcError('auth_refused', text, { details, hint: `the Windows account must map to a GP user with access to the company and the security tasks of this service (README: GP setup)` });
  }
  // A 404 a caller did not expect (a wrong company or path; a missing record is the caller's
  // own case), a verb the resource lacks, a header or filter it wants otherwise: setup.
  if (res.status === 404 || res.status === 405 || (info.code && SETUP.has(info.code))) {
    return new MlcError('config_invalid', text, { details, hint: `check targets.${system}.company, tenant and paths against the server's /help page (mlc config check --online)` });
  }
  if (opts.write && (res.status === 400 || res.status === 409 || res.status === 413)) return new MlcError('record_rejected', text, { details });
  if (res.status === 429 || res.status === 503) return new MlcError('rate_limited', `${text} (still refused after ${res.attempts} attempts)`, { retryable: true, details });
  if (opts.write && res.status >= 500) return new MlcError('record_failed', text, { retryable: true, details });
  if (res.status >= 500 || res.status === 408) return new MlcError('unreachable', text, { retryable: true, details });
  return new MlcError('http_status', text, { details });
}

export function badJson(system: string, what: string, res: HttpResponse): MlcError {
  const type = res.headers['content-type'] ?? 'no content type';
  return new MlcError('bad_response', `${system}: ${what}: expected JSON, got ${type} (${res.body.length} bytes); is the path right and the .json suffix honoured?`, { retryable: true });
}
