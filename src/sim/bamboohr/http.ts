// Request/response values passed between the server and the route handlers. Handlers return
// a SimResponse instead of writing to the socket, so recording, latency and faults live in
// one place (server.ts).
import { header, type SimRequest, type SimResponse } from '../common/http.js';

export type { SimRequest, SimResponse } from '../common/http.js';
export { header };

/** Header values must be Latin-1; anything else is replaced so the message still goes out. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * Classic BambooHR errors: empty body, message in `X-BambooHR-Error-Message` and in its
 * misspelled twin `x-bamboohr-error-messsage` (reference §5; n8n reads only the twin).
 */
export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  const safe = headerSafe(message);
  return { status, headers: { 'X-BambooHR-Error-Message': safe, 'x-bamboohr-error-messsage': safe, ...headers }, body: '' };
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(value) };
}

export function xmlResponse(status: number, xml: string): SimResponse {
  return { status, headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: xml };
}

export function textResponse(status: number, text: string, contentType = 'text/plain; charset=UTF-8'): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body: text };
}

/** XML is the default; JSON only when Accept names application/json (reference §1.2). */
export function wantsJson(req: SimRequest): boolean {
  const accept = header(req, 'accept') ?? '';
  return accept.split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === 'application/json');
}

export function negotiate(req: SimRequest, value: unknown, toXml: () => string): SimResponse {
  return wantsJson(req) ? jsonResponse(200, value) : xmlResponse(200, toXml());
}

export function bodyText(req: SimRequest): string {
  return req.body.toString('utf8');
}
