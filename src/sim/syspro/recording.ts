// Request log for tests (`sim.requests`, GET /_sim/requests). Secrets never reach it: the
// operator and company passwords are blanked, and a session id (a bearer secret: whoever
// holds it acts as the operator) becomes `…#<n>`, its sequence number, so a test can still
// tell "the retry used a new session" apart.
import { decodeCp1252 } from './cp1252.js';
import type { SimRequest, SimResponse } from './http.js';
import type { RecordedRequest } from './types.js';

const MAX_CHARS = 65_536;
const SECRET_PARAMS = new Set(['operatorpassword', 'companypassword']);

/** A session id as Logon hands it out (34 hex digits and two spaces, erps.md §1.3). */
const SESSION_ID = /[0-9A-F]{34} {2}/g;

const clip = (text: string): string => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…[truncated]` : text);

export type SessionAlias = (userId: string) => string;

export function recordExchange(req: SimRequest, res: SimResponse | undefined, alias: SessionAlias): RecordedRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of req.query) {
    const name = k.toLowerCase();
    query[k] = SECRET_PARAMS.has(name) ? '…' : name === 'userid' ? alias(v) : clip(v);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = k === 'authorization' || k === 'cookie' ? '…' : Array.isArray(v) ? v.join(', ') : v;
  }
  const record: RecordedRequest = { at: new Date().toISOString(), method: req.method, path: req.path, query, status: res?.status ?? 0, headers };
  const body = res?.body === undefined ? '' : typeof res.body === 'string' ? res.body : decodeCp1252(res.body);
  if (body.length > 0) record.responseBody = clip(body.replace(SESSION_ID, alias));
  return record;
}
