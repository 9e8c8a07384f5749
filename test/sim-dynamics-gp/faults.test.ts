// Fault injection and latency (DESIGN §6): failNext entries, a seeded rate, resets that take
// the NTLM login with the connection, reauth (401 on a logged-on connection), dropped
// connections, afterWrite, and the request log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGpSim, type GpFaults, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { challenges, companyPath, Conn, errorOf, loggedIn, type Answer } from './helpers.js';

let sim: GpSim;
let vendors: string;
const open: Conn[] = [];
async function session(s: GpSim = sim): Promise<Conn> {
  const c = await loggedIn(s);
  open.push(c);
  return c;
}

beforeAll(async () => {
  sim = await startGpSim();
  vendors = companyPath(sim, 'Purchasing/Vendors.json');
});
afterEach(() => {
  sim.setFaults(undefined);
  sim.setLatency(0);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await sim.close();
});

/** A request that may hit a connection the server has just closed: one retry on a socket error. */
async function tolerant(c: Conn, method: string, path: string): Promise<Answer> {
  try {
    return await c.raw(method, path);
  } catch {
    return c.raw(method, path);
  }
}

describe('failNext', () => {
  it('500 answers the GP error body once, then the service is back', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 500, pathPrefix: '/GPService/' }] });
    const a = await c.raw('GET', vendors);
    expect(a.status).toBe(500);
    expect(errorOf(a).Code).toBe('InternalError');
    expect((await c.raw('GET', vendors)).status).toBe(200);
  });

  it("503 is http.sys's HTML page; Retry-After only when asked", async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 503 }, { status: 503, retryAfterSec: 7 }] });
    const first = await c.raw('GET', vendors);
    expect(first.status).toBe(503);
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    expect(first.headers['retry-after']).toBeUndefined();
    expect((await c.raw('GET', vendors)).headers['retry-after']).toBe('7');
  });

  it('matches method and path prefix, in order, `times` times', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 500, method: 'POST', times: 2 }] });
    expect((await c.raw('GET', vendors)).status).toBe(200);
    const body = { Payload: { VendorId: 'F-1', Name: 'Faulty' } };
    expect((await c.raw('POST', vendors, { body })).status).toBe(500);
    expect((await c.raw('POST', vendors, { body })).status).toBe(500);
    expect((await c.raw('POST', vendors, { body })).status).toBe(201);
  });

  it('a list of methods takes the first request of any of them ("the next write"), once', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 400, method: ['POST', 'PATCH'], pathPrefix: vendors.replace(/\.json$/, ''), message: 'Refused.' }] });
    expect((await c.raw('GET', vendors)).status).toBe(200);
    const patch = await c.raw('PATCH', vendors.replace(/\.json$/, '(ACME-OFFICE).json'), { body: { Payload: { Comment1: 'x' } } });
    expect(patch.status).toBe(400);
    expect(errorOf(patch).Message).toBe('Refused.');
    expect((await c.raw('POST', vendors, { body: { Payload: { VendorId: 'F-3', Name: 'Next' } } })).status).toBe(201);
  });

  it('afterWrite: the write happens, the answer is a failure (a client must look before it retries)', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 500, method: 'POST', afterWrite: true }] });
    const a = await c.raw('POST', vendors, { body: { Payload: { VendorId: 'F-2', Name: 'Written anyway' } } });
    expect(a.status).toBe(500);
    expect(sim.store().vendors.get('F-2')?.Name).toBe('Written anyway');
  });

  it('reset drops the connection without an answer; the login goes with it', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 'reset' }] });
    await expect(c.raw('GET', vendors)).rejects.toThrow();
    expect(sim.requests.at(-1)).toMatchObject({ status: 0, user: 'CONTOSO\\svc-mlc' });
    const next = await c.raw('GET', vendors);
    expect(next.status).toBe(401);
    expect(sim.requests.at(-1)?.connection).not.toBe(sim.requests.at(-2)?.connection);
    expect((await c.handshake('GET', vendors)).status).toBe(200);
  });

  it('reauth never hits the request carrying the Type 3: the logon it just made holds', async () => {
    const c = new Conn(sim);
    open.push(c);
    sim.setFaults({ seed: 1, rate: 1, kinds: ['reauth'] });
    expect((await c.handshake('GET', vendors)).status).toBe(200);
    expect((await c.raw('GET', vendors)).status).toBe(401);
  });

  it('reauth answers 401 on a logged-on connection; a new handshake on it succeeds', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 'reauth' }] });
    const a = await c.raw('GET', vendors);
    expect(a.status).toBe(401);
    expect(challenges(a)).toEqual(['Negotiate', 'NTLM']);
    expect((await c.raw('GET', vendors)).status).toBe(401);
    expect((await c.handshake('GET', vendors)).status).toBe(200);
    const [x, y] = sim.requests.slice(-2);
    expect(x?.connection).toBe(y?.connection);
  });
});

