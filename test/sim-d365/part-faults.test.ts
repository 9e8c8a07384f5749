// failNext entries that refuse one record: `writes` lets the read before a write pass,
// `infolog` answers D365's business-error body, and a pathPrefix also reaches a request inside
// a $batch, where only that changeset fails (and rolls back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { buildBatch, parseBatchAnswer } from './batch-helpers.js';
import { api, control, errorOf, openSim, person } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim()));
afterAll(() => sim.close());

describe('failNext for one record', () => {
  it('writes: a GET passes, the next write gets the business error with the Infolog text', async () => {
    sim.setFaults({ failNext: [{ status: 400, pathPrefix: '/data/VendorsV2', writes: true, infolog: "Field 'Terms of payment' must be filled in." }] });
    expect((await api(sim, 'GET', '/data/VendorsV2', { token })).status).toBe(200);
    const refused = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('PF-1') });
    expect(refused.status).toBe(400);
    const e = errorOf(refused);
    expect(e.innererror?.type).toMatch(/AxODataWriteException$/);
    expect(e.innererror?.message).toBe("Write failed for table row of type 'VendVendorV2Entity'. Infolog: Warning: Field 'Terms of payment' must be filled in.");
    expect(sim.state.vendor('usmf', 'PF-1')).toBeUndefined();
    expect((await api(sim, 'POST', '/data/VendorsV2', { token, body: person('PF-1') })).status).toBe(201);
  });

  it('inside a $batch only the named part fails; the other changesets commit', async () => {
    sim.setFaults({ failNext: [{ status: 500, pathPrefix: '/data/VendorsV2', writes: true }] });
    const { body, contentType } = buildBatch([[{ method: 'POST', url: 'VendorsV2', body: person('PF-2'), contentId: '1' }], [{ method: 'POST', url: 'VendorsV2', body: person('PF-3'), contentId: '2' }]], sim.url);
    const res = await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': contentType } });
    expect(res.status).toBe(200);
    const answers = parseBatchAnswer(res.text, res.headers.get('content-type') ?? '');
    expect(answers.map((a) => a.parts.map((p) => p.status))).toEqual([[500], [201]]);
    expect(sim.state.vendor('usmf', 'PF-2')).toBeUndefined();
    expect(sim.state.vendor('usmf', 'PF-3')).toBeDefined();
  });

  it('a batch-level entry (no pathPrefix) still hits the $batch request, not its parts', async () => {
    sim.setFaults({ failNext: [{ status: 503 }] });
    const { body, contentType } = buildBatch([[{ method: 'POST', url: 'VendorsV2', body: person('PF-4'), contentId: '1' }]], sim.url);
    expect((await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': contentType } })).status).toBe(503);
    expect(sim.state.vendor('usmf', 'PF-4')).toBeUndefined();
  });

  it('the control API takes and validates the new keys', async () => {
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ status: 400, writes: true, infolog: 'x' }] })).status).toBe(200);
    expect((await control(sim, 'POST', '/_sim/faults', { failNext: [{ status: 400, infolog: '' }] })).status).toBe(400);
    await control(sim, 'POST', '/_sim/faults', null);
  });
});

describe('seeded faults inside a $batch', () => {
  it('parts: the seeded rate answers some parts 503 (rolled back), the batch itself 200', async () => {
    sim.setFaults({ seed: 5, rate: 0.5, kinds: ['503'], parts: true });
    const ops = Array.from({ length: 12 }, (_, i) => [{ method: 'POST', url: 'VendorsV2', body: person(`SP-${i}`), contentId: String(i + 1) }]);
    const { body, contentType } = buildBatch(ops, sim.url);
    let res = await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': contentType } });
    // the batch request itself may be hit too: send until it goes through
    while (res.status !== 200) res = await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': contentType } });
    sim.setFaults(undefined);
    const statuses = parseBatchAnswer(res.text, res.headers.get('content-type') ?? '').map((a) => a.parts[0]!.status);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s === 201).length).toBe(sim.state.vendorList('usmf').filter((v) => String(v.VendorAccountNumber).startsWith('SP-')).length);
  });
});
