// Financial dimensions: the integration format and delimiter, display values on vendors
// (positional, blanks, extra segments dropped, validation), FinancialDimensionValues with the
// "only used or modified values are listed" caveat, create/rename/suspend, getSetDisplayValue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, errorOf, getToken, makeCert, openSim, person, startSim, vendorKey } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim()));
afterAll(() => sim.close());

type Row = Record<string, unknown>;
const rows = async (path: string): Promise<Row[]> => {
  const res = await api(sim, 'GET', path, { token });
  expect(res.status, res.text).toBe(200);
  return res.json<{ value: Row[] }>().value;
};
const departmentQuery = (company: string) =>
  `/data/FinancialDimensionValues?cross-company=true&$filter=${encodeURIComponent(`(LegalEntityId eq '${company}' and FinancialDimension eq 'Department') or (LegalEntityId eq '' and FinancialDimension eq 'Department')`)}`;
const codes = (r: Row[]) => r.map((x) => x['DimensionValue']).sort();
const DIM = 'DefaultLedgerDimensionDisplayValue';

describe('integration format', () => {
  it('serves the active default format and the delimiter as F&O entities', async () => {
    const formats = await rows(`/data/DimensionIntegrationFormats?$filter=${encodeURIComponent("IsActive eq Microsoft.Dynamics.DataEntities.NoYes'Yes' and DimensionFormatType eq Microsoft.Dynamics.DataEntities.DimensionHierarchyType'DataEntityDefaultDimensionFormat'")}`);
    expect(formats).toHaveLength(1);
    expect(formats[0]).toMatchObject({ FinancialDimensionFormat: 'CostCenter-Department-BusinessUnit-Location-ItemGroup', IsActive: 'Yes' });
    expect(await rows('/data/DimensionParameters')).toMatchObject([{ Key: 0, DimensionSegmentDelimiter: 'Hyphen' }]);
    expect((await rows('/data/DimensionAttributes')).map((d) => d['DimensionName'])).toContain('Department');
  });

  it('is read-only through OData', async () => {
    const res = await api(sim, 'POST', '/data/DimensionIntegrationFormats', { token, body: { DimensionFormatName: 'x' } });
    expect(res.status).toBe(405);
  });
});

