// The simulator's own layer around the agent: faults, latency, the control API, recording;
// and the agent's log lines, which must carry facts but no names, descriptions, keys or secrets.
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { call, sharedSim, subKey } from './helpers.js';

const lines: string[] = [];
const sim = sharedSim({ logger: pino({ level: 'info' }, { write: (s: string) => void lines.push(s) }) });

describe('faults and latency', () => {
  test('failNext answers 503 boi_unavailable with Retry-After, then the agent answers again', async () => {
    sim().setFaults({ failNext: [{ status: 503, times: 2 }] });
    for (let i = 0; i < 2; i++) {
      const r = await call(sim(), 'GET', '/v1/info');
      expect([r.status, r.body.error.code, r.headers['retry-after']]).toEqual([503, 'boi_unavailable', '1']);
    }
    expect((await call(sim(), 'GET', '/v1/info')).status).toBe(200);
  });

  test('afterWrite lets the write land before the failure; a reset closes the connection without an answer', async () => {
    sim().setFaults({ failNext: [{ status: 503, method: 'POST', afterWrite: true }] });
    const lost = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '20'), fields: { SubAccountDesc: 'Landed' } } });
    expect(lost.status).toBe(503);
    expect(sim().subAccount('02', '20')?.['SubAccountDesc']).toBe('Landed');
    const retried = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '20'), fields: { SubAccountDesc: 'Landed' } } });
    expect(retried.body.outcome).toBe('unchanged');
    sim().setFaults({ failNext: [{ status: 'reset' }] });
    await expect(call(sim(), 'GET', '/v1/info')).rejects.toThrow();
    expect(sim().requests.at(-1)?.status).toBe(0);
  });

  test('a seeded fault rate is reproducible, and only /v1 paths are faulted', async () => {
    const run = async (): Promise<number[]> => {
      sim().setFaults({ seed: 7, rate: 0.5, kinds: ['503'] });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call(sim(), 'GET', '/v1/tables/GL_AccountStructure')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
    expect((await call(sim(), 'GET', '/_sim/state', { apiKey: null })).status).toBe(200);
    sim().setFaults(undefined);
  });

  test('latency delays each /v1 answer', async () => {
    sim().setLatency(150);
    const started = performance.now();
    await call(sim(), 'GET', '/v1/info');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sim().setLatency(0);
  });
});

describe('BOI session loss', () => {
  test('a COM failure answers 503 boi_unavailable (retryable); the agent opens a new session for the next request', async () => {
    const before = sim().stats['sessions'] ?? 0;
    sim().endSessions();
    const lost = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '22'), fields: { SubAccountDesc: 'After' } } });
    expect([lost.status, lost.body.error.code, lost.body.error.retryable, lost.headers['retry-after']]).toEqual([503, 'boi_unavailable', true, '5']);
    const again = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '22'), fields: { SubAccountDesc: 'After' } } });
    expect(again.body.outcome).toBe('created');
    expect(sim().stats['sessions']).toBe(before + 1);
    expect((await call(sim(), 'POST', '/_sim/sessions/end', { apiKey: null })).status).toBe(200);
    expect((await call(sim(), 'GET', '/v1/tables/GL_Account')).status).toBe(503);
    expect((await call(sim(), 'GET', '/v1/tables/GL_Account')).status).toBe(200);
  });
});

describe('control API', () => {
  test('locks, busy text, faults and latency can be set over HTTP; bad bodies are 400 naming the key', async () => {
    expect((await call(sim(), 'POST', '/_sim/locks', { apiKey: null, body: { object: 'GL_SubAccount_bus', key: subKey('02', '05'), attempts: 1 } })).status).toBe(200);
    expect((await call(sim(), 'POST', '/_sim/busy-message', { apiKey: null, body: { message: 'locked by SMITH' } })).status).toBe(200);
    const busy = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '05'), fields: { UDF_HEADCOUNT: 3 } } });
    expect([busy.status, busy.body.lastErrorMsg]).toEqual([423, 'locked by SMITH']);
    const bad = await call(sim(), 'POST', '/_sim/faults', { apiKey: null, body: { rate: 0.1, kind: ['503'] } });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'body: Unrecognized key: "kind"']);
    expect((await call(sim(), 'POST', '/_sim/latency', { apiKey: null, body: { ms: -1 } })).status).toBe(400);
    const state = await call(sim(), 'GET', '/_sim/state', { apiKey: null });
    expect(state.body).toMatchObject({ company: 'ABC', stats: { busyRefusals: 1 }, latencyMs: 0 });
    const subs = await call(sim(), 'GET', '/_sim/sub-accounts', { apiKey: null });
    expect(subs.body.rows.length).toBe(sim().subAccounts().length);
    expect((await call(sim(), 'DELETE', '/_sim/requests', { apiKey: null })).status).toBe(200);
    expect(sim().requests).toEqual([]);
  });
});

describe('log lines', () => {
  test('carry method, route, status and outcome counts, never descriptions, keys or the API key', async () => {
    lines.length = 0;
    await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '21'), fields: { SubAccountDesc: 'Quantum Widgets Team' } } });
    await call(sim(), 'POST', '/v1/objects/GL_Account_bus/write', { body: { key: { Account: '6000-21-03' }, fields: { AccountDesc: 'Salaries Quantum Toronto' } } });
    await call(sim(), 'POST', '/v1/objects/GL_Account_bus/write', { body: { key: { Account: '6000-77-03' }, fields: {} } });
    await call(sim(), 'GET', '/v1/tables/GL_SubAccount?where.SubAccountDesc=Engineering');
    await call(sim(), 'GET', '/v1/info', { apiKey: 'wrong-key-value-123' });
    const text = lines.join('');
    expect(lines).toHaveLength(5);
    const first = JSON.parse(lines[0] ?? '{}');
    expect(first).toMatchObject({ msg: 'request', method: 'POST', route: 'write', status: 200, object: 'GL_SubAccount_bus', outcomes: { created: 1 } });
    expect(JSON.parse(lines[4] ?? '{}')).toMatchObject({ status: 401, error: 'unauthorized' });
    for (const secret of ['Quantum', 'Engineering', 'Toronto', '6000-21-03', '6000-77-03', 'does not exist', sim().apiKey, 'wrong-key-value-123']) expect(text).not.toContain(secret);
  });
});
