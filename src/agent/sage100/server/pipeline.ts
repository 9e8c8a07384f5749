// One path for every request: read the body (size cap), note whether the TLS peer
// presented a verified client certificate, let the simulator's intercept run around the
// handler if there is one, write the answer, and log one line per request with facts only
// (method, route, status, duration, counts): never keys, names, descriptions or secrets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import { readBody } from '../../../http/read-body.js';
import { ApiError, errorResponse } from '../protocol/errors.js';
import type { AgentHandler, AgentRequest, AgentResponse, Intercept } from './types.js';

export interface PipelineOptions {
  handler: AgentHandler;
  intercept?: Intercept | undefined;
  maxBodyBytes: number;
  logger: Logger;
}

function write(res: ServerResponse, r: AgentResponse): void {
  const payload = r.body ?? '';
  res.writeHead(r.status, { ...r.headers, 'Content-Length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

function toRequest(raw: IncomingMessage, body: Buffer): AgentRequest {
  const url = new URL(raw.url ?? '/', 'https://agent.invalid');
  const socket = raw.socket as TLSSocket;
  return { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body, clientCertVerified: socket.authorized === true };
}

export function pipeline(opts: PipelineOptions): (raw: IncomingMessage, res: ServerResponse) => Promise<void> {
  let seq = 0;
  return async (raw, res) => {
    const started = performance.now();
    const reqId = ++seq;
    const body = await readBody(raw, opts.maxBodyBytes);
    const req = toRequest(raw, body ?? Buffer.alloc(0));
    const answer: AgentHandler = async (r) => (body === undefined ? errorResponse(new ApiError(413, 'payload_too_large', `request bodies are limited to ${opts.maxBodyBytes} bytes`)) : opts.handler(r));
    const response = opts.intercept ? await opts.intercept(req, raw, answer) : await answer(req);
    const ms = Math.round(performance.now() - started);
    if (!response) {
      opts.logger.info({ reqId, method: req.method, status: 0, ms }, 'request');
      return;
    }
    write(res, response);
    opts.logger.info({ reqId, method: req.method, status: response.status, ms, ...response.log }, 'request');
  };
}
