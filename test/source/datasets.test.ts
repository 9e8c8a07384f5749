// The bulk read through BambooHR datasets against the simulator, over real HTTP: key-ordered
// pages in a full read, the `eeid in (…)` filter of an incremental read and its request budget,
// the fallback to the custom report (remembered in the state's kv store), the bulkRead
// override, the silent-drop guard, 413 handling and problem details in errors.
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BambooHrSettings } from '../../src/config/types.js';
import type { MlcError } from '../../src/domain/errors.js';
import { BULK_MEMORY_KEY } from '../../src/source/bamboohr/bulk.js';
import { datasetFieldsFor } from '../../src/source/bamboohr/dataset-fields.js';
import { fieldsToRead } from '../../src/source/bamboohr/fields.js';
import { openChanges, readChanges, type EmployeeChange } from '../../src/source/bamboohr/reader.js';
import { startBambooSim, type BambooSim, type RecordedRequest } from '../../src/sim/bamboohr/index.js';
import { State } from '../../src/store/state.js';
import { apiKeyClient, bambooSettings, RESTRICTED_KEY } from '../helpers/bamboo.js';
import { useTempDir } from '../helpers/tmp.js';

const DATA = '/api/v2/datasets/employee/data';
const REPORT = '/api/v1/reports/custom';
const tmp = useTempDir();
let sim: BambooSim;
beforeAll(async () => {
  sim = await startBambooSim({ seed: 7, size: 1100, start: '2026-11-23T15:00:00Z' });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.requests.length = 0;
  sim.setDatasets({ refuse: null, cellBudget: 250_000 });
});

const settings = (over: Partial<BambooHrSettings> = {}) => bambooSettings(sim.url, { changedOverlapMs: 0, perEmployeeMax: 0, ...over });
const paths = () => sim.requests.map((r) => r.path);
const bodies = (): Array<{ fields: string[]; filter?: string; orderBy?: string; page: number; pageSize: number }> =>
  sim.requests.filter((r: RecordedRequest) => r.path === DATA).map((r) => JSON.parse(r.body ?? '{}'));
const openState = (dir: string, readonly = false) => State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 2000, readonly });

/** Changes `n` employees one second after a fresh cursor; returns the cursor and their ids. */
function change(n: number): { cursor: string; ids: string[] } {
  const cursor = sim.clock.now().toISOString();
  sim.clock.advance(1000);
  const ids = sim.company.list().slice(0, n).map((e) => {
    sim.company.update(e.id, { preferredName: `P${e.id}-${sim.clock.now().getTime()}` });
    return String(e.id);
  });
  return { cursor, ids };
}

