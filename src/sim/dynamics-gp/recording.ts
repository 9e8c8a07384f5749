// Request log for tests (`sim.requests`, GET /_sim/requests). NTLM tokens never reach it:
// Authorization keeps its scheme only ("NTLM …"); each entry names its TCP connection and,
// once logged on, the Windows user, because NTLM authenticates connections.
import type { GpResponse, SimRequest } from './http.js';
import type { RecordedRequest } from './types.js';

const MAX_BODY_CHARS = 65_536;

const clip = (text: string): string => (text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[truncated]` : text);

export function recordExchange(req: SimRequest, res: GpResponse | undefined, connection: number, user: string | undefined): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    headers[k] = k === 'authorization' ? `${value.trim().split(/\s+/)[0] ?? ''} …` : value;
  }
  const record: RecordedRequest = { at: new Date().toISOString(), method: req.method, path: req.path, query: Object.fromEntries(req.query), status: res?.status ?? 0, headers, connection };
  if (user !== undefined) record.user = user;
  if (req.body.length > 0) record.body = clip(req.body.toString('utf8'));
  if (res?.body !== undefined && res.body.length > 0) record.responseBody = clip(res.body.toString());
  return record;
}
