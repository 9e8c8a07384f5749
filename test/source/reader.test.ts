// The BambooHR reader against the simulator, over real HTTP: request budget, set semantics
// of dated rows, deletions, the silent-drop guard, XML where JSON was expected, retries.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlcError } from '../../src/domain/errors.js';
import { readChanges, sinceFrom } from '../../src/source/bamboohr/reader.js';
import { startBambooSim, type BambooSim } from '../../src/sim/bamboohr/index.js';
import { apiKeyClient, bambooSettings, RESTRICTED_KEY } from '../helpers/bamboo.js';

let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 3, size: 60, start: '2026-11-23T15:00:00Z' });
});
afterAll(() => sim.close());

describe('BambooHR reader', () => {
  it('reads everything on the first run in 5 requests and keeps BambooHR\'s own cursor', async () => {
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, bambooSettings(sim.url), { full: false });
    expect(counter.get('bamboohr')).toBe(5);
    expect(cs.since).toBe('1970-01-01T00:00:00Z');
    expect(cs.employees.filter((e) => e.action !== 'deleted')).toHaveLength(sim.company.list().length);
    const maxChanged = sim.company.list().map((e) => e.lastChanged).sort().at(-1)!;
    expect(Date.parse(cs.latest!)).toBe(Date.parse(maxChanged));
    const one = cs.employees.find((e) => e.id === String(sim.company.list()[0]!.id))!;
    expect(one.fields?.firstName).toBe(sim.company.list()[0]!.firstName);
    expect(one.tables.jobInfo?.length).toBeGreaterThan(0);
  });

  it('costs one request when nothing changed (the feed answers "employees": [])', async () => {
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 0 }), { cursor: sim.clock.now().toISOString(), full: false });
    expect(cs.employees).toEqual([]);
    expect(counter.get('bamboohr')).toBe(1);
  });

  it('reads only what changed, with the overlap, and a cancelled future row disappears from the set', async () => {
    const cursor = sim.clock.now().toISOString();
    const [a, b] = sim.company.list();
    sim.clock.advance(60_000);
    const rowId = sim.company.addJobInfo(a!.id, { date: '2027-01-04', department: 'Finance' });
    sim.company.update(b!.id, { firstName: 'Renamed' });
    const { client, counter } = apiKeyClient(sim.url);
    const s = bambooSettings(sim.url, { perEmployeeMax: 0, changedOverlapMs: 0 });
    const cs = await readChanges(client, s, { cursor, full: false });
    expect(counter.get('bamboohr')).toBe(5);
    expect(cs.employees.map((e) => e.id).sort()).toEqual([String(a!.id), String(b!.id)].sort());
    expect(cs.employees.find((e) => e.id === String(b!.id))?.fields?.firstName).toBe('Renamed');
    const future = cs.employees.find((e) => e.id === String(a!.id))!.tables.jobInfo!.filter((r) => r.date === '2027-01-04');
    expect(future.map((r) => r.data.department)).toEqual(['Finance']);
    sim.clock.advance(60_000);
    sim.company.removeRow(a!.id, 'jobInfo', rowId);
    const again = await readChanges(client, s, { cursor, full: false });
    expect(again.employees.find((e) => e.id === String(a!.id))!.tables.jobInfo!.some((r) => r.date === '2027-01-04')).toBe(false);
  });

  it('uses one GET per employee for a single change, and sees deletions', async () => {
    const cursor = sim.clock.now().toISOString();
    const [, , c, d] = sim.company.list();
    sim.clock.advance(60_000);
    sim.company.update(c!.id, { workEmail: 'new@acme.example' });
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 0 }), { cursor, full: false });
    expect(counter.get('bamboohr')).toBe(5);
    expect(sim.requests.at(-1)?.path).toBe(`/api/v1/employees/${c!.id}`);
    expect(cs.employees[0]?.fields?.workEmail).toBe('new@acme.example');
    const before = sim.clock.now().toISOString();
    sim.clock.advance(60_000);
    sim.company.remove(d!.id);
    const del = await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 0 }), { cursor: before, full: false });
    expect(del.employees.find((e) => e.id === String(d!.id))?.action).toBe('deleted');
  });

  it('a full read covers every employee with all their rows, in 5 requests', async () => {
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, bambooSettings(sim.url), { full: true });
    expect(counter.get('bamboohr')).toBe(5);
    const live = cs.employees.filter((e) => e.action !== 'deleted');
    expect(live).toHaveLength(sim.company.list().length);
    const e = sim.company.list()[5]!;
    const read = live.find((x) => x.id === String(e.id))!;
    expect(read.tables.jobInfo).toHaveLength(e.jobInfo.length);
    expect(read.tables.compensation?.every((r) => r.rowId !== undefined && r.data.currency !== undefined)).toBe(true);
  });

  it('stops with fields_missing naming every dropped field at once, unless allowed', async () => {
    const { client } = apiKeyClient(sim.url, RESTRICTED_KEY);
    for (const full of [true, false]) {
      const err = (await readChanges(client, bambooSettings(sim.url), { full }).catch((e: unknown) => e)) as MlcError;
      expect(err.code).toBe('fields_missing');
      expect(err.message).toMatch(/^BambooHR did not return 6 requested fields: .+\. BambooHR silently drops fields the API user cannot read and still answers 200\.$/);
      expect((err.details?.missing as string[]).sort()).toEqual(['compensation.paidPer', 'compensation.rate', 'compensation.type', 'payPer', 'payRate', 'payType']);
    }
    const partly = (await readChanges(client, bambooSettings(sim.url, { allowMissingFields: ['payRate', 'payType', 'payPer'] }), { full: true }).catch((e: unknown) => e)) as MlcError;
    expect(partly.message).toMatch(/^BambooHR did not return 3 requested fields: compensation\.rate, compensation\.type, compensation\.paidPer\./);
    const ok = await readChanges(client, bambooSettings(sim.url, { allowMissingFields: true }), { full: true });
    expect(ok.employees.length).toBeGreaterThan(0);
  });

  it('retries 429 and 503 with Retry-After and still costs nothing extra when they clear', async () => {
    sim.setFaults({ failNext: [{ status: 429, retryAfter: 1 }, { status: 503, retryAfter: 0 }] });
    const { client, counter } = apiKeyClient(sim.url);
    const t0 = Date.now();
    await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 0 }), { cursor: sim.clock.now().toISOString(), full: false });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(counter.get('bamboohr')).toBe(3);
    sim.setFaults(undefined);
  });

  it('refuses XML when a proxy strips the Accept header, naming the cause', async () => {
    // A real intermediary that drops Accept: BambooHR (and the sim) then answer XML.
    const target = new URL(sim.url);
    const proxy = createServer((req, res) => {
      const headers = { ...req.headers };
      delete headers.accept;
      const up = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const { client } = apiKeyClient(url);
    const err = (await readChanges(client, bambooSettings(url), { full: false }).catch((e: unknown) => e)) as MlcError;
    proxy.close();
    expect(err.code).toBe('bad_response');
    expect(err.message).toBe(
      'BambooHR GET /api/v1/employees/changed answered XML (text/xml; charset=utf-8) where JSON was expected; something between mlc and BambooHR may have dropped the Accept: application/json header',
    );
  });

  it('reads the error text from BambooHR\'s headers, and refuses HTML and truncated JSON', async () => {
    const { client } = apiKeyClient(sim.url, 'not-a-key');
    const err = (await client.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^BambooHR GET \/api\/v1\/employees\/changed: HTTP 401 \S/);
    const good = apiKeyClient(sim.url).client;
    sim.setFaults({ failNext: [{ status: 200, body: '<!DOCTYPE html><html><head><title>Gateway maintenance</title></head></html>', contentType: 'text/html' }] });
    expect(((await good.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError).message).toBe(
      'BambooHR GET /api/v1/employees/changed answered an HTML page ("Gateway maintenance") where JSON was expected (HTTP 200); a proxy or captive portal may be in the way',
    );
    sim.setFaults({ failNext: [{ status: 200, body: '{"latest":"2026-01-01T00:00:00+00:00","employees":{"1":{"id":"1","act', contentType: 'application/json' }] });
    expect(((await good.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError).message).toMatch(/answered malformed JSON: .*the answer may be truncated/);
    sim.setFaults({ failNext: [{ status: 200, body: '{"error":{"code":429,"message":"Over rate limit, please try again in 60 seconds"}}', contentType: 'application/json' }] });
    expect(((await good.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError).message).toBe(
      'BambooHR GET /api/v1/employees/changed answered HTTP 200 with an error: Over rate limit, please try again in 60 seconds',
    );
    // The feed's entries are checked one by one; the message names the first bad one.
    sim.setFaults({ failNext: [{ status: 200, body: '{"latest":null,"employees":{"6":{"id":"6","action":"Updated"},"7":{"id":"7","lastChanged":"2026-01-01T00:00:00+00:00"}}}', contentType: 'application/json' }] });
    expect(((await good.changed('2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError).message).toBe(
      'BambooHR GET /api/v1/employees/changed answered unexpected data (employees: entry "7" is not an object with an action (and a string lastChanged, an id))',
    );
    sim.setFaults({ failNext: [{ status: 200, body: '{"latest":null,"employees":[]}', contentType: 'application/json' }] });
    expect(await good.changed('2026-01-01T00:00:00Z')).toEqual({ latest: null, employees: {} });
    sim.setFaults({ failNext: [{ status: 200, body: '{"table":"jobInfo","employees":{"6":{"lastChanged":null,"rows":[{"date":"2026-01-01"}]},"7":{"rows":[{"date":"2026-01-01"},"x"]}}}', contentType: 'application/json' }] });
    expect(((await good.changedTable('jobInfo', '2026-01-01T00:00:00Z').catch((e: unknown) => e)) as MlcError).message).toBe(
      'BambooHR GET /api/v1/employees/changed/tables/jobInfo answered unexpected data (employees: entry "7" is not an object with a list of row objects (and a string lastChanged))',
    );
    // Ids may arrive as numbers (reference §3.1): the reader keys employees by their text.
    sim.setFaults({ failNext: [{ status: 200, body: '{"latest":null,"employees":{"8":{"id":8,"action":"Deleted","lastChanged":"2026-01-02T00:00:00+00:00"}}}', contentType: 'application/json' }] });
    const numeric = await readChanges(good, bambooSettings(sim.url), { full: false });
    expect(numeric.employees.map((e) => [e.id, e.action])).toEqual([['8', 'deleted']]);
    sim.setFaults({ failNext: [{ status: 200, body: '{"table":"jobInfo","employees":[]}', contentType: 'application/json' }] });
    expect(await good.changedTable('jobInfo', '2026-01-01T00:00:00Z')).toEqual({ table: 'jobInfo', employees: {} });
    sim.setFaults(undefined);
  });

  it('re-reads what changed just before the cursor (the overlap), so a same-second edit is never lost', async () => {
    const e = sim.company.list()[7]!;
    sim.clock.advance(60_000);
    sim.company.update(e.id, { preferredName: 'Overlap' });
    const cursor = sim.clock.now().toISOString(); // as if the last run's latest were this very second
    const { client } = apiKeyClient(sim.url);
    const none = await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 0 }), { cursor, full: false });
    expect(none.employees.map((x) => x.id)).not.toContain(String(e.id));
    const cs = await readChanges(client, bambooSettings(sim.url, { changedOverlapMs: 30_000 }), { cursor, full: false });
    expect(cs.employees.map((x) => x.id)).toContain(String(e.id));
  });

  it('computes since with the overlap, in whole seconds with Z', () => {
    expect(sinceFrom('2026-11-23T10:00:00+00:00', 300_000)).toBe('2026-11-23T09:55:00Z');
    expect(sinceFrom(undefined, 300_000)).toBe('1970-01-01T00:00:00Z');
  });
});
