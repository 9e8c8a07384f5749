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
import { listenHttp, resetConnection, type Listening } from '../common/listen.js';
import type { GpTlsOptions } from './types.js';

export interface Transport {
  port: number;
  tls?: { certPem: string; fingerprint256: string };
  /** Ends every client connection but `keep` (NTLM logins go with them). */
  dropConnections(keep?: object): void;
  /** TCP reset of the request's connection, no answer. */
  reset(req: IncomingMessage): void;
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

/** The sockets the HTTP server serves (for TLS: the decrypted ones it is handed). */
function track(l: Listening): (keep?: object) => void {
  const sockets = new Set<Socket>();
  l.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return (keep) => {
    for (const s of sockets) if (s !== keep) s.destroy();
  };
}

function plain(l: Listening, keepAliveTimeoutMs: number): Transport {
  l.server.keepAliveTimeout = keepAliveTimeoutMs;
  return { port: l.port, dropConnections: track(l), reset: resetConnection, close: () => l.close() };
}

export async function listenGp(handler: Handler, host: string, port: number, keepAliveTimeoutMs: number, tls: GpTlsOptions | undefined): Promise<Transport> {
  if (!tls) return plain(await listenHttp(handler, onError, host, port), keepAliveTimeoutMs);
  const { cert, key } = await certificate(tls);
  // The inner HTTP server only ever sees sockets the TLS listener hands it; its own port is closed at once.
  const inner = await listenHttp(handler, onError, '127.0.0.1', 0);
  inner.server.close();
  inner.server.keepAliveTimeout = keepAliveTimeoutMs;
  const dropConnections = track(inner);
  const raw = new Set<Socket>();
  // A TLS socket cannot be reset itself (ERR_INVALID_HANDLE_TYPE): the TCP socket under it is.
  const byPeer = new Map<string, Socket>();
  const underlying = new WeakMap<object, Socket>();
  const peer = (s: Socket): string => `${s.remoteAddress ?? ''}:${s.remotePort ?? 0}`;
  const front = createTlsServer({ cert, key }, (s) => {
    const tcp = byPeer.get(peer(s));
    if (tcp) underlying.set(s, tcp);
    inner.server.emit('connection', s);
  });
  front.on('connection', (s: Socket) => {
    raw.add(s);
    byPeer.set(peer(s), s);
    s.on('close', () => {
      raw.delete(s);
      byPeer.delete(peer(s));
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  const address = front.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    tls: { certPem: cert, fingerprint256: new X509Certificate(cert).fingerprint256 },
    dropConnections,
    reset: (req) => {
      const tcp = underlying.get(req.socket);
      if (tcp) tcp.resetAndDestroy();
      else req.socket.destroy();
    },
    async close() {
      front.close();
      for (const s of raw) s.destroy();
      await inner.close();
    },
  };
}
