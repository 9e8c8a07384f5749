// VendorsV2: key syntax, create/read/update, company scoping and cross-company, $filter,
// $select, $top/$skip/$count, server-driven paging, enum member names, etags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, errorOf, openSim, person, vendorKey } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => ({ sim, token } = await openSim({ settings: { pageSize: 3 } })));
afterAll(() => sim.close());

type Vendor = Record<string, unknown>;
interface Collection {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Vendor[];
}

const list = async (query: string): Promise<Collection> => {
  const res = await api(sim, 'GET', `/data/VendorsV2?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.json<Collection>();
};

describe('create and read', () => {
  it('creates a person vendor: 201 with the entity, defaults, Location and an etag', async () => {
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-1', { CurrencyCode: 'USD', DefaultPaymentTermsName: 'Net30', DefaultVendorPaymentMethodName: 'CHECK' }) });
    expect(res.status, res.text).toBe(201);
    const v = res.json<Vendor>();
    expect(v).toMatchObject({
      '@odata.context': `${sim.url}/data/$metadata#VendorsV2/$entity`,
      dataAreaId: 'usmf',
      VendorAccountNumber: 'EMP-1',
      VendorPartyType: 'Person',
      PersonFirstName: 'Ada',
      OnHoldStatus: 'No',
      IsOneTimeVendor: 'No',
      VendorHoldReleaseDate: '1900-01-01T12:00:00Z',
      PersonMiddleName: '',
      DefaultLedgerDimensionDisplayValue: '',
      DefaultPaymentTermsName: 'Net30',
    });
    expect(v['@odata.etag']).toMatch(/^W\/".+"$/);
    expect(v['VendorPartyNumber']).toMatch(/^\d{9}$/);
    expect(res.headers.get('location')).toBe(`${sim.url}/data/VendorsV2(dataAreaId='usmf',VendorAccountNumber='EMP-1')`);
    expect(sim.state.vendor('usmf', 'EMP-1')).toMatchObject({ PrimaryEmailAddress: 'ada@example.com' });
    expect(sim.stats.creates).toBeGreaterThanOrEqual(1);
  });

  it('reads by key, with case-insensitive dataAreaId and doubled quotes', async () => {
    expect((await api(sim, 'POST', '/data/VendorsV2', { token, body: person("O'BRIEN-1", { PersonLastName: "O'Brien" }) })).status).toBe(201);
    const upper = await api(sim, 'GET', vendorKey('USMF', "O'BRIEN-1"), { token });
    expect(upper.status, upper.text).toBe(200);
    expect(upper.json()).toMatchObject({ dataAreaId: 'usmf', PersonLastName: "O'Brien" });
    const raw = await api(sim, 'GET', "/data/VendorsV2(dataAreaId='usmf',VendorAccountNumber='O''BRIEN-1')", { token });
    expect(raw.status).toBe(200);
  });

  it('answers 404 for a missing key and 400 for an incomplete key', async () => {
    const missing = await api(sim, 'GET', vendorKey('usmf', 'NOPE'), { token });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('');
    const partial = await api(sim, 'GET', "/data/VendorsV2('EMP-1')", { token });
    expect(partial.status).toBe(400);
    expect(errorOf(partial).innererror?.message).toContain('number of keys');
  });

  it('rejects unknown properties and wrong types with ODataLib 400s', async () => {
    const unknown = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-X', { VendorName: 'x' }) });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).innererror?.message).toContain("The property 'VendorName' does not exist on type 'Microsoft.Dynamics.DataEntities.VendorV2'");
    const badEnum = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-X', { OnHoldStatus: 'Blocked' }) });
    expect(badEnum.status).toBe(400);
    expect(sim.state.vendor('usmf', 'EMP-X')).toBeUndefined();
  });
});

