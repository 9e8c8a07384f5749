// Request log for tests (`sim.requests`, GET /_sim/requests). Credentials never reach it:
// Authorization keeps only its scheme and client_secret values are blanked.
import type { SimRequest, SimResponse } from './http.js';
import type { RecordedRequest } from './options.js';

const MAX_BODY_CHARS = 65_536;

function clip(text: string): string {
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[truncated ${text.length - MAX_BODY_CHARS} chars]` : text;
}

function redactBody(text: string): string {
  return text
    .replace(/("client_secret"\s*:\s*")[^"]*"/g, '$1…"')
    .replace(/(^|&)(client_secret=)[^&]*/g, '$1$2…');
}

export function recordExchange(req: SimRequest, res: SimResponse | undefined): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    headers[k] = k === 'authorization' ? `${value.trim().split(/\s+/)[0] ?? ''} …` : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of req.query) query[k] = v;
  const record: RecordedRequest = {
    at: new Date().toISOString(),
    method: req.method,
    path: req.path,
    query,
    headers,
    status: res?.status ?? 0,
    responseHeaders: { ...(res?.headers ?? {}) },
  };
  if (req.body.length > 0) record.body = clip(redactBody(req.body.toString('utf8')));
  if (res?.body !== undefined && res.body.length > 0) record.responseBody = clip(res.body.toString());
  return record;
}
