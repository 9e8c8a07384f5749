import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, plainEmployee, RESTRICTED_KEY, startSim } from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
let statuses: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

let sim: BambooSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  received.length = 0;
  statuses = [];
});

async function create(s: BambooSim, body: object, key?: string) {
  return call(s, '/api/v1/webhooks', { method: 'POST', key, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

const eventHook = (url: string) => ({ name: 'ERP sync', url, format: 'json', events: ['employee.created', 'employee.updated', 'employee.deleted'], monitorFields: ['firstName', 'department'] });

describe('webhook signatures', () => {
  it('matches the reference test vector', () => {
    const body = '{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"12345","employeeId":"67890","changedFields":["firstName"]}}';
    expect(signWebhook('0123456789abcdef0123456789abcdef', body, '1769884920')).toBe('34ff2fdf42bca095d63bc0516d4d7c8ef7365a932bd4b1543ff691310c73e951');
  });
});

describe('webhook API', () => {
  it('creates (privateKey only then), lists, gets and deletes', async () => {
    const s = (sim = await startSim());
    const r = await create(s, eventHook(receiverUrl));
    expect(r.status).toBe(201);
    const hook = r.json<{ id: string; privateKey: string; created: string; lastSent: null }>();
    expect(hook.privateKey).toMatch(/^[0-9a-f]{32}$/);
    expect(hook.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const list = (await call(s, '/api/v1/webhooks')).json<{ webhooks: Array<{ id: string }> }>();
    expect(list.webhooks.map((w) => w.id)).toEqual([hook.id]);
    const one = (await call(s, `/api/v1/webhooks/${hook.id}`)).json<Record<string, unknown>>();
    expect(one).not.toHaveProperty('privateKey');
    expect((await call(s, `/api/v1/webhooks/${hook.id}`, { key: RESTRICTED_KEY })).status).toBe(403);
    const del = await call(s, `/api/v1/webhooks/${hook.id}`, { method: 'DELETE' });
    expect(del.text).toBe('Web hook has been deleted.');
    expect((await call(s, `/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    const fields = (await call(s, '/api/v1/webhooks/monitor_fields')).json<{ fields: Array<{ id: string; alias: string }> }>();
    expect(fields.fields.some((f) => f.alias === 'department' && typeof f.id === 'string')).toBe(true);
  });

  it('validates url, monitorFields, event families and field permissions', async () => {
    const s = (sim = await startSim());
    expect((await create(s, { ...eventHook('http://erp.example.com/hook') })).status).toBe(400);
    expect((await create(s, { ...eventHook(receiverUrl), monitorFields: [] })).status).toBe(400);
    expect((await create(s, { name: 'legacy', url: receiverUrl, format: 'json' })).status).toBe(400);
    expect((await create(s, { ...eventHook(receiverUrl), events: ['employee.created', 'employee_with_fields.created'] })).status).toBe(400);
    const denied = await create(s, { ...eventHook(receiverUrl), monitorFields: ['payRate'] }, RESTRICTED_KEY);
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({ errors: [{ monitorFields: [{ name: 'Pay rate' }] }] });
  });
});

describe('webhook delivery', () => {
  it('posts a correctly signed event-based payload for monitored changes only', async () => {
    const s = (sim = await startSim());
    const { privateKey } = (await create(s, eventHook(receiverUrl))).json<{ privateKey: string }>();
    const id = plainEmployee(s);
    s.company.update(id, { homeEmail: 'unmonitored@example.net' });
    s.company.update(id, { firstName: 'Renamed' });
    await s.webhooks.flush();
    expect(received).toHaveLength(1);
    const got = received[0] as Received;
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('BambooHR-WebHooks/1.0 (+https://www.bamboohr.com)');
    const ts = String(got.headers['x-bamboohr-timestamp']);
    expect(ts).toMatch(/^\d{10}$/);
    expect(got.headers['x-bamboohr-signature']).toBe(signWebhook(privateKey, got.body, ts));
    expect(JSON.parse(got.body)).toEqual({
      type: 'employee.updated',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
      data: { companyId: s.company.companyId, employeeId: String(id), changedFields: ['firstName'] },
    });
    expect(s.webhooks.deliveries).toEqual([expect.objectContaining({ status: 200, attempt: 1, body: got.body })]);
    const listed = (await call(s, '/api/v1/webhooks')).json<{ webhooks: Array<{ lastSent: string | null }> }>();
    expect(listed.webhooks[0]?.lastSent).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('sends created then updated on hire, and deleted without changedFields', async () => {
    const s = (sim = await startSim());
    await create(s, eventHook(receiverUrl));
    const id = s.company.hire({ firstName: 'Ada', lastName: 'Lovelace', department: 'Engineering' });
    s.company.remove(id);
    await s.webhooks.flush();
    const bodies = received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(bodies.map((b) => b.type)).toEqual(['employee.created', 'employee.updated', 'employee.deleted']);
    expect(bodies[0]?.data).not.toHaveProperty('changedFields');
    expect(bodies[1]?.data['changedFields']).toEqual(['firstName', 'department']);
  });

  it('retries 5xx with the configured delays and drops 4xx', async () => {
    const s = (sim = await startSim({ webhookRetryDelaysMs: [10, 20] }));
    await create(s, eventHook(receiverUrl));
    const id = plainEmployee(s);
    statuses = [500, 503, 200];
    s.company.update(id, { firstName: 'Retry' });
    await s.webhooks.flush();
    expect(s.webhooks.deliveries.map((d) => [d.status, d.attempt])).toEqual([[500, 1], [503, 2], [200, 3]]);

    s.webhooks.deliveries.length = 0;
    statuses = [400];
    s.company.update(id, { firstName: 'Dropped' });
    await s.webhooks.flush();
    expect(s.webhooks.deliveries.map((d) => [d.status, d.attempt])).toEqual([[400, 1]]);
  });

  it('delivers legacy employee_with_fields payloads, form-encoded when asked', async () => {
    const s = (sim = await startSim());
    await create(s, { name: 'legacy', url: receiverUrl, format: 'form-encoded', monitorFields: ['firstName'], postFields: { firstName: 'First', employeeNumber: 'Number' } });
    const id = plainEmployee(s);
    s.company.update(id, { firstName: 'Legacy' });
    await s.webhooks.flush();
    const got = received[0] as Received;
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(got.body);
    expect(form.get(`employees[${id}][action]`)).toBe('Updated');
    expect(form.get(`employees[${id}][changedFields][0]`)).toBe('First Name');
    expect(form.get(`employees[${id}][First]`)).toBe('Legacy');
  });
});