describe('connections', () => {
  it('close answers normally, then ends the connection: the next request handshakes on a new one', async () => {
    const c = await session();
    sim.setFaults({ failNext: [{ status: 'close' }] });
    const a = await c.raw('GET', vendors);
    expect(a.status).toBe(200);
    expect(a.headers['connection']).toBe('close');
    const before = sim.requests.at(-1)?.connection;
    expect((await tolerant(c, 'GET', vendors)).status).toBe(401);
    expect(sim.requests.at(-1)?.connection).not.toBe(before);
  });

  it('dropConnections (control API) closes logged-on connections: the client must handshake again', async () => {
    const c = await session();
    const before = sim.requests.at(-1)?.connection;
    const r = await fetch(`${sim.url}/_sim/connections/drop`, { method: 'POST' });
    expect(r.status).toBe(200);
    const after = await tolerant(c, 'GET', vendors);
    expect(after.status).toBe(401);
    expect(sim.requests.at(-1)?.connection).not.toBe(before);
  });
});

describe('seeded rate, slow, latency', () => {
  async function statuses(s: GpSim, n: number, f: GpFaults): Promise<number[]> {
    const c = await session(s);
    s.setFaults(f);
    const path = companyPath(s, 'Purchasing/Vendors.json');
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await c.raw('GET', path)).status);
    return out;
  }

  it('the same seed gives the same fault sequence', async () => {
    const other = await startGpSim();
    try {
      const f: GpFaults = { seed: 42, rate: 0.4, kinds: ['500', '503'] };
      const a = await statuses(sim, 20, f);
      const b = await statuses(other, 20, f);
      expect(a).toEqual(b);
      expect(a).toContain(200);
      expect(a.some((s) => s === 500 || s === 503)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('slow faults and latency delay the answer by at least the given time', async () => {
    const c = await session();
    sim.setFaults({ rate: 1, kinds: ['slow'], slowMs: 60 });
    let t = Date.now();
    expect((await c.raw('GET', vendors)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    sim.setFaults(undefined);
    sim.setLatency(40);
    t = Date.now();
    await c.raw('GET', vendors);
    expect(Date.now() - t).toBeGreaterThanOrEqual(35);
  });
});

describe('request log', () => {
  it('records method, path, status, connection and user; Authorization as its scheme only', async () => {
    const c = new Conn(sim);
    open.push(c);
    sim.requests.length = 0;
    await c.handshake('GET', vendors);
    const [first, second] = sim.requests;
    expect(first).toMatchObject({ method: 'GET', status: 401, headers: { authorization: 'NTLM …' } });
    expect(first?.user).toBeUndefined();
    expect(second).toMatchObject({ status: 200, user: 'CONTOSO\\svc-mlc', connection: first?.connection });
    expect(JSON.stringify(sim.requests)).not.toMatch(/TlRMTVNT/);
  });
});
