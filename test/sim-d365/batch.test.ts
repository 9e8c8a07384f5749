// $batch: atomic changesets (rolled back, answered by one error with the first Content-ID),
// independent changesets, requests outside changesets, Content-ID echo and $n references,
// the outer 200 when parts fail, continue-on-error and malformed bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { buildBatch, parseBatchAnswer, type BatchItem, type ItemAnswer } from './batch-helpers.js';
import { api, control, openSim, person } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim()));
afterAll(() => sim.close());
beforeEach(async () => {
  await control(sim, 'PATCH', '/_sim/settings', { batchContinueOnError: true, failedChangesetContentId: 'first', build: 'current' });
});

async function batch(items: readonly BatchItem[], headers: Record<string, string> = {}): Promise<{ status: number; items: ItemAnswer[]; contentType: string }> {
  const { body, contentType } = buildBatch(items, sim.url);
  const res = await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': contentType, ...headers } });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, contentType: type, items: type.startsWith('multipart/mixed') ? parseBatchAnswer(res.text, type) : [] };
}

const post = (account: string, contentId: string, extra: Record<string, unknown> = {}) => ({ method: 'POST', url: 'VendorsV2', contentId, body: person(account, extra) });

describe('changesets', () => {
  it('commits a good changeset and echoes each Content-ID with its 201', async () => {
    const res = await batch([[post('B-1', '1'), post('B-2', '2')]]);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(res.items).toHaveLength(1);
    expect(res.items[0]?.changeset).toBe(true);
    expect(res.items[0]?.parts.map((p) => [p.contentId, p.status])).toEqual([['1', 201], ['2', 201]]);
    expect(JSON.parse(res.items[0]?.parts[1]?.body ?? '{}')).toMatchObject({ VendorAccountNumber: 'B-2' });
    expect(sim.state.vendor('usmf', 'B-1')).toBeDefined();
  });

  it('rolls the whole changeset back when its second request fails, answering one error with Content-ID 1 and an outer 200', async () => {
    const before = sim.stats.writes;
    const res = await batch([[post('B-3', '1'), post('B-4', '2', { VendorGroupId: 'NOPE' })]]);
    expect(res.status).toBe(200);
    const parts = res.items[0]?.parts ?? [];
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ contentId: '1', status: 400 });
    const err = JSON.parse(parts[0]?.body ?? '{}') as { error: { innererror: { message: string; stacktrace: string } } };
    expect(err.error.innererror.message).toContain("The value 'NOPE' in field 'Vendor group' is not found in the related table 'Vendor groups'.");
    expect(err.error.innererror.stacktrace).toContain('AxODataBatchHandler.ExecuteRequestMessagesAsync');
    expect(sim.state.vendor('usmf', 'B-3')).toBeUndefined();
    expect(sim.stats.writes).toBe(before);
    expect(sim.stats.changesetsRolledBack).toBeGreaterThanOrEqual(1);
  });

  it('keeps changesets independent: one bad employee does not roll back the others', async () => {
    const res = await batch([[post('B-5', '1')], [post('B-1', '2')], [post('B-6', '3')]]);
    expect(res.items.map((i) => i.parts.map((p) => p.status))).toEqual([[201], [400], [201]]);
    expect(res.items[1]?.parts[0]?.body).toContain('The record already exists.');
    expect(sim.state.vendor('usmf', 'B-5')).toBeDefined();
    expect(sim.state.vendor('usmf', 'B-6')).toBeDefined();
  });

  it('can name the failing request instead (setting), and undoes dimension-value usage', async () => {
    await control(sim, 'PATCH', '/_sim/settings', { failedChangesetContentId: 'failing' });
    const before = sim.state.dimensionValueList().find((v) => v['DimensionValue'] === '011')?.['used'];
    const res = await batch([[post('B-7', '7', { DefaultLedgerDimensionDisplayValue: '-011---' }), post('B-8', '8', { CurrencyCode: 'XXX' })]]);
    expect(res.items[0]?.parts.map((p) => [p.contentId, p.status])).toEqual([['8', 400]]);
    expect(sim.state.dimensionValueList().find((v) => v['DimensionValue'] === '011')?.['used']).toBe(before);
  });

  it('resolves $n to an entity created earlier in the changeset', async () => {
    const res = await batch([[post('B-9', '1'), { method: 'PATCH', url: '$1', contentId: '2', body: { OnHoldStatus: 'All' } }]]);
    expect(res.items[0]?.parts.map((p) => p.status)).toEqual([201, 204]);
    expect(sim.state.vendor('usmf', 'B-9')?.['OnHoldStatus']).toBe('All');
  });

  it('refuses a GET inside a changeset', async () => {
    const res = await batch([[post('B-10', '1'), { method: 'GET', url: 'VendorGroups', contentId: '2' }]]);
    expect(res.items[0]?.parts[0]?.status).toBe(400);
    expect(sim.state.vendor('usmf', 'B-10')).toBeUndefined();
  });

  it('uses 500 inside the batch on legacy builds', async () => {
    await control(sim, 'PATCH', '/_sim/settings', { build: 'legacy' });
    const res = await batch([[post('B-11', '1', { VendorGroupId: '' })]]);
    expect(res.items[0]?.parts[0]?.status).toBe(500);
    expect(res.items[0]?.parts[0]?.body).toContain("Field 'Vendor group' must be filled in.");
  });
});

