// The D365 adapter's writes against its simulator: upsert by read-then-POST/PATCH in one
// $batch (one changeset per record), only the differences patched, nothing sent when nothing
// differs, hold and release of the same vendor, the default dimension in the format's order
// (keeping segments mlc does not map), one refused record parked alone, duplicates turned
// into updates, throttled batches retried, and the request counts with and without $batch.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpOutcome } from '../../src/adapters/types.js';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { connect, dimensionOp, one, vendorOp } from '../sim-d365/adapter-helpers.js';
import { openSim } from '../sim-d365/helpers.js';

let sim: D365Sim;
beforeAll(async () => ({ sim } = await openSim({ latencyMs: 5 })));
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults(undefined);
  sim.requests.length = 0;
});

const dataRequests = () => sim.requests.filter((r) => r.path.startsWith('/data'));
/** $batch requests that write (the setup reads share a $batch of GETs). */
const writeBatches = () => dataRequests().filter((r) => r.path === '/data/$batch' && /^(POST|PATCH) /m.test(r.body ?? ''));
const failure = (o: OpOutcome) => (o.ok ? undefined : { code: o.error.code, message: o.error.message });

describe('D365 upserts', () => {
  it('creates a batch of vendors with one read and one $batch, the dimension in the format order', async () => {
    const { session } = await connect(sim);
    const ops = ['A1', 'A2', 'A3'].map((id) => vendorOp(id));
    const outcomes = await session.applyBatch(ops);
    expect(outcomes.map((o) => o.ok && o.erpKey)).toEqual(['EMP-A1', 'EMP-A2', 'EMP-A3']);
    expect(sim.state.vendor('usmf', 'EMP-A2')).toMatchObject({ VendorPartyType: 'Person', PersonLastName: 'LovelaceA2', VendorGroupId: 'EMPL', OnHoldStatus: 'No', DefaultLedgerDimensionDisplayValue: '-022-001--' });
    expect(writeBatches()).toHaveLength(1);
    expect(dataRequests().filter((r) => r.method === 'GET' && r.path === '/data/VendorsV2')).toHaveLength(1);
  });

  it('patches only what differs, sends nothing when nothing does, holds and releases the same vendor', async () => {
    const { session } = await connect(sim);
    await one(session, vendorOp('B1'));
    sim.requests.length = 0;
    expect(await one(session, vendorOp('B1', { kind: 'update' }))).toMatchObject({ ok: true, response: { unchanged: true } });
    expect(dataRequests().map((r) => r.method)).toEqual(['GET']);
    const moved = await one(session, vendorOp('B1', { kind: 'update' }, { $dimensions: { Department: '030', BusinessUnit: '001' } }));
    expect(moved).toMatchObject({ ok: true, response: { method: 'PATCH', fields: ['DefaultLedgerDimensionDisplayValue'] } });
    await one(session, vendorOp('B1', { kind: 'deactivate' }, { OnHoldStatus: 'All' }));
    expect(sim.state.vendor('usmf', 'EMP-B1')?.OnHoldStatus).toBe('All');
    const count = sim.state.vendorList('usmf').length;
    await one(session, vendorOp('B1', { kind: 'reactivate' }));
    expect(sim.state.vendor('usmf', 'EMP-B1')).toMatchObject({ OnHoldStatus: 'No', DefaultLedgerDimensionDisplayValue: '-022-001--' });
    expect(sim.state.vendorList('usmf')).toHaveLength(count);
  });

  it('keeps the dimension segments the flow does not map (a cost centre set in D365)', async () => {
    sim.state.addDimensionValue({ dimension: 'CostCenter', value: 'CC7', description: 'Seven' });
    sim.state.seedVendor({ dataAreaId: 'usmf', VendorAccountNumber: 'EMP-C1', VendorGroupId: 'EMPL', VendorPartyType: 'Person', PersonLastName: 'X', DefaultLedgerDimensionDisplayValue: 'CC7-020-002-DEN-' });
    const { session } = await connect(sim);
    await one(session, vendorOp('C1', { kind: 'update' }));
    expect(sim.state.vendor('usmf', 'EMP-C1')?.DefaultLedgerDimensionDisplayValue).toBe('CC7-022-001-DEN-');
  });

  it('a vendor already there is updated, never created again; two deliveries at once make one vendor', async () => {
    sim.state.seedVendor({ dataAreaId: 'usmf', VendorAccountNumber: 'EMP-D1', VendorGroupId: 'EMPL', VendorPartyType: 'Person', PersonLastName: 'Old' });
    const { session } = await connect(sim);
    expect(await one(session, vendorOp('D1'))).toMatchObject({ ok: true, response: { method: 'PATCH' } });
    expect(sim.state.vendor('usmf', 'EMP-D1')?.PersonLastName).toBe('LovelaceD1');
    // Both read "absent" before either writes; the second create meets the duplicate key and becomes an update.
    const [a, b] = await Promise.all([one(session, vendorOp('D2')), one(session, vendorOp('D2', {}, { PersonFirstName: 'Augusta' }))]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(sim.state.vendorList('usmf').filter((v) => v.VendorAccountNumber === 'EMP-D2')).toHaveLength(1);
    expect([a, b].map((o) => o.ok && o.attempts).sort()).toEqual([1, 2]);
  });

  it('one refused record is parked with the Infolog text; the others of the batch are written (500 or 400 alike)', async () => {
    const { session } = await connect(sim);
    sim.state.settings.build = 'legacy';
    try {
      const outcomes = await session.applyBatch([vendorOp('E1'), vendorOp('E2', {}, { CurrencyCode: 'XXX' }), vendorOp('E3')]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      expect(failure(outcomes[1]!)).toEqual({ code: 'record_rejected', message: "D365 refused vendor EMP-E2 in usmf: The value 'XXX' in field 'Currency' is not found in the related table 'Currencies'." });
      expect(sim.state.vendor('usmf', 'EMP-E3')).toBeDefined();
    } finally {
      sim.state.settings.build = 'current';
    }
  });

  it('refuses before writing: a vendor group the legal entity lacks, a dimension the format lacks; D365 refuses an unknown value', async () => {
    const { session } = await connect(sim);
    const [group, dim, value] = await session.applyBatch([vendorOp('F1', {}, { VendorGroupId: 'NOPE' }), vendorOp('F2', {}, { $dimensions: { Region: 'W' } }), vendorOp('F3', {}, { $dimensions: { Department: '999' } })]);
    expect(failure(group!)?.message).toBe('D365 vendor EMP-F1 in usmf: vendor group NOPE does not exist in legal entity usmf (VendorGroups)');
    expect(failure(dim!)?.message).toBe('D365 cannot set the dimensions of vendor EMP-F2: Region is not in the default dimension format CostCenter-Department-BusinessUnit-Location-ItemGroup (delimiter "-")');
    expect(failure(value!)?.message).toBe("D365 refused vendor EMP-F3 in usmf: Value '999' for dimension 'Department' does not exist.");
    expect(sim.stats.writes).toBeGreaterThan(0);
  });

  it('parks vendors with dimensions when no Default format is active, with the setup hint', async () => {
    const saved = sim.state.format;
    sim.state.setFormat(null);
    try {
      const { session } = await connect(sim);
      const [o] = await session.applyBatch([vendorOp('G1')]);
      expect(o!.ok === false && [o!.error.code, o!.error.message, o!.error.hint]).toEqual([
        'record_rejected', 'D365 cannot set the dimensions of vendor EMP-G1: no active Default dimension format is set up for integrating applications (DimensionIntegrationFormats)', expect.stringContaining('Financial dimension configuration for integrating applications'),
      ]);
    } finally {
      sim.state.setFormat(saved);
    }
  });

  it('a server error on one part fails that record only (open, retried next run)', async () => {
    const { session } = await connect(sim);
    sim.setFaults({ failNext: [{ status: 500, pathPrefix: '/data/VendorsV2', writes: true }] });
    const outcomes = await session.applyBatch([vendorOp('H1'), vendorOp('H2')]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['record_failed', 'ok']);
  });

  it('sends a changeset refused for now (503 inside a 200 $batch) again in the next round', async () => {
    const { session } = await connect(sim);
    sim.setFaults({ failNext: [{ status: 503, pathPrefix: '/data/VendorsV2', writes: true }] });
    expect(await one(session, vendorOp('H3'))).toMatchObject({ ok: true, attempts: 2 });
    expect(sim.state.vendor('usmf', 'EMP-H3')).toBeDefined();
  });

  it('retries a throttled $batch after its Retry-After and lowers the requests in flight', async () => {
    const { session, gate } = await connect(sim, { concurrency: 4 });
    await session.ping();
    sim.setFaults({ failNext: [{ status: 429, method: 'POST', pathPrefix: '/data/$batch', retryAfterSec: 1 }] });
    const t0 = Date.now();
    const outcomes = await session.applyBatch([vendorOp('I1'), vendorOp('I2')]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(writeBatches().map((r) => r.status)).toEqual([429, 200]);
    expect(gate.current).toBeLessThan(4);
  });

  it('stops the run when the service keeps throttling longer than allowed (rate_limited)', async () => {
    const { session } = await connect(sim);
    sim.setFaults({ failNext: [{ status: 429, method: 'POST', pathPrefix: '/data/$batch', retryAfterSec: 60 }] });
    await expect(session.applyBatch([vendorOp('J1')])).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('costs 2 requests per batch with $batch, 1 + one per record without', async () => {
    for (const batch of [true, false]) {
      const { session } = await connect(sim, { batch });
      await session.ping(); // token, format and vendor groups first: what follows is the batch's own cost
      sim.requests.length = 0;
      const ops = Array.from({ length: 10 }, (_, i) => vendorOp(`K${batch ? 'b' : 'p'}${i}`));
      expect((await session.applyBatch(ops)).every((o) => o.ok)).toBe(true);
      const writes = dataRequests().filter((r) => r.method !== 'GET' || r.path === '/data/VendorsV2');
      expect(writes.length).toBe(batch ? 2 : 11);
    }
  });
});

describe('D365 dimension values', () => {
  it('creates, renames and suspends a value; a code taken by another value is refused', async () => {
    const { session } = await connect(sim);
    expect(await one(session, dimensionOp('Q17', 'Quantum Research'))).toMatchObject({ ok: true, erpKey: 'Q17' });
    expect(sim.state.dimensionValueList().find((v) => v.DimensionValue === 'Q17')).toMatchObject({ FinancialDimension: 'Department', LegalEntityId: '', Description: 'Quantum Research', IsSuspended: 'No' });
    await one(session, dimensionOp('Q17', 'Quantum Lab', { kind: 'update', erpKey: 'Q17' }));
    await one(session, dimensionOp('Q17', 'Quantum Lab', { kind: 'deactivate', erpKey: 'Q17' }));
    expect(sim.state.dimensionValueList().find((v) => v.DimensionValue === 'Q17')).toMatchObject({ Description: 'Quantum Lab', IsSuspended: 'Yes' });
    // 010 exists, unlisted (unused and entity-backed): the create meets its duplicate, then the read cannot see it.
    expect(await one(session, dimensionOp('010', 'Engineering'))).toMatchObject({ ok: true, response: { unchanged: true } });
    sim.state.addDimensionValue({ dimension: 'Department', value: 'Q18', description: 'Quality', used: true });
    const taken = await one(session, dimensionOp('Q18', 'Quarry'));
    expect(failure(taken)?.message).toBe('D365 dimension value Department/Q18: the code exists already, described "Quality", not "Quarry"');
  });
});