describe('display values on vendors', () => {
  it('accepts "-022-001--", stores the canonical form, pads missing and drops extra trailing segments', async () => {
    expect((await api(sim, 'POST', '/data/VendorsV2', { token, body: person('DIM-1', { [DIM]: '-022-001--' }) })).status).toBe(201);
    expect(sim.state.vendor('usmf', 'DIM-1')?.[DIM]).toBe('-022-001--');
    await api(sim, 'POST', '/data/VendorsV2', { token, body: person('DIM-2', { [DIM]: '-022-001' }) });
    expect(sim.state.vendor('usmf', 'DIM-2')?.[DIM]).toBe('-022-001--');
    await api(sim, 'POST', '/data/VendorsV2', { token, body: person('DIM-3', { [DIM]: '-022-001-DEN--EXTRA' }) });
    expect(sim.state.vendor('usmf', 'DIM-3')?.[DIM]).toBe('-022-001-DEN-');
  });

  it('refuses an unknown value with an AxODataWriteException naming it', async () => {
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('DIM-4', { [DIM]: '-999-001--' }) });
    expect(res.status).toBe(400);
    const err = errorOf(res);
    expect(err.message).toBe('An error has occurred.');
    expect(err.innererror?.type).toBe('Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException');
    expect(err.innererror?.message).toBe(
      "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Error: Value '999' for dimension 'Department' does not exist.; Warning: validateField failed on field 'VendVendorV2Entity.DefaultLedgerDimensionDisplayValue'.",
    );
    expect(sim.state.vendor('usmf', 'DIM-4')).toBeUndefined();
  });

  it('refuses the suspended value', async () => {
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('DIM-5', { [DIM]: '-090---' }) });
    expect(errorOf(res).innererror?.message).toContain("Value '090' for dimension 'Department' is suspended.");
  });

  it('refuses any display value when no format is set up, and works again with another delimiter', async () => {
    expect((await control(sim, 'PUT', '/_sim/format', null)).status).toBe(200);
    const res = await api(sim, 'PATCH', vendorKey('usmf', 'DIM-1'), { token, body: { [DIM]: '-020-001--' } });
    expect(res.status).toBe(400);
    expect(errorOf(res).innererror?.message).toContain('Infolog: Error: No active format for data entities has been set up.');
    expect((await rows('/data/DimensionIntegrationFormats')).map((f) => f['DimensionFormatType'])).toEqual(['DataEntityLedgerDimensionFormat']);
    const noDim = await api(sim, 'PATCH', vendorKey('usmf', 'DIM-1'), { token, body: { OnHoldStatus: 'All' } });
    expect(noDim.status).toBe(204);
    await control(sim, 'PUT', '/_sim/format', { dimensions: ['Department', 'BusinessUnit'], delimiter: 'Period' });
    expect((await rows('/data/DimensionParameters'))[0]).toMatchObject({ DimensionSegmentDelimiter: 'Period' });
    expect((await api(sim, 'PATCH', vendorKey('usmf', 'DIM-1'), { token, body: { [DIM]: '020.001' } })).status).toBe(204);
    expect(sim.state.vendor('usmf', 'DIM-1')?.[DIM]).toBe('020.001');
    await control(sim, 'PUT', '/_sim/format', { dimensions: ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'], delimiter: 'Hyphen' });
  });

  it('builds a display value server-side with getSetDisplayValue', async () => {
    const res = await api(sim, 'POST', '/data/DimensionSets/Microsoft.Dynamics.DataEntities.getSetDisplayValue', {
      token,
      body: { _attributeNames: ['BusinessUnit', 'Department', 'Nope'], _attributeValues: ['001', '022', 'x'] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ '@odata.context': `${sim.url}/data/$metadata#Edm.String`, value: '-022-001--' });
  });
});

describe('FinancialDimensionValues', () => {
  it('lists entity-backed values only once used or modified (A.2), custom-list values always', async () => {
    const fresh = await startSim(await makeCert());
    try {
      const t = await getToken(fresh);
      const get = async (path: string) => (await api(fresh, 'GET', path, { token: t })).json<{ value: Row[] }>().value;
      expect(codes(await get(departmentQuery('usmf')))).toEqual(['032', '090']);
      expect(await get("/data/FinancialDimensionValues?$filter=FinancialDimension eq 'Location'")).toHaveLength(8);
      expect((await api(fresh, 'GET', "/data/FinancialDimensionValues(FinancialDimension='Department',LegalEntityId='',DimensionValue='010')", { token: t })).status).toBe(404);
      // using a value through a vendor makes it appear
      expect((await api(fresh, 'POST', '/data/VendorsV2', { token: t, body: person('USE-1', { [DIM]: '-010---' }) })).status).toBe(201);
      expect(codes(await get(departmentQuery('usmf')))).toEqual(['010', '032', '090']);
      await control(fresh, 'PATCH', '/_sim/settings', { dimensionListing: 'all' });
      expect(await get(departmentQuery('usmf'))).toHaveLength(13);
    } finally {
      await fresh.close();
    }
  });

  it('creates a value (201, then listed), refuses a duplicate and an unknown dimension', async () => {
    const body = { FinancialDimension: 'Department', LegalEntityId: '', DimensionValue: '050', Description: 'Support' };
    const res = await api(sim, 'POST', '/data/FinancialDimensionValues', { token, body });
    expect(res.status, res.text).toBe(201);
    expect(codes(await rows(departmentQuery('usmf')))).toContain('050');
    const dup = await api(sim, 'POST', '/data/FinancialDimensionValues', { token, body });
    expect(dup.status).toBe(400);
    expect(errorOf(dup).innererror?.message).toContain('Cannot create a record in Financial dimension values (DimensionAttributeValue). Dimension value: 050.');
    expect(errorOf(dup).innererror?.message).toContain('The record already exists.');
    // a hidden (unused) value exists all the same
    const hidden = await api(sim, 'POST', '/data/FinancialDimensionValues', { token, body: { ...body, DimensionValue: '011' } });
    expect(errorOf(hidden).innererror?.message).toContain('The record already exists.');
    const unknown = await api(sim, 'POST', '/data/FinancialDimensionValues', { token, body: { ...body, FinancialDimension: 'Region' } });
    expect(errorOf(unknown).innererror?.message).toContain("The value 'Region' in field 'Financial dimension' is not found in the related table 'Dimensions'.");
    expect((await api(sim, 'POST', '/data/VendorsV2', { token, body: person('USE-2', { [DIM]: '-050---' }) })).status).toBe(201);
  });

  it('renames and suspends a value by key; a suspended value cannot be used', async () => {
    const key = "/data/FinancialDimensionValues(FinancialDimension='Department',LegalEntityId='',DimensionValue='050')";
    expect((await api(sim, 'PATCH', key, { token, body: { Description: 'Customer Support' } })).status).toBe(204);
    expect((await api(sim, 'GET', key, { token })).json()).toMatchObject({ Description: 'Customer Support', IsSuspended: 'No' });
    expect((await api(sim, 'PATCH', key, { token, body: { IsSuspended: 'Yes' } })).status).toBe(204);
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('USE-3', { [DIM]: '-050---' }) });
    expect(errorOf(res).innererror?.message).toContain('is suspended');
  });

  it('control API adds, renames and marks values', async () => {
    expect((await control(sim, 'POST', '/_sim/dimension-values', { dimension: 'BusinessUnit', value: '004', description: 'LATAM' })).status).toBe(201);
    expect((await control(sim, 'PATCH', '/_sim/dimension-values/BusinessUnit/004', { used: true })).status).toBe(200);
    const bu = await rows("/data/FinancialDimensionValues?$filter=FinancialDimension eq 'BusinessUnit'");
    expect(codes(bu)).toContain('004');
    expect((await control(sim, 'POST', '/_sim/dimension-values', { dimension: 'Nope', value: '1' })).status).toBe(400);
  });
});
