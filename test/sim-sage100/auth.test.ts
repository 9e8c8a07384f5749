// Authentication (API key, mutual TLS), HTTPS only, and the certificate that mlc pins.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { request } from 'undici';
import { afterAll, describe, expect, test } from 'vitest';
import { startSage100Sim } from '../../src/sim/sage100/index.js';
import { call, closeAgents } from './helpers.js';

afterAll(closeAgents);

async function issuer(name: string) {
  const ca = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }],
  });
  const client = await generate([{ name: 'commonName', value: `${name} client` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }, { name: 'extKeyUsage', clientAuth: true }],
  });
  return { caPem: ca.cert, client: { cert: client.cert, key: client.private } };
}

describe('API key', () => {
  test('the right key passes; a wrong or missing key is 401 unauthorized, before any routing', async () => {
    const sim = await startSage100Sim({ apiKey: 'k'.repeat(43) });
    try {
      expect((await call(sim, 'GET', '/v1/info')).status).toBe(200);
      for (const apiKey of [null, '', 'k'.repeat(42), 'x'.repeat(43), 'K'.repeat(43), `${'k'.repeat(43)}k`]) {
        const r = await call(sim, 'GET', '/v1/tables/GL_Account', { apiKey });
        expect([r.status, r.body.error.code, r.headers['www-authenticate']]).toEqual([401, 'unauthorized', 'ApiKey header="X-Api-Key"']);
      }
      expect((await call(sim, 'GET', '/v1/nowhere', { apiKey: null })).status).toBe(401);
      expect(sim.requests.every((r) => r.headers['x-api-key'] === undefined || r.headers['x-api-key'] === '…')).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe('mutual TLS', () => {
  test('a client certificate from the configured CA passes; none, or one from another CA, is 401', async () => {
    const good = await issuer('mlc clients');
    const other = await issuer('someone else');
    const sim = await startSage100Sim({ mtlsCaPem: good.caPem, requireApiKey: false });
    try {
      const ok = await call(sim, 'GET', '/v1/info', { apiKey: null, cert: good.client });
      expect([ok.status, ok.body.auth.methods, ok.body.tls.clientCertificates]).toEqual([200, ['mtls'], 'required']);
      expect((await call(sim, 'GET', '/v1/info', { apiKey: null })).status).toBe(401);
      const foreign = await call(sim, 'GET', '/v1/info', { apiKey: null, cert: other.client });
      expect([foreign.status, foreign.body.error.message]).toEqual([401, 'a client certificate issued by the configured CA is required']);
    } finally {
      await sim.close();
    }
  });

  test('with both configured, both are required', async () => {
    const good = await issuer('mlc clients');
    const sim = await startSage100Sim({ mtlsCaPem: good.caPem });
    try {
      expect((await call(sim, 'GET', '/v1/info', { cert: good.client })).status).toBe(200);
      expect((await call(sim, 'GET', '/v1/info', { apiKey: null, cert: good.client })).status).toBe(401);
      expect((await call(sim, 'GET', '/v1/info')).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});

describe('HTTPS and the certificate', () => {
  test('plain http to the agent gets no HTTP answer', async () => {
    const sim = await startSage100Sim();
    try {
      await expect(request(`http://127.0.0.1:${sim.port}/v1/info`, { headers: { 'x-api-key': sim.apiKey } })).rejects.toThrow();
      expect(sim.requests).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  test('the certificate covers 127.0.0.1, its fingerprint is SHA-256 over the DER, and it is stable across restarts with the same folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sage100-cert-'));
    try {
      const first = await startSage100Sim({ dir });
      const { fingerprint, certPem } = first;
      await first.close();
      const x509 = new X509Certificate(certPem);
      expect(fingerprint).toBe(x509.fingerprint256);
      expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
      if (process.platform !== 'win32') expect((await stat(join(dir, 'agent-key.pem'))).mode & 0o077).toBe(0);

      const second = await startSage100Sim({ dir });
      try {
        expect(second.fingerprint).toBe(fingerprint);
        expect((await call(second, 'GET', '/v1/info')).body.tls.fingerprint256).toBe(fingerprint);
      } finally {
        await second.close();
      }
      const elsewhere = await startSage100Sim();
      await elsewhere.close();
      expect(elsewhere.fingerprint).not.toBe(fingerprint);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
