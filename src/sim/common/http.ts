// Request and response values passed between a simulator's server and its handlers: handlers
// return a SimResponse instead of writing to the socket, so recording, latency and faults
// live in one place per simulator.
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