describe('requests outside changesets', () => {
  it('answers each one on its own, GETs included, and the outer status stays 200', async () => {
    const res = await batch([
      { method: 'GET', url: "VendorsV2(dataAreaId='usmf',VendorAccountNumber='B-1')?$select=VendorAccountNumber", contentId: 'a' },
      post('B-1', 'b'),
      { method: 'PATCH', url: `${sim.url}/data/VendorsV2(dataAreaId='usmf',VendorAccountNumber='B-2')`, contentId: 'c', body: { OnHoldStatus: 'All' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.items.map((i) => [i.changeset, i.parts[0]?.contentId, i.parts[0]?.status])).toEqual([
      [false, 'a', 200],
      [false, 'b', 400],
      [false, 'c', 204],
    ]);
    expect(JSON.parse(res.items[0]?.parts[0]?.body ?? '{}')).toMatchObject({ VendorAccountNumber: 'B-1' });
    expect(sim.state.vendor('usmf', 'B-2')?.['OnHoldStatus']).toBe('All');
  });

  it('stops after the first failure when continue-on-error is off, unless the client prefers it', async () => {
    await control(sim, 'PATCH', '/_sim/settings', { batchContinueOnError: false });
    const items = [post('B-1', '1'), post('B-12', '2')];
    expect((await batch(items)).items).toHaveLength(1);
    expect(sim.state.vendor('usmf', 'B-12')).toBeUndefined();
    expect((await batch(items, { Prefer: 'odata.continue-on-error' })).items).toHaveLength(2);
    expect(sim.state.vendor('usmf', 'B-12')).toBeDefined();
  });
});

describe('malformed batches', () => {
  it('answers 400 for a missing boundary, an unterminated body or a bad request line', async () => {
    const noBoundary = await api(sim, 'POST', '/data/$batch', { token, rawBody: 'x', headers: { 'Content-Type': 'multipart/mixed' } });
    expect(noBoundary.status).toBe(400);
    const open = await api(sim, 'POST', '/data/$batch', { token, rawBody: '--b\r\nContent-Type: application/http\r\n\r\nGET VendorGroups HTTP/1.1\r\n\r\n', headers: { 'Content-Type': 'multipart/mixed; boundary=b' } });
    expect(open.status).toBe(400);
    const badLine = await api(sim, 'POST', '/data/$batch', { token, rawBody: '--b\r\nContent-Type: application/http\r\n\r\nFETCH\r\n\r\n--b--\r\n', headers: { 'Content-Type': 'multipart/mixed; boundary=b' } });
    expect(badLine.status).toBe(400);
    expect(sim.stats.batches).toBeGreaterThan(0);
  });
});
