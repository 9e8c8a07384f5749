// Concurrency governance (subsect_1559222360), latency and injected faults (DESIGN §6).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NetSuiteFaults, NetSuiteSim } from '../../src/sim/netsuite/index.js';
import { api, EMPLOYEE, errorOf, getToken, makeKeys, person, startSim, type Keys } from './helpers.js';

let keys: Keys;
let sim: NetSuiteSim;
let token: string;

beforeAll(async () => {
  keys = await makeKeys();
  sim = await startSim(keys);
  token = await getToken(sim, keys.ps);
});
afterAll(() => sim.close());
afterEach(() => {
  sim.setFaults(undefined);
  sim.setLatency(0);
});

describe('concurrency governance', () => {
  it('rejects requests over the limit at once with 429 CONCURRENCY_LIMIT_EXCEEDED', async () => {
    const local = await startSim(keys, { latencyMs: 100, concurrencyLimit: 5 });
    try {
      const t = await getToken(local, keys.es);
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api(local, 'PUT', `${EMPLOYEE}/eid:par-${i}`, { token: t, body: person() })));
      const rejected = answers.filter((a) => a.status === 429);
      expect(rejected.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 204).length).toBe(20 - rejected.length);
      for (const r of rejected) {
        expect(errorOf(r)).toMatchObject({ code: 'CONCURRENCY_LIMIT_EXCEEDED', detail: expect.stringMatching(/concurrency limit for the account has been exceeded/) });
        expect(r.headers.get('retry-after')).toBeNull();
      }
      expect(local.stats.maxInFlight).toBeLessThanOrEqual(5);
      expect(local.stats.maxInFlight).toBeGreaterThan(1);
      expect(local.stats.concurrencyRejections).toBe(rejected.length);
      expect(local.stats.writes).toBe(20 - rejected.length);
      expect(local.records.employees()).toHaveLength(20 - rejected.length);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await local.close();
    }
  });
});

describe('latency', () => {
  it('delays every /services/rest answer, the token endpoint included', async () => {
    sim.setLatency(120);
    let t0 = Date.now();
    await api(sim, 'GET', `${EMPLOYEE}/1`, { token });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    t0 = Date.now();
    await getToken(sim, keys.es);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });
});

describe('rate faults', () => {
  async function statuses(faults: NetSuiteFaults): Promise<number[]> {
    const local = await startSim(keys, { faults });
    try {
      const t = await getToken(local, keys.ps); // the token endpoint is never rate-faulted
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await api(local, 'GET', `${EMPLOYEE}/424242`, { token: t })).status);
      return out;
    } finally {
      await local.close();
    }
  }

  it('are deterministic by seed', async () => {
    const a = await statuses({ seed: 7, rate: 0.5 });
    const b = await statuses({ seed: 7, rate: 0.5 });
    const c = await statuses({ seed: 8, rate: 0.5 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain(429);
    expect(a).toContain(503);
    expect(a).toContain(404);
  });

  it('503 carries Retry-After: 1, 429 none', async () => {
    sim.setFaults({ rate: 1, kinds: ['503'] });
    const res = await api(sim, 'GET', `${EMPLOYEE}/1`, { token });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    sim.setFaults({ rate: 1, kinds: ['429'] });
    const busy = await api(sim, 'GET', `${EMPLOYEE}/1`, { token });
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBeNull();
    expect(errorOf(busy).code).toBe('CONCURRENCY_LIMIT_EXCEEDED');
  });

  it('resets connections and slows answers', async () => {
    sim.setFaults({ rate: 1, kinds: ['reset'] });
    await expect(api(sim, 'GET', `${EMPLOYEE}/1`, { token })).rejects.toThrow();
    expect(sim.requests.at(-1)?.status).toBe(0);
    sim.setFaults({ rate: 1, kinds: ['slow'], slowMs: 150 });
    const t0 = Date.now();
    expect((await api(sim, 'GET', `${EMPLOYEE}/1`, { token })).status).toBe(404);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('failNext', () => {
  it('matches method and path prefix, in order, with custom code and detail', async () => {
    sim.setFaults({
      failNext: [
        { status: 500, method: 'PUT', times: 2, errorCode: 'UNEXPECTED_ERROR', detail: 'boom' },
        { status: 401, pathPrefix: '/services/rest/query/' },
      ],
    });
    expect((await api(sim, 'GET', `${EMPLOYEE}/1`, { token })).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const res = await api(sim, 'PUT', `${EMPLOYEE}/eid:fn-1`, { token, body: person() });
      expect(res.status).toBe(500);
      expect(errorOf(res)).toMatchObject({ code: 'UNEXPECTED_ERROR', detail: 'boom' });
    }
    expect(sim.records.employeeByExternalId('fn-1')).toBeUndefined();
    expect((await api(sim, 'PUT', `${EMPLOYEE}/eid:fn-1`, { token, body: person() })).status).toBe(204);
    const q = await api(sim, 'POST', '/services/rest/query/v1/suiteql', { token, body: { q: 'SELECT id FROM subsidiary' }, headers: { Prefer: 'transient' } });
    expect(errorOf(q).code).toBe('INVALID_LOGIN');
  });

  it('afterWrite: the record exists although the client saw a 503, and a retried upsert does not duplicate', async () => {
    sim.setFaults({ failNext: [{ status: 503, method: 'PUT', afterWrite: true }] });
    const first = await api(sim, 'PUT', `${EMPLOYEE}/eid:aw-1`, { token, body: person({ title: 'First' }) });
    expect(first.status).toBe(503);
    const id = sim.records.employeeByExternalId('aw-1')?.id;
    expect(id).toBeDefined();
    const retry = await api(sim, 'PUT', `${EMPLOYEE}/eid:aw-1`, { token, body: person({ title: 'First' }) });
    expect(retry.status).toBe(204);
    expect(retry.headers.get('location')).toMatch(new RegExp(`/employee/${id ?? 'x'}$`));
    expect(sim.records.employees().filter((e) => e.externalId === 'aw-1')).toHaveLength(1);
  });

  it('afterWrite reset: a POST is applied, the connection dies, the retry meets DUP_ENTITY', async () => {
    sim.setFaults({ failNext: [{ status: 'reset', method: 'POST', pathPrefix: EMPLOYEE, afterWrite: true }] });
    await expect(api(sim, 'POST', EMPLOYEE, { token, body: person({ externalId: 'aw-2' }) })).rejects.toThrow();
    expect(sim.records.employeeByExternalId('aw-2')).toBeDefined();
    const retry = await api(sim, 'POST', EMPLOYEE, { token, body: person({ externalId: 'aw-2' }) });
    expect(errorOf(retry).code).toBe('DUP_ENTITY');
  });
});
