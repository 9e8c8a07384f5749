// Request log (`sim.requests`, GET /_sim/requests) with no credentials in it: Authorization
// keeps its scheme, form fields client_secret / client_assertion and the issued access_token
// are blanked.
import type { SimRequest, SimResponse } from './http.js';
import type { RecordedRequest } from './types.js';

const MAX_BODY_CHARS = 65_536;
const SECRET_FIELDS = /(^|&)(client_secret|client_assertion)=[^&]*/g;

const clip = (text: string): string => (text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[truncated]` : text);

function blankHeaders(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(req.headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name] = name === 'authorization' ? `${value.trim().split(/\s+/)[0] ?? ''} …` : value;
  }
  return out;
}

export function recordExchange(req: SimRequest, res: SimResponse | undefined): RecordedRequest {
  const entry: RecordedRequest = {
    at: new Date().toISOString(),
    method: req.method,
    path: req.path,
    query: Object.fromEntries(req.query),
    status: res?.status ?? 0,
    headers: blankHeaders(req),
  };
  if (req.body.length > 0) entry.body = clip(req.body.toString('utf8').replace(SECRET_FIELDS, '$1$2=…'));
  if (res?.body !== undefined && res.body.length > 0) entry.responseBody = clip(res.body.toString().replace(/("access_token"\s*:\s*")[^"]*"/g, '$1…"'));
  return entry;
}
