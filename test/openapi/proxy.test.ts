import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startValidatingProxy } from '../helpers/openapi/proxy.js';
import type { ValidatingProxy } from '../helpers/openapi/proxy.js';

const VALID = JSON.stringify({
  latest: '2024-01-02T03:04:05+00:00',
  employees: { '4': { id: '4', action: 'Updated', lastChanged: '2024-01-02T03:04:05+00:00' } },
});
// `table` is required by the spec; `employees` is missing its map too.
const INVALID = JSON.stringify({ employees: { '4': { rows: 'not-an-array' } } });

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let upstream: Server;
let proxy: ValidatingProxy;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/v1/employees/changed') {
        res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(VALID);
      } else if (path === '/api/v1/employees/changed/tables/jobInfo') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(INVALID);
      } else if (path === '/api/v1/employees/reset') {
        req.socket.resetAndDestroy();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Echo': 'yes' }).end('not validated');
      }
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  proxy = await startValidatingProxy(`http://127.0.0.1:${port}`, { ignorePaths: [/^\/ignored\//] });
});

afterAll(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

// node:http rather than fetch so the exact error code of a reset is visible.
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${proxy.url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('validating proxy', () => {
  it('passes answers through unchanged and records only the invalid one', async () => {
    const since = encodeURIComponent('2024-01-01T00:00:00+00:00');
    const auth = { Authorization: 'Basic a2V5Ong=', Accept: 'application/json' };
    const ok = await send('GET', `/api/v1/employees/changed?since=${since}`, auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(VALID);
    expect(ok.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(seen.at(-1)?.headers['authorization']).toBe('Basic a2V5Ong=');
    expect(seen.at(-1)?.url).toBe(`/api/v1/employees/changed?since=${since}`);
    expect(proxy.violations).toEqual([]);

    const bad = await send('GET', `/api/v1/employees/changed/tables/jobInfo?since=${since}`, auth);
    expect(bad.body).toBe(INVALID);
    expect(proxy.violations.map((v) => v.message)).toEqual([
      'GET /api/v1/employees/changed/tables/jobInfo 200 response body: (root) must have required property \'table\'',
      'GET /api/v1/employees/changed/tables/jobInfo 200 response body: /employees/4/rows must be array, got "not-an-array"',
    ]);
    expect(proxy.violations.every((v) => v.where === 'response' && v.template === '/api/v1/employees/changed/tables/{table}')).toBe(true);
  });

  it('forwards request bodies and the exact Content-Type', async () => {
    proxy.violations.length = 0;
    const body = JSON.stringify({ fields: ['firstName'] });
    await send('POST', '/api/v1/reports/custom?format=json', { 'Content-Type': 'application/json; charset=UTF-8' }, body);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body });
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json; charset=UTF-8');
    // The request is flagged (BambooHR would parse it as XML), and so is the
    // stub's text/plain answer, which the operation does not declare.
    expect(proxy.violations.map((v) => v.where)).toEqual(['request', 'response']);
    expect(proxy.violations[0]?.message).toContain('must be exactly "application/json"');
  });

  it('forwards paths outside the spec without validating them', async () => {
    proxy.violations.length = 0;
    const sim = await send('POST', '/_sim/clock?advance=1d');
    const ignored = await send('GET', '/ignored/api/v1/nope');
    expect([sim.status, sim.body, sim.headers['x-echo'], ignored.body]).toEqual([200, 'not validated', 'yes', 'not validated']);
    expect(proxy.violations).toEqual([]);
    await send('GET', '/api/v1/nope');
    expect(proxy.violations.map((v) => v.message)).toEqual(['GET /api/v1/nope: no operation: no path in the spec matches']);
  });

  it('passes an upstream connection reset on as a reset', async () => {
    const before = proxy.exchanges;
    await expect(send('GET', '/api/v1/employees/reset')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(proxy.exchanges).toBe(before + 1);
  });
});
