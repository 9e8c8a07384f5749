// Answers and errors of the SBA simulator. SBA's error JSON is NOT FOUND (erps.md §8 B.2), so
// the body shape here is an assumption, kept in one place: {"Error":{"Code","Message","Details"?}}.
// Resources answer JSON when the path ends in `.json` and XML otherwise (erps.md §3.2).
import { XMLBuilder } from 'fast-xml-parser';
import type { SimRequest, SimResponse } from '../common/http.js';
import type { Format } from './url.js';

export type { SimRequest } from '../common/http.js';
export type { Format } from './url.js';

/** A SimResponse that may carry several WWW-Authenticate challenges (IIS sends one header each). */
export interface GpResponse extends SimResponse {
  challenges?: string[];
}

export interface ErrorDetail {
  /** 1-based journal line, when the problem belongs to one. */
  Line?: number;
  Field?: string;
  Code: string;
  Message: string;
}

/** A failure any handler can throw; the server renders it in the request's format. */
export class GpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const xml = new XMLBuilder({ ignoreAttributes: true, format: false, arrayNodeName: 'Item' });

function render(status: number, value: unknown, format: Format, headers: Record<string, string> = {}): GpResponse {
  if (format === 'json') return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
  const root = Array.isArray(value) ? { Item: value } : value;
  return { status, headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers }, body: `<?xml version="1.0" encoding="utf-8"?>${xml.build({ Response: root }) as string}` };
}

/** Success bodies are wrapped like request bodies: {"Payload": …} (assumption, erps.md §3.2). */
export function payloadResponse(status: number, payload: unknown, format: Format, headers: Record<string, string> = {}): GpResponse {
  return render(status, { Payload: payload }, format, headers);
}

export function emptyResponse(status = 204, headers: Record<string, string> = {}): GpResponse {
  return { status, headers };
}

export function errorResponse(err: GpError, format: Format): GpResponse {
  const error: Record<string, unknown> = { Code: err.code, Message: err.message };
  if (err.details.length > 0) error['Details'] = err.details;
  return render(err.status, { Error: error }, format, err.headers);
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): GpResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body: html };
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The body's `Payload` object (erps.md §3.2: request bodies are `{"Payload": {…}}`). */
export function payloadOf(req: SimRequest): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new GpError(400, 'InvalidRequest', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Payload' in parsed)) {
    throw new GpError(400, 'InvalidRequest', 'The request body must be an object of the form {"Payload": {…}}.');
  }
  const extra = Object.keys(parsed).filter((k) => k !== 'Payload');
  if (extra.length > 0) throw new GpError(400, 'InvalidRequest', `Unexpected member(s) beside Payload: ${extra.join(', ')}.`);
  return (parsed as { Payload: unknown }).Payload;
}
