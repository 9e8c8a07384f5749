// The agent's HTTPS listener: TLS 1.2+, its own certificate, optionally asking for a client
// certificate (verified against the configured CA; the per-request check is in auth.ts so
// a refusal is a readable 401 rather than a failed handshake), request/header/keep-alive
// timeouts, and a close() that ends kept-alive connections at once.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HttpsOptions {
  certPem: string;
  keyPem: string;
  /** PEM bundle of the CA(s) that issue client certificates; set = mutual TLS on. */
  clientCaPem?: string;
  host: string;
  port: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface HttpsListening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listenHttps(
  opts: HttpsOptions,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onError: (err: unknown, res: ServerResponse) => void,
): Promise<HttpsListening> {
  const server = createServer({
    cert: opts.certPem,
    key: opts.keyPem,
    minVersion: 'TLSv1.2',
    ...(opts.clientCaPem ? { ca: opts.clientCaPem, requestCert: true, rejectUnauthorized: false } : {}),
    requestTimeout: opts.requestTimeoutMs,
    headersTimeout: opts.headersTimeoutMs,
    keepAliveTimeout: opts.keepAliveTimeoutMs,
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) onError(err, res);
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Plain HTTP, scanners and failed handshakes end here; the socket is destroyed by Node.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      server.close();
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
