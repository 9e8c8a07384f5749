// GET /data/$metadata (CSDL) and the environment switches that remove a set or a property,
// or rename the vendor's dimension field; the service document.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, errorOf, getToken, openSim, person, startSim, type TestCert } from './helpers.js';

let cert: TestCert;
let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token, cert } = await openSim()));
afterAll(() => sim.close());

interface Edm {
  sets: string[];
  types: Map<string, { keys: string[]; props: Map<string, string> }>;
  enums: Map<string, string[]>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function metadata(s: D365Sim, t: string): Promise<Edm> {
  const res = await api(s, 'GET', '/data/$metadata', { token: t });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/xml');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.text) as Record<string, any>;
  const schema = doc['edmx:Edmx']['edmx:DataServices'].Schema;
  expect(schema.Namespace).toBe('Microsoft.Dynamics.DataEntities');
  expect(schema.EntityContainer.Name).toBe('Resources');
  const types = new Map<string, { keys: string[]; props: Map<string, string> }>();
  for (const t of list<any>(schema.EntityType)) {
    types.set(t.Name, { keys: list<any>(t.Key.PropertyRef).map((r) => r.Name), props: new Map(list<any>(t.Property).map((p) => [p.Name, p.Type])) });
  }
  const enums = new Map<string, string[]>(list<any>(schema.EnumType).map((e) => [e.Name, list<any>(e.Member).map((m) => m.Name)]));
  return { sets: list<any>(schema.EntityContainer.EntitySet).map((s) => s.Name), types, enums };
}

describe('$metadata', () => {
  it('describes VendorsV2 with its key, the A.1 fields and the enums', async () => {
    const edm = await metadata(sim, token);
    expect(edm.sets).toEqual(expect.arrayContaining(['VendorsV2', 'VendorsV3', 'VendorGroups', 'FinancialDimensionValues', 'DimensionIntegrationFormats', 'DimensionParameters', 'DimensionAttributes']));
    const v = edm.types.get('VendorV2');
    expect(v?.keys).toEqual(['dataAreaId', 'VendorAccountNumber']);
    expect(v?.props.get('VendorPartyType')).toBe('Edm.String');
    expect(v?.props.get('OnHoldStatus')).toBe('Microsoft.Dynamics.DataEntities.CustVendorBlocked');
    for (const p of ['PersonFirstName', 'PersonLastName', 'PrimaryEmailAddress', 'CurrencyCode', 'DefaultPaymentTermsName', 'DefaultVendorPaymentMethodName', 'DefaultLedgerDimensionDisplayValue']) {
      expect(v?.props.has(p), p).toBe(true);
    }
    expect(v?.props.has('DefaultDimensionDisplayValue')).toBe(false);
    expect(v?.props.has('VendorName')).toBe(false);
    expect(edm.types.get('FinancialDimensionValue')?.keys).toEqual(['FinancialDimension', 'LegalEntityId', 'DimensionValue']);
    expect(edm.types.get('DimensionParameter')?.props.get('Key')).toBe('Edm.Int32');
    expect(edm.enums.get('CustVendorBlocked')).toEqual(['No', 'Invoice', 'All', 'Payment', 'Requisition', 'Never', 'PurchOrder']);
    expect(edm.enums.get('DimensionHierarchyType')).toEqual(['DataEntityDefaultDimensionFormat', 'DataEntityLedgerDimensionFormat']);
  });

  it('lists the sets in the service document', async () => {
    const res = await api(sim, 'GET', '/data', { token });
    expect(res.json<{ value: Array<{ name: string }> }>().value.map((s) => s.name)).toContain('VendorsV2');
  });

  it('can lack a set or a field; a missing field is then refused on write', async () => {
    const s = await startSim(cert, { schema: { omitEntitySets: ['DimensionIntegrationFormats'], omitProperties: { VendorsV2: ['DefaultLedgerDimensionDisplayValue'] } } });
    try {
      const t = await getToken(s);
      const edm = await metadata(s, t);
      expect(edm.sets).not.toContain('DimensionIntegrationFormats');
      expect(edm.types.get('VendorV2')?.props.has('DefaultLedgerDimensionDisplayValue')).toBe(false);
      expect(edm.types.get('VendorV3')?.props.has('DefaultLedgerDimensionDisplayValue')).toBe(true);
      const gone = await api(s, 'GET', '/data/DimensionIntegrationFormats', { token: t });
      expect(gone.status).toBe(404);
      const res = await api(s, 'POST', '/data/VendorsV2', { token: t, body: person('M-1', { DefaultLedgerDimensionDisplayValue: '-022---' }) });
      expect(res.status).toBe(400);
      expect(errorOf(res).innererror?.message).toContain("The property 'DefaultLedgerDimensionDisplayValue' does not exist");
    } finally {
      await s.close();
    }
  });

  it('can name the dimension field differently (control API)', async () => {
    expect((await control(sim, 'POST', '/_sim/schema', { vendorDimensionField: 'DefaultDimensionDisplayValue' })).status).toBe(200);
    try {
      const edm = await metadata(sim, token);
      expect(edm.types.get('VendorV2')?.props.has('DefaultDimensionDisplayValue')).toBe(true);
      const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('M-2', { DefaultDimensionDisplayValue: '-022-001--' }) });
      expect(res.status, res.text).toBe(201);
      expect(sim.state.vendor('usmf', 'M-2')?.['DefaultDimensionDisplayValue']).toBe('-022-001--');
    } finally {
      await control(sim, 'POST', '/_sim/schema', {});
    }
    expect((await control(sim, 'POST', '/_sim/schema', { omitProperties: { VendorsV2: ['dataAreaId'] } })).status).toBe(400);
  });
});
