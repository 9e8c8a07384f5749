// Plain HTTP or HTTPS on loopback. SBA is normally served over TLS with the site's
// certificate (erps.md §3.1); the adapter trusts it by CA file or pinned SHA-256 fingerprint,
// so the simulator can generate a self-signed one (selfsigned) and exposes its PEM and
// fingerprint. HTTPS reuses the common HTTP server: a TLS listener hands each decrypted
// socket to it, which keeps one request pipeline and one close() for both modes.
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { generate } from 'selfsigned';
import { listenHttp, type Listening } from '../common/listen.js';
import type { GpTlsOptions } from './types.js';

export interface Transport {
  port: number;
  tls?: { certPem: string; fingerprint256: string };
  /** Ends every client connection (NTLM logins with them). */
  dropConnections(): void;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const onError = (_err: unknown, res: ServerResponse): void => {
  res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"Error":{"Code":"InternalError","Message":"An unexpected error occurred."}}');
};

async function certificate(o: GpTlsOptions): Promise<{ cert: string; key: string }> {
  if (o.certPem && o.keyPem) return { cert: o.certPem, key: o.keyPem };
  const cn = o.commonName ?? 'gpsba01.contoso.local';
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: cn }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function plain(l: Listening, keepAliveTimeoutMs: number): Transport {
  l.server.keepAliveTimeout = keepAliveTimeoutMs;
  return { port: l.port, dropConnections: () => l.server.closeAllConnections(), close: () => l.close() };
}

export async function listenGp(handler: Handler, host: string, port: number, keepAliveTimeoutMs: number, tls: GpTlsOptions | undefined): Promise<Transport> {
  if (!tls) return plain(await listenHttp(handler, onError, host, port), keepAliveTimeoutMs);
  const { cert, key } = await certificate(tls);
  // The inner HTTP server only ever sees sockets the TLS listener hands it; its own port is closed at once.
  const inner = await listenHttp(handler, onError, '127.0.0.1', 0);
  inner.server.close();
  inner.server.keepAliveTimeout = keepAliveTimeoutMs;
  const raw = new Set<Socket>();
  const front = createTlsServer({ cert, key }, (s) => inner.server.emit('connection', s));
  front.on('connection', (s: Socket) => {
    raw.add(s);
    s.on('close', () => raw.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  const address = front.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    tls: { certPem: cert, fingerprint256: new X509Certificate(cert).fingerprint256 },
    dropConnections: () => inner.server.closeAllConnections(),
    async close() {
      front.close();
      for (const s of raw) s.destroy();
      await inner.close();
    },
  };
}