describe('bulk read through datasets', () => {
  it('reads a full company in key-ordered pages of 1000, each a chunk of the paged form, same fields as the report', async () => {
    const { client, counter } = apiKeyClient(sim.url);
    const stream = await openChanges(client, settings(), { full: true });
    const sizes: number[] = [];
    const all: EmployeeChange[] = [];
    // Each all-rows table comes ahead in chunks of its own (tablesOnly); then the bulk pages.
    for await (const page of stream.pages) if (!page[0]?.tablesOnly) (sizes.push(page.length), all.push(...page));
    expect(sizes).toEqual([1000, 100]);
    expect(counter.get('bamboohr')).toBe(1 + 3 + 2);
    const sent = bodies();
    const firstPage = all.slice(0, 1000).map((e) => Number(e.id));
    expect(sent.map((b) => b.filter)).toEqual([undefined, `eeid gt ${Math.max(...firstPage)}`]);
    expect(Math.min(...all.slice(1000).map((e) => Number(e.id)))).toBeGreaterThan(Math.max(...firstPage));
    expect(sent.every((b) => b.orderBy === 'eeid asc' && b.pageSize === 1000 && b.page === 1)).toBe(true);
    expect(sent[0]!.fields).toEqual(datasetFieldsFor(fieldsToRead({ tables: ['jobInfo', 'employmentStatus', 'compensation'], extra: [] })));
    expect(new Set(all.map((e) => e.id)).size).toBe(sim.company.list().length);
    // The custom report reads the same values: the two bulk reads are interchangeable.
    const viaReport = await readChanges(apiKeyClient(sim.url).client, settings({ bulkRead: 'report' }), { full: true });
    const byId = new Map(viaReport.employees.map((e) => [e.id, e.fields]));
    for (const e of all) expect(e.fields, e.id).toEqual(byId.get(e.id));
    const sample = all.find((e) => e.fields?.payRate)!;
    expect(sample.fields).toMatchObject({ payRate: expect.stringMatching(/^\d+\.\d{2}$/), payCurrency: expect.stringMatching(/^[A-Z]{3}$/) });
    expect(viaReport.employees.find((e) => e.id === sample.id)!.tables.jobInfo!.length).toBeGreaterThan(0);
  });

  it('reads 1,000 changed people with one dataset request (5 in all), filtered by eeid; 1,001 cost one more', async () => {
    const { cursor, ids } = change(1000);
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, settings(), { cursor, full: false });
    expect(counter.get('bamboohr')).toBe(5);
    expect(cs.employees.filter((e) => e.fields?.preferredName?.startsWith('P'))).toHaveLength(1000);
    const [body] = bodies();
    expect(body).toMatchObject({ page: 1, pageSize: 1000 });
    expect(body!.filter).toBe(`eeid in (${cs.employees.map((e) => e.id).join(',')})`);
    expect(new Set(body!.filter!.slice(9, -1).split(','))).toEqual(new Set(ids));
    const more = change(1001);
    const two = apiKeyClient(sim.url);
    await readChanges(two.client, settings(), { cursor: more.cursor, full: false });
    expect(two.counter.get('bamboohr')).toBe(6);
    expect(bodies().slice(1).map((b) => b.pageSize)).toEqual([1000, 1]);
  });

  for (const refuse of [403, 404, 422] as const) {
    it(`falls back to the custom report when datasets answer ${refuse}, and remembers it in the state`, async () => {
      const state = openState(tmp());
      sim.setDatasets({ refuse });
      const { cursor } = change(3);
      const { client, counter } = apiKeyClient(sim.url);
      const cs = await readChanges(client, settings(), { cursor, full: false, memory: state.kv });
      expect(counter.get('bamboohr')).toBe(6); // the refusal costs one request, once
      expect(paths().slice(-2)).toEqual([DATA, REPORT]);
      expect(cs.employees.every((e) => e.fields?.firstName)).toBe(true);
      expect(cs.notes.join('\n')).toMatch(new RegExp(`^BambooHR refused the dataset read \\(BambooHR POST ${DATA}: HTTP ${refuse} .+\\); reading with the custom report instead \\(remembered in the state\\)$`, 'm'));
      expect(JSON.parse(state.kv.get(BULK_MEMORY_KEY)!)).toMatchObject({ mode: 'report', status: refuse });
      sim.requests.length = 0;
      const again = apiKeyClient(sim.url);
      await readChanges(again.client, settings(), { cursor, full: false, memory: state.kv });
      expect(again.counter.get('bamboohr')).toBe(5);
      expect(paths()).not.toContain(DATA);
      // A dry run opens the state read-only: the fallback still works, it just is not kept.
      state.close();
      const fresh = tmp();
      openState(fresh).close();
      const ro = openState(fresh, true);
      const dry = await readChanges(apiKeyClient(sim.url).client, settings(), { cursor, full: false, memory: ro.kv });
      expect(dry.notes.join('\n')).toMatch(/reading with the custom report instead \(not remembered: .*readonly/);
      ro.close();
    });
  }

  it('tries datasets again on a full read after a remembered refusal, and forgets the refusal when they answer', async () => {
    const state = openState(tmp());
    state.kv.put(BULK_MEMORY_KEY, JSON.stringify({ mode: 'report', status: 403 }), new Date().toISOString());
    const cs = await readChanges(apiKeyClient(sim.url).client, settings(), { full: true, memory: state.kv });
    expect(paths()).not.toContain(REPORT);
    expect(cs.notes).toContain('BambooHR now answers the dataset read; using it again instead of the custom report (remembered in the state)');
    expect(JSON.parse(state.kv.get(BULK_MEMORY_KEY)!)).toEqual({ mode: 'datasets' });
    state.close();
  });

  it('obeys bulkRead: report never asks for datasets; datasets never falls back, and says how to', async () => {
    const { cursor } = change(2);
    await readChanges(apiKeyClient(sim.url).client, settings({ bulkRead: 'report' }), { cursor, full: false });
    await readChanges(apiKeyClient(sim.url).client, settings({ bulkRead: 'report' }), { full: true });
    expect(paths().filter((p) => p === REPORT)).toHaveLength(2);
    expect(paths()).not.toContain(DATA);
    const state = openState(tmp());
    sim.requests.length = 0;
    sim.setDatasets({ refuse: 422, problemType: 'application/json' });
    const err = (await readChanges(apiKeyClient(sim.url).client, settings({ bulkRead: 'datasets' }), { cursor, full: false, memory: state.kv }).catch((e: unknown) => e)) as MlcError;
    sim.setDatasets({ problemType: 'application/problem+json' });
    expect(err.code).toBe('http_status');
    expect(err.message).toBe(`BambooHR POST ${DATA}: HTTP 422 Unprocessable Entity: Validation failed: the filter expression is not supported for this dataset [VALIDATION_FAILED]`);
    expect(err.hint).toMatch(/bulkRead is "datasets"; set it to auto \(or report\)/);
    expect(paths()).not.toContain(REPORT);
    expect(state.kv.get(BULK_MEMORY_KEY)).toBeUndefined();
    state.close();
  });

  it('trips the silent-drop guard on fields datasets leave out, naming them in both vocabularies, before the first employee is handed on', async () => {
    const { client } = apiKeyClient(sim.url, RESTRICTED_KEY);
    const stream = await openChanges(client, settings(), { full: true });
    const iterator = stream.pages[Symbol.asyncIterator]();
    // The all-rows tables come first, as rows to store (tablesOnly); the verdict comes before any employee.
    let next: unknown;
    do next = await iterator.next().catch((e: unknown) => e);
    while (!(next instanceof Error) && !(next as IteratorResult<EmployeeChange[]>).done && (next as IteratorResult<EmployeeChange[]>).value[0]?.tablesOnly);
    const err = next as MlcError;
    expect(err.code).toBe('fields_missing');
    expect(err.message).toContain('payRate (compensationPayRate, compensationPayRateCurrencyCode), payType (compensationPayType), payPer (compensationPaidPer)');
    expect((err.details?.missing as string[]).sort()).toEqual(['compensation.paidPer', 'compensation.rate', 'compensation.type', 'payPer', 'payRate', 'payType']);
    const { cursor } = change(2);
    const incremental = (await readChanges(client, settings({ allowMissingFields: ['compensation.paidPer', 'compensation.rate', 'compensation.type'] }), { cursor, full: false }).catch((e: unknown) => e)) as MlcError;
    expect(incremental.message).toMatch(/^BambooHR did not return 3 requested fields: payRate \(compensationPayRate, compensationPayRateCurrencyCode\), payType/);
  });

  it('answers a 413 by reading fewer employees per request, then fails clearly if one is already too much', async () => {
    const perRow = datasetFieldsFor(fieldsToRead({ tables: ['jobInfo', 'employmentStatus', 'compensation'], extra: [] })).length;
    sim.setDatasets({ cellBudget: 300 * perRow });
    const full = await readChanges(apiKeyClient(sim.url).client, settings(), { full: true });
    expect(new Set(full.employees.map((e) => e.id)).size).toBe(sim.company.list().length);
    expect(bodies().map((b) => b.pageSize)).toEqual([1000, 500, ...Array(5).fill(250)]);
    expect(full.notes).toContain(
      `BambooHR answered 413 for a dataset page (BambooHR POST ${DATA}: HTTP 413 Content Too Large: The request produced too much data: 1000 rows × ${perRow} fields is over ${300 * perRow} values; ask for fewer rows (pageSize) or fields [TOO_MUCH_DATA]); reading 500 employees per request for the rest of this read`,
    );
    sim.requests.length = 0;
    const { cursor } = change(1000);
    const { client, counter } = apiKeyClient(sim.url);
    const cs = await readChanges(client, settings(), { cursor, full: false });
    expect(cs.employees.filter((e) => e.fields)).toHaveLength(1000);
    expect(bodies().map((b) => b.pageSize)).toEqual([1000, 500, 250, 250, 250, 250]);
    expect(counter.get('bamboohr')).toBe(4 + 6);
    sim.setDatasets({ cellBudget: 3 });
    const err = (await readChanges(apiKeyClient(sim.url).client, settings(), { full: true }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('http_status');
    expect(err.message).toMatch(new RegExp(`^BambooHR's dataset read answered 413 even for a single employee with ${perRow} fields: BambooHR POST ${DATA}: HTTP 413 Content Too Large: The request produced too much data: 1 rows`));
    expect(err.hint).toContain('bamboohr.bulkRead: report');
  });

  it('surfaces problem details: an extra field the dataset does not know is named in the error', async () => {
    const err = (await readChanges(apiKeyClient(sim.url).client, settings({ fields: ['shirtSize'] }), { full: true }).catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('http_status');
    expect(err.message).toBe(`BambooHR POST ${DATA}: HTTP 400 Bad Request: Unknown field: shirtSize [INVALID_FIELDS] (shirtSize: unknown field)`);
    expect(err.details).toMatchObject({ status: 400, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('refuses a page whose rows are not objects with fields, naming the first bad row', async () => {
    const body = JSON.stringify({ data: [{ fields: { eeid: '1' } }, { fields: { eeid: '2' } }, { eeid: '3' }], meta: { page: 1, pageSize: 1000, totalPages: 1, totalItems: 3 } });
    sim.setFaults({ failNext: [{ status: 200, pathPrefix: DATA, body, contentType: 'application/json' }] });
    const err = (await readChanges(apiKeyClient(sim.url).client, settings(), { full: true }).catch((e: unknown) => e)) as MlcError;
    sim.setFaults(undefined);
    expect(err.code).toBe('bad_response');
    expect(err.message).toBe(`BambooHR POST ${DATA} answered unexpected data (data: row 2 is not an object with a fields object)`);
  });
});
