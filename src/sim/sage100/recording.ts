// Request log for tests (`sim.requests`, GET /_sim/requests): the API key never reaches it.
import type { AgentRequest, AgentResponse } from '../../agent/sage100/server/types.js';
import type { RecordedRequest } from './types.js';

const MAX_BODY_CHARS = 65_536;
const clip = (text: string): string => (text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[truncated]` : text);

export function recordExchange(req: AgentRequest, res: AgentResponse | undefined): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = k === 'x-api-key' ? '…' : Array.isArray(v) ? v.join(', ') : v;
  }
  const record: RecordedRequest = { at: new Date().toISOString(), method: req.method, path: req.path, query: Object.fromEntries(req.query), status: res?.status ?? 0, headers };
  if (req.body.length > 0) record.body = clip(req.body.toString('utf8'));
  if (res?.body !== undefined && res.body.length > 0) record.responseBody = clip(res.body.toString());
  return record;
}
