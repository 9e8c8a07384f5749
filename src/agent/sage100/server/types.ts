// What the HTTP layer hands to the protocol and gets back: a request whose body is already
// read (with the size cap) and whose TLS peer is already known, and a response value. The
// shapes match src/sim/common's SimRequest/SimResponse, so the simulator can wrap the
// agent's handler (faults, latency, recording) without the agent knowing about it.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface AgentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The client certificate was presented and verified against the configured CA. */
  clientCertVerified: boolean;
}

export interface AgentResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Facts for the request log line (never values: no names, descriptions or keys). */
  log?: Record<string, unknown>;
}

export type AgentHandler = (req: AgentRequest) => Promise<AgentResponse>;

/**
 * Runs around the agent's handler. Returns the response to send, or undefined when it took
 * the connection over (a simulated reset). Used by the simulator only.
 */
export type Intercept = (req: AgentRequest, raw: IncomingMessage, next: AgentHandler) => Promise<AgentResponse | undefined>;

export function headerValue(req: AgentRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
