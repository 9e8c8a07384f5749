// Injected faults and latency: failNext entries (status, reset, afterWrite, token endpoint),
// a seeded rate that repeats with the same seed, 429/503 with Retry-After, the 502 gateway page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, openSim, person, secretForm, tokenCall, vendorKey } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim()));
afterAll(() => sim.close());

const call = () => api(sim, 'GET', '/data/VendorGroups', { token });

describe('failNext', () => {
  it('answers the queued statuses in order, then recovers', async () => {
    sim.setFaults({ failNext: [{ status: 503, times: 2 }, { status: 429, retryAfterSec: 7 }, { status: 502 }] });
    const a = await call();
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('1');
    expect((await call()).status).toBe(503);
    const throttled = await call();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.text).toContain('high resource utilization');
    const gateway = await call();
    expect(gateway.status).toBe(502);
    expect(gateway.text).toBe('<html><body>502 Bad Gateway</body></html>');
    expect((await call()).status).toBe(200);
  });

  it('resets the connection, recorded with status 0', async () => {
    sim.setFaults({ failNext: [{ status: 'reset' }] });
    await expect(call()).rejects.toThrow();
    expect(sim.requests.at(-1)?.status).toBe(0);
    expect((await call()).status).toBe(200);
  });

  it('afterWrite: the write happens, the client sees the failure', async () => {
    sim.setFaults({ failNext: [{ status: 500, method: 'POST', afterWrite: true }] });
    expect((await api(sim, 'POST', '/data/VendorsV2', { token, body: person('F-1') })).status).toBe(500);
    expect(sim.state.vendor('usmf', 'F-1')).toBeDefined();
    expect((await api(sim, 'GET', vendorKey('usmf', 'F-1'), { token })).status).toBe(200);
  });

  it('targets the token endpoint only with a pathPrefix', async () => {
    sim.setFaults({ failNext: [{ status: 503, pathPrefix: `/${sim.tenantId}/oauth2` }] });
    expect((await tokenCall(sim, secretForm(sim))).status).toBe(503);
    expect((await tokenCall(sim, secretForm(sim))).status).toBe(200);
  });
});

describe('seeded rate and latency', () => {
  async function run(seed: number): Promise<number[]> {
    sim.setFaults({ seed, rate: 0.5, kinds: ['429', '503'] });
    const out: number[] = [];
    for (let i = 0; i < 12; i++) out.push((await call()).status);
    sim.setFaults(undefined);
    return out;
  }

  it('repeats the same sequence for the same seed, with both kinds and some successes', async () => {
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((s) => s === 429 || s === 503)).toBe(true);
    expect(sim.stats.faultsInjected).toBeGreaterThan(0);
  });

  it('delays answers by the configured latency and by slow faults', async () => {
    expect((await control(sim, 'POST', '/_sim/latency', { ms: 150 })).status).toBe(200);
    let t = Date.now();
    await call();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    await control(sim, 'POST', '/_sim/latency', { ms: 0 });
    await control(sim, 'POST', '/_sim/faults', { rate: 1, kinds: ['slow'], slowMs: 150 });
    t = Date.now();
    expect((await call()).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    await control(sim, 'POST', '/_sim/faults', null);
  });

  it('validates fault settings', async () => {
    expect((await control(sim, 'POST', '/_sim/faults', { rate: 2 })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/faults', { kinds: ['418'] })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/faults', { colour: 'red' })).status).toBe(400);
  });
});
