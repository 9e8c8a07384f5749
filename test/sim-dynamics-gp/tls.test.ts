// HTTPS with a self-signed certificate (selfsigned): the handle exposes the PEM and its SHA-256
// fingerprint for the adapter to pin or to use as its CA file; NTLM works over TLS the same way.
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGpSim, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { companyPath, Conn } from './helpers.js';

let sim: GpSim;

beforeAll(async () => {
  sim = await startGpSim({ tls: true });
});
afterAll(() => sim.close());

function peerFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(s.getPeerX509Certificate()?.fingerprint256 ?? '');
      s.end();
    });
    s.on('error', reject);
  });
}

describe('https', () => {
  it('serves the certificate the handle names (pin by SHA-256 fingerprint)', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tls = sim.tls;
    expect(tls?.certPem).toContain('BEGIN CERTIFICATE');
    expect(tls?.fingerprint256).toBe(new X509Certificate(tls?.certPem ?? '').fingerprint256);
    expect(await peerFingerprint(sim.port)).toBe(tls?.fingerprint256);
  });

  it('is refused by a client that does not trust it, and works with the PEM as CA, NTLM included', async () => {
    const untrusting = new Conn(sim);
    await expect(untrusting.raw('GET', '/GPService/Tenants(DefaultTenant)/help')).rejects.toThrow();
    await untrusting.close();
    const c = new Conn(sim, sim.tls?.certPem);
    try {
      const a = await c.handshake('GET', companyPath(sim, 'Purchasing/Vendors.json'));
      expect(a.status, a.text).toBe(200);
      expect((await c.raw('GET', companyPath(sim, 'Purchasing/Vendors.json'))).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('a reset fault drops the TLS connection; the next one handshakes again', async () => {
    const c = new Conn(sim, sim.tls?.certPem);
    const path = companyPath(sim, 'Purchasing/Vendors.json');
    try {
      expect((await c.handshake('GET', path)).status).toBe(200);
      sim.setFaults({ failNext: [{ status: 'reset' }] });
      await expect(c.raw('GET', path)).rejects.toThrow();
      expect((await c.raw('GET', path)).status).toBe(401);
      expect((await c.handshake('GET', path)).status).toBe(200);
    } finally {
      sim.setFaults(undefined);
      await c.close();
    }
  });

  it('can be given a certificate instead of generating one', async () => {
    const pems = await generate([{ name: 'commonName', value: 'gp.example.test' }], { keySize: 2048, algorithm: 'sha256' });
    const own = await startGpSim({ tls: { certPem: pems.cert, keyPem: pems.private } });
    try {
      expect(own.tls?.fingerprint256).toBe(new X509Certificate(pems.cert).fingerprint256);
      expect(await peerFingerprint(own.port)).toBe(own.tls?.fingerprint256);
    } finally {
      await own.close();
    }
  });
});
