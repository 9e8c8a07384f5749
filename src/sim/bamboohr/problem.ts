// RFC 7807 problem answers of the datasets endpoints (reference §2.4, §5: `{type, title,
// status, detail, instance, code, fields}` plus an `X-Request-ID` correlation header). The v1.2
// endpoints declare `application/problem+json`; v2 declares `application/json` while calling its
// errors RFC 7807 compliant, so the v2 media type is a setting (DatasetSettings.problemType).
import { randomUUID } from 'node:crypto';
import { SimError } from './company-inputs.js';
import { header, type SimRequest, type SimResponse } from './http.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Content Too Large',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** Echoes the caller's X-Request-ID, or makes one (spec: "Echoes the client-provided value or a generated identifier"). */
export function requestId(req: SimRequest): string {
  return header(req, 'x-request-id') ?? randomUUID();
}

export interface Problem {
  status: number;
  detail: string;
  code?: string;
  fields?: Record<string, string>;
}

/** A SimError that carries the problem's extra members. */
export class ProblemError extends SimError {
  constructor(readonly problem: Problem) {
    super(problem.status, problem.detail);
  }
}

export function problemResponse(req: SimRequest, p: Problem, contentType: string): SimResponse {
  const body = {
    type: 'about:blank',
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    instance: req.path,
    ...(p.code ? { code: p.code } : {}),
    ...(p.fields ? { fields: p.fields } : {}),
  };
  return { status: p.status, headers: { 'Content-Type': contentType, 'X-Request-ID': requestId(req) }, body: JSON.stringify(body) };
}

/** Runs a handler, turning what it throws into a problem answer rather than a classic header error. */
export async function asProblem(req: SimRequest, contentType: string, run: () => SimResponse | Promise<SimResponse>): Promise<SimResponse> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ProblemError) return problemResponse(req, err.problem, contentType);
    if (err instanceof SimError) return problemResponse(req, { status: err.status, detail: err.message }, contentType);
    throw err;
  }
}
