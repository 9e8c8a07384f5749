// Service protection (reference §8 A.5): per-user window → 429 + Retry-After in seconds, a
// growing Retry-After when the client comes back early, the concurrency cap, and that a
// rejected request is not processed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, errorOf, getToken, openSim, person, SECRET } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim({ throttle: { limit: 3, windowSec: 300, retryAfterSec: 1, maxRetryAfterSec: 8 } })));
afterAll(() => sim.close());

const call = () => api(sim, 'GET', '/data/VendorGroups', { token });

describe('user-based limits', () => {
  it('answers 429 with Retry-After once the window is full, and the wait doubles while the client ignores it', async () => {
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    const first = await call();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(errorOf(first).message).toBe('Number of requests exeeded the limit of 3 over the time window of 300 seconds.');
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push((await call()).headers.get('retry-after'));
    expect(waits).toEqual(['2', '4', '8', '8']);
    expect(sim.stats.throttled).toBe(5);
  });

  it('does not process a rejected write', async () => {
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('THR-1') });
    expect(res.status).toBe(429);
    expect(sim.state.vendor('usmf', 'THR-1')).toBeUndefined();
  });

  it('is per user: another app is not throttled', async () => {
    await control(sim, 'POST', '/_sim/apps', { clientId: 'other-app', secret: SECRET });
    const other = await getToken(sim, 'other-app');
    expect((await api(sim, 'GET', '/data/VendorGroups', { token: other })).status).toBe(200);
  });

  it('lets the client in again after Retry-After once the window has room (reset here)', async () => {
    expect((await control(sim, 'POST', '/_sim/throttle/reset')).status).toBe(200);
    expect((await call()).status).toBe(200);
  });

  it('caps concurrent requests per user', async () => {
    await control(sim, 'POST', '/_sim/throttle', { limit: 1000, windowSec: 60, concurrentLimit: 2 });
    await control(sim, 'POST', '/_sim/latency', { ms: 300 });
    try {
      const results = await Promise.all([call(), call(), call(), call()]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      const rejected = results.find((r) => r.status === 429);
      expect(rejected && errorOf(rejected).message).toBe('Number of concurrent requests exceeded the limit of 2.');
    } finally {
      await control(sim, 'POST', '/_sim/latency', { ms: 0 });
      await control(sim, 'POST', '/_sim/throttle', null);
    }
    expect((await call()).status).toBe(200);
  });
});
