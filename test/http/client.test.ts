import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MlcError } from '../../src/domain/errors.js';
import { HttpClient, withHeaders, type HttpRequest } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { parseRetryAfter, type RetryPolicy } from '../../src/http/retry.js';
import { silentLogger } from '../../src/log/logger.js';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(handler: Handler): Promise<{ url: string; hits: number[] }> {
  const hits: number[] = [];
  const server = createServer((req, res) => {
    hits.push(Date.now());
    handler(req, res, hits.length);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5000, budgetMs: 10_000 };
function client(url: string, p: Partial<RetryPolicy> = {}, timeoutMs = 2000) {
  const counter = new RequestCounter();
  return { counter, http: new HttpClient({ system: 'test', baseUrl: url, timeoutMs, retry: { ...policy, ...p }, logger: silentLogger(), counter }) };
}

describe('HTTP layer', () => {
  it('parses Retry-After as seconds and as an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('retries a 429 after the Retry-After seconds, and counts every attempt', async () => {
    const s = await serve((_q, res, hit) => (hit === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.end('ok')));
    const { http, counter } = client(s.url);
    const res = await http.send({ method: 'GET', url: '/x' });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(counter.get('test')).toBe(2);
    expect(s.hits[1]! - s.hits[0]!).toBeGreaterThanOrEqual(950);
  });

  it('honours an HTTP-date Retry-After on a 503', async () => {
    const s = await serve((_q, res, hit) => (hit === 1 ? res.writeHead(503, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }).end() : res.end('ok')));
    const { http } = client(s.url);
    expect((await http.send({ method: 'GET', url: '/' })).status).toBe(200);
    expect(s.hits[1]! - s.hits[0]!).toBeGreaterThanOrEqual(900);
  });

  it('does not resend a POST after a 503 (it may have been applied), but does after a 429', async () => {
    const s = await serve((_q, res) => res.writeHead(503, { 'retry-after': '0' }).end());
    const { http } = client(s.url);
    expect((await http.send({ method: 'POST', url: '/', body: '{}' })).status).toBe(503);
    expect(s.hits).toHaveLength(1);
    const t = await serve((_q, res, hit) => (hit === 1 ? res.writeHead(429, { 'retry-after': '0' }).end() : res.end('ok')));
    expect((await client(t.url).http.send({ method: 'POST', url: '/', body: '{}' })).status).toBe(200);
    // ...and a POST the caller vouches for is retried like a GET
    const u = await serve((_q, res, hit) => (hit === 1 ? res.writeHead(503, { 'retry-after': '0' }).end() : res.end('ok')));
    expect((await client(u.url).http.send({ method: 'POST', url: '/', body: '{}', idempotent: true })).status).toBe(200);
  });

  it('backs off and retries after a connection reset, then gives up with "unreachable"', async () => {
    const s = await serve((req, _res, hit) => (hit < 3 ? req.socket.destroy() : _res.end('ok')));
    const { http } = client(s.url);
    expect((await http.send({ method: 'GET', url: '/' })).status).toBe(200);
    expect(s.hits).toHaveLength(3);
    const dead = await serve((req) => req.socket.destroy());
    const err = await client(dead.url).http.send({ method: 'GET', url: '/a?since=x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlcError);
    expect((err as MlcError).code).toBe('unreachable');
    expect((err as MlcError).message).toMatch(/^test: GET \/a failed after 4 attempts: /);
  });

  it('stops when the server asks for a longer wait than allowed, and when the budget runs out', async () => {
    const s = await serve((_q, res) => res.writeHead(429, { 'retry-after': '600' }).end());
    const res = await client(s.url).http.send({ method: 'GET', url: '/' });
    expect([res.status, s.hits.length]).toEqual([429, 1]);
    const t = await serve((_q, res2) => res2.writeHead(503, { 'retry-after': '1' }).end());
    const err = (await client(t.url, { budgetMs: 1500 }).http.send({ method: 'GET', url: '/' }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/retry budget of 2 s used up \(status 503\)/);
  });

  it('times out a slow answer and reports it as a timeout', async () => {
    const s = await serve((_q, res) => setTimeout(() => res.end('late'), 1500));
    const err = (await client(s.url, { maxAttempts: 1 }, 300).http.send({ method: 'GET', url: '/' }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('timeout');
  });

  it('refuses an oversized body instead of buffering it', async () => {
    const s = await serve((_q, res) => res.end('x'.repeat(5000)));
    const counter = new RequestCounter();
    const http = new HttpClient({ system: 'test', baseUrl: s.url, timeoutMs: 2000, retry: policy, logger: silentLogger(), counter, maxBodyBytes: 1000 });
    const err = (await http.send({ method: 'GET', url: '/' }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('bad_response');
    expect(err.message).toBe('test: answer of 5000 bytes to GET / exceeds the 1000-byte limit');
  });

  it('refuses an oversized body sent without a Content-Length once it passes the limit, and gathers a chunked one whole', async () => {
    const s = await serve((q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // no length: chunked
      const parts = q.url === '/big' ? 40 : 3;
      let n = 0;
      const next = () => (n++ < parts ? res.write('y'.repeat(100), () => setImmediate(next)) : res.end());
      next();
    });
    const http = new HttpClient({ system: 'test', baseUrl: s.url, timeoutMs: 2000, retry: { ...policy, maxAttempts: 1 }, logger: silentLogger(), counter: new RequestCounter(), maxBodyBytes: 1000 });
    const err = (await http.send({ method: 'GET', url: '/big' }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('bad_response');
    // Refused at the first chunk past the limit (chunks may arrive together: 1,100 bytes or a little more).
    expect(err.message).toMatch(/^test: answer of (\d+) bytes to GET \/big exceeds the 1000-byte limit$/);
    expect(Number(/of (\d+)/.exec(err.message)![1])).toBeGreaterThan(1000);
    expect(Number(/of (\d+)/.exec(err.message)![1])).toBeLessThan(4000);
    const ok = await http.send({ method: 'GET', url: '/small' });
    expect(ok.status).toBe(200);
    expect(ok.text()).toBe('y'.repeat(300));
    await http.close();
  });

  it('a stop during a wait between retries ends the request at once as interrupted; a request on the wire is answered', async () => {
    const s = await serve((_q, res, hit) => (hit === 1 ? res.writeHead(429, { 'retry-after': '30' }).end() : setTimeout(() => res.end('late but fine'), 300)));
    const stop = new AbortController();
    const http = new HttpClient({ system: 'test', baseUrl: s.url, timeoutMs: 2000, retry: { ...policy, maxDelayMs: 60_000, budgetMs: 120_000 }, logger: silentLogger(), counter: new RequestCounter(), stop: stop.signal });
    const waiting = http.send({ method: 'PUT', url: '/w' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    stop.abort('SIGTERM');
    const err = (await waiting) as MlcError;
    expect(err).toBeInstanceOf(MlcError);
    expect(err.code).toBe('interrupted');
    expect(err.message).toBe('stopped by SIGTERM: the writes in flight were finished and recorded; the next run picks up the rest');
    expect(s.hits).toHaveLength(1); // no second attempt after the stop
    // Already stopped: a first attempt is still made (the caller decides what to start), and its answer counts.
    const fresh = new HttpClient({ system: 'test', baseUrl: s.url, timeoutMs: 2000, retry: policy, logger: silentLogger(), counter: new RequestCounter(), stop: stop.signal });
    expect((await fresh.send({ method: 'GET', url: '/r' })).text()).toBe('late but fine');
    await http.close();
    await fresh.close();
  });

  it('withHeaders keeps every field of the request and replaces its headers only', () => {
    // Required<>: a field added to HttpRequest breaks this until withHeaders carries it too.
    const req: Required<HttpRequest> = { method: 'POST', url: '/x', query: { a: 1 }, headers: { old: '1' }, body: 'b', idempotent: true, timeoutMs: 5 };
    expect(withHeaders(req, { authorization: 'Bearer t' })).toEqual({ ...req, headers: { authorization: 'Bearer t' } });
    expect(req.headers).toEqual({ old: '1' });
  });
});

