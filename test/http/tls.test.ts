// Trusting a self-signed server by its pinned fingerprint (src/http/tls.ts), over real TLS on
// 127.0.0.1: every new connection is checked, including those after the first (which undici
// would otherwise resume from a cached TLS session that presents no certificate), and a wrong
// pin refuses the connection as an authentication failure.
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedAgent } from '../../src/http/tls.js';

let server: Server;
let url: string;
let fingerprint: string;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'tls-test' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
  fingerprint = new X509Certificate(pems.cert).fingerprint256;
  server = createServer({ cert: pems.cert, key: pems.private }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('pinned fingerprint', () => {
  it('accepts the pinned certificate on every new connection, not only the first', async () => {
    const agent = trustedAgent('test', { pinSha256: fingerprint.replaceAll(':', '').toLowerCase() });
    try {
      for (let i = 0; i < 4; i++) {
        const res = await request(url, { dispatcher: agent, headers: { connection: 'close' } });
        expect(await res.body.text()).toBe('ok');
      }
    } finally {
      await agent.close();
    }
  });

  it('refuses another certificate as auth_refused, naming the fingerprint it saw', async () => {
    const agent = trustedAgent('test', { pinSha256: 'AB'.repeat(32) });
    try {
      const err = await request(url, { dispatcher: agent }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'auth_refused' });
      expect(String((err as Error).message)).toContain(fingerprint);
    } finally {
      await agent.close();
    }
  });
});
