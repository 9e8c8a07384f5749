import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { BambooSim, SimFaults } from '../../src/sim/bamboohr/index.js';
import { basic, call, FULL_KEY, startSim } from './helpers.js';

let sims: BambooSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const start = async (faults?: SimFaults, latencyMs?: number): Promise<BambooSim> => {
  const s = await startSim({ faults, latencyMs });
  sims.push(s);
  return s;
};

async function statuses(s: BambooSim, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(s, '/api/v1/meta/fields')).status);
  return out;
}

/** node:http with agent:false so a reset surfaces as a socket error. */
function rawGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: basic(FULL_KEY) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('faults', () => {
  it('a seeded rate gives 429/503 with Retry-After and the error header, deterministically', async () => {
    const faults: SimFaults = { seed: 42, rate: 0.5 };
    const a = await start(faults);
    const b = await start(faults);
    const first = await statuses(a, 30);
    expect(await statuses(b, 30)).toEqual(first);
    expect(first).toContain(429);
    expect(first).toContain(503);
    expect(first).toContain(200);
    a.setFaults({ failNext: [{ status: 429 }] });
    const limited = await call(a, '/api/v1/meta/fields');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-bamboohr-error-message')).toBe('Too Many Requests');
    const other = await start({ seed: 43, rate: 0.5 });
    expect(await statuses(other, 30)).not.toEqual(first);
  });

  it('Retry-After can be an HTTP-date; faults never touch /_sim', async () => {
    const s = await start({ seed: 1, rate: 1, kinds: ['503'], retryAfter: 'http-date' });
    const r = await call(s, '/api/v1/meta/fields');
    expect(r.status).toBe(503);
    const when = Date.parse(r.headers.get('retry-after') ?? '');
    expect(when).toBeGreaterThan(Date.now() - 1000);
    expect((await fetch(`${s.url}/_sim/state`)).status).toBe(200);
  });

  it('failNext fires in order, honours pathPrefix and times, and reset closes the socket', async () => {
    const s = await start({
      failNext: [
        { status: 'reset', pathPrefix: '/api/v1/employees/changed' },
        { status: 500, times: 2, body: '<html>oops</html>', contentType: 'text/html' },
        { status: 503, retryAfter: 7 },
      ],
    });
    expect((await call(s, '/api/v1/meta/fields')).text).toBe('<html>oops</html>');
    expect((await call(s, '/api/v1/meta/fields')).status).toBe(500);
    await expect(rawGet(`${s.url}/api/v1/employees/changed?since=2020-01-01T00:00:00Z`)).rejects.toThrow(/ECONNRESET|socket hang up/);
    const limited = await call(s, '/api/v1/meta/fields');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([503, '7']);
    expect((await call(s, '/api/v1/meta/fields')).status).toBe(200);
    expect(s.requests.map((r) => r.status)).toEqual([500, 500, 0, 503, 200]);
  });

  it('slow answers and latency delay /api answers', async () => {
    const s = await start({ seed: 1, rate: 1, kinds: ['slow'], slowMs: 150 }, 50);
    const t0 = performance.now();
    expect((await call(s, '/api/v1/meta/fields')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    s.setFaults(undefined);
    s.setLatency(0);
    // Without faults and latency the answer is not held back: the same number of requests
    // succeed with nothing slowed (a timing bound here would only measure the machine's load).
    expect((await call(s, '/api/v1/meta/fields')).status).toBe(200);
  });
});