describe('update', () => {
  it('PATCH puts the vendor on hold and releases it: 204, enum member names', async () => {
    await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-2') });
    const hold = await api(sim, 'PATCH', vendorKey('usmf', 'EMP-2'), { token, body: { OnHoldStatus: 'All' } });
    expect(hold.status).toBe(204);
    expect(hold.text).toBe('');
    expect((await api(sim, 'GET', vendorKey('usmf', 'EMP-2'), { token })).json()).toMatchObject({ OnHoldStatus: 'All' });
    await api(sim, 'PATCH', vendorKey('usmf', 'EMP-2'), { token, body: { OnHoldStatus: 'No', PersonLastName: 'Byron' } });
    expect(sim.state.vendor('usmf', 'EMP-2')).toMatchObject({ OnHoldStatus: 'No', PersonLastName: 'Byron', PersonFirstName: 'Ada' });
  });

  it('PATCH of a missing key is 404 and creates nothing', async () => {
    const res = await api(sim, 'PATCH', vendorKey('usmf', 'EMP-404'), { token, body: { OnHoldStatus: 'All' } });
    expect(res.status).toBe(404);
    expect(sim.state.vendor('usmf', 'EMP-404')).toBeUndefined();
  });

  it('honours If-Match: the current etag or * pass, a stale one is 412 with the update-conflict text', async () => {
    await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-3') });
    const first = (await api(sim, 'GET', vendorKey('usmf', 'EMP-3'), { token })).json<Vendor>();
    const stale = String(first['@odata.etag']);
    expect((await api(sim, 'PATCH', vendorKey('usmf', 'EMP-3'), { token, body: { Notes: 'a' }, headers: { 'If-Match': stale } })).status).toBe(204);
    const conflict = await api(sim, 'PATCH', vendorKey('usmf', 'EMP-3'), { token, body: { Notes: 'b' }, headers: { 'If-Match': stale } });
    expect(conflict.status).toBe(412);
    expect(errorOf(conflict).message).toContain('An update conflict occurred');
    expect((await api(sim, 'PATCH', vendorKey('usmf', 'EMP-3'), { token, body: { Notes: 'c' }, headers: { 'If-Match': '*' } })).status).toBe(204);
  });

  it('refuses to change a key field', async () => {
    const res = await api(sim, 'PATCH', vendorKey('usmf', 'EMP-3'), { token, body: { VendorAccountNumber: 'EMP-33' } });
    expect(res.status).toBe(400);
  });
});

describe('company scoping', () => {
  it('lists only the default company without cross-company=true', async () => {
    const mine = await list('$filter=VendorAccountNumber eq \'US-101\'');
    expect(mine.value.map((v) => v['dataAreaId'])).toEqual(['usmf']);
    const other = await list("$filter=dataAreaId eq 'usrt'");
    expect(other.value).toEqual([]);
    const cross = await list("$filter=dataAreaId eq 'USRT'&cross-company=true");
    expect(cross.value.map((v) => [v['dataAreaId'], v['VendorAccountNumber']])).toEqual([['usrt', 'US-101']]);
  });

  it('needs cross-company=true for another company\'s key (configurable)', async () => {
    expect((await api(sim, 'GET', vendorKey('usrt', 'US-101'), { token })).status).toBe(404);
    const cross = await api(sim, 'GET', `${vendorKey('usrt', 'US-101')}?cross-company=true`, { token });
    expect(cross.json()).toMatchObject({ VendorOrganizationName: 'Tailspin Parts' });
    await control(sim, 'PATCH', '/_sim/settings', { keyAccessOtherCompany: 'allowed' });
    expect((await api(sim, 'GET', vendorKey('usrt', 'US-101'), { token })).status).toBe(200);
    await control(sim, 'PATCH', '/_sim/settings', { keyAccessOtherCompany: 'crossCompanyOnly' });
  });

  it('creates in the company the body names, lower-cased', async () => {
    const res = await api(sim, 'POST', '/data/VendorsV2', { token, body: person('EMP-GB', { dataAreaId: 'GBSI' }) });
    expect(res.status, res.text).toBe(201);
    expect(res.json()).toMatchObject({ dataAreaId: 'gbsi', CurrencyCode: 'GBP' });
  });
});

describe('query options and paging', () => {
  it('filters with eq/ne/and/or, string literals with doubled quotes, enum literals and wildcards', async () => {
    const names = (c: Collection) => c.value.map((v) => v['VendorAccountNumber']).sort();
    expect(names(await list("$filter=PersonLastName eq 'o''brien'"))).toEqual(["O'BRIEN-1"]);
    expect(names(await list("$filter=VendorGroupId eq 'EMPL' and (VendorAccountNumber eq 'EMP-1' or VendorAccountNumber eq 'EMP-2')"))).toEqual(['EMP-1', 'EMP-2']);
    expect(names(await list("$filter=OnHoldStatus eq Microsoft.Dynamics.DataEntities.CustVendorBlocked'No' and VendorGroupId ne 'EMPL'"))).toEqual(['US-101', 'US-102']);
    expect(names(await list("$filter=VendorAccountNumber eq 'US-*'"))).toEqual(['US-101', 'US-102']);
    expect(names(await list("$filter=startswith(VendorAccountNumber,'O')"))).toEqual(["O'BRIEN-1"]);
  });

  it('refuses unknown properties, in/has and ordered compares on enums', async () => {
    for (const f of ["Nope eq 'x'", "VendorGroupId in ('EMPL')", "OnHoldStatus gt 'No'"]) {
      const res = await api(sim, 'GET', `/data/VendorsV2?$filter=${encodeURIComponent(f)}`, { token });
      expect(res.status, f).toBe(400);
    }
  });

  it('$select returns only the named properties (plus the etag) and a narrowed context', async () => {
    const c = await list('$select=VendorAccountNumber,OnHoldStatus&$filter=VendorAccountNumber eq \'EMP-1\'');
    expect(c['@odata.context']).toBe(`${sim.url}/data/$metadata#VendorsV2(VendorAccountNumber,OnHoldStatus)`);
    expect(Object.keys(c.value[0] ?? {})).toEqual(['@odata.etag', 'VendorAccountNumber', 'OnHoldStatus']);
  });

  it('pages by the server page size with @odata.nextLink until done; $count counts all', async () => {
    const first = await list('$count=true&$orderby=VendorAccountNumber');
    expect(first.value).toHaveLength(3);
    expect(first['@odata.count']).toBe(sim.state.vendorList('usmf').length);
    const seen = first.value.map((v) => v['VendorAccountNumber']);
    let next = first['@odata.nextLink'];
    expect(next).toContain('$skip=3');
    while (next) {
      const res = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
      const page = (await res.json()) as Collection;
      seen.push(...page.value.map((v) => v['VendorAccountNumber']));
      next = page['@odata.nextLink'];
    }
    expect(seen).toEqual(sim.state.vendorList('usmf').map((v) => v['VendorAccountNumber']).sort());
  });

  it('honours $top across pages and /$count', async () => {
    const top = await list('$top=4&$orderby=VendorAccountNumber');
    expect(top.value).toHaveLength(3);
    expect(top['@odata.nextLink']).toContain('$top=1');
    const rest = (await (await fetch(top['@odata.nextLink'] ?? '', { headers: { Authorization: `Bearer ${token}` } })).json()) as Collection;
    expect(rest.value).toHaveLength(1);
    expect(rest['@odata.nextLink']).toBeUndefined();
    const count = await api(sim, 'GET', "/data/VendorsV2/$count?$filter=VendorGroupId eq '10'", { token });
    expect(count.text).toBe('2');
  });

  it('returns 404 "Entity set not found." for a set the environment lacks, and entity-set names are case-sensitive', async () => {
    const res = await api(sim, 'GET', '/data/vendorsv2', { token });
    expect(res.status).toBe(404);
    expect(errorOf(res).message).toBe('Entity set not found.');
  });
});
