// Purchasing Vendors: POST creates (an existing key is refused), PATCH updates (a missing key
// is refused), no upsert (erps.md §8 B.1); `{"Payload": …}` bodies (§3.2); ModifiedDate polls.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GpVendor } from '../../src/sim/dynamics-gp/index.js';
import { companyPath, errorOf, payload, useSession, type Answer } from './helpers.js';

const s = useSession();
let vendors: string;
const one = (id: string): string => `${vendors.replace(/\.json$/, '')}(${encodeURIComponent(id)}).json`;
const create = (p: unknown): Promise<Answer> => s.c.raw('POST', vendors, { body: { Payload: p } });
const patch = (id: string, p: unknown): Promise<Answer> => s.c.raw('PATCH', one(id), { body: { Payload: p } });
const since = (iso: string): string => `${vendors}?$filter=${encodeURIComponent(`ModifiedDate gt ${iso}`)}`;

beforeAll(() => {
  vendors = companyPath(s.sim, 'Purchasing/Vendors.json');
});

describe('create', () => {
  it('POST to the collection creates: 201, Location, the record with GP defaults', async () => {
    const a = await create({ VendorId: 'BHR-101', Name: 'Ada Lovelace', ClassId: 'EMPLOYEE', EmailAddress: 'ada@example.com', Address: { City: 'Denver' } });
    expect(a.status, a.text).toBe(201);
    expect(a.headers['location']).toBe(`${s.sim.companyUrl()}/Purchasing/Vendors(BHR-101).json`);
    expect(payload<GpVendor>(a)).toMatchObject({ VendorId: 'BHR-101', Status: 'Active', IsOnHold: false, CheckName: 'Ada Lovelace', Address: { City: 'Denver', Line1: '' } });
    expect(s.sim.store().vendors.get('BHR-101')?.Name).toBe('Ada Lovelace');
  });

  it('POST of an existing key is refused (keys compare case-insensitively): 409 AlreadyExists', async () => {
    const writes = s.sim.stats.writes;
    const a = await create({ VendorId: 'bhr-101', Name: 'Someone Else' });
    expect(a.status).toBe(409);
    expect(errorOf(a).Code).toBe('AlreadyExists');
    expect(s.sim.store().vendors.get('BHR-101')?.Name).toBe('Ada Lovelace');
    expect(s.sim.stats.writes).toBe(writes);
  });

  it('refuses a missing wrapper, unknown or too long fields and an unknown class, naming each', async () => {
    const bare = await s.c.raw('POST', vendors, { body: { VendorId: 'X', Name: 'X' } });
    expect(errorOf(bare).Code).toBe('InvalidRequest');
    const bad = await create({ VendorId: 'A-VERY-LONG-VENDOR-ID', Name: '', Colour: 'red' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).Details?.map((d) => d.Field)).toEqual(expect.arrayContaining(['VendorId', 'Name']));
    expect(errorOf(bad).Message).toBe('The vendor is not valid.');
    expect(JSON.stringify(errorOf(bad).Details)).toContain('Colour');
    const cls = await create({ VendorId: 'BHR-102', Name: 'Bob', ClassId: 'NOPE' });
    expect(errorOf(cls).Details).toEqual([{ Field: 'ClassId', Code: 'NotFound', Message: "Vendor class 'NOPE' does not exist." }]);
    expect(s.sim.store().vendors.has('BHR-102')).toBe(false);
  });

  it('POST with a key in the URL is not a create: 405', async () => {
    const a = await s.c.raw('POST', one('BHR-101'), { body: { Payload: { Name: 'x' } } });
    expect(a.status).toBe(405);
    expect(a.headers['allow']).toBe('GET, PATCH, DELETE');
  });
});

describe('read and update', () => {
  it('GET by key; a missing key is 404 NotFound', async () => {
    expect(payload<GpVendor>(await s.c.raw('GET', one('ACME-OFFICE'))).Name).toBe('Acme Office Supplies');
    const missing = await s.c.raw('GET', one('NOPE'));
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({ Code: 'NotFound', Message: "The vendor 'NOPE' does not exist." });
  });

  it('PATCH updates only the given fields (address merges) and answers 204', async () => {
    const a = await patch('BHR-101', { Status: 'Inactive', IsOnHold: true, Address: { Line1: '1 Analytical Way' } });
    expect(a.status, a.text).toBe(204);
    expect(s.sim.store().vendors.get('BHR-101')).toMatchObject({ Name: 'Ada Lovelace', Status: 'Inactive', IsOnHold: true, Address: { City: 'Denver', Line1: '1 Analytical Way' } });
  });

  it('PATCH accepts the record as read (stamps ignored) but never changes the key', async () => {
    const read = payload<GpVendor>(await s.c.raw('GET', one('BHR-101')));
    expect((await patch('BHR-101', { ...read, Status: 'Active' })).status).toBe(204);
    const moved = await patch('BHR-101', { VendorId: 'BHR-999' });
    expect(moved.status).toBe(400);
    expect(s.sim.store().vendors.has('BHR-999')).toBe(false);
  });

  it('PATCH of a missing key is refused, not created: 404', async () => {
    const a = await patch('BHR-404', { Name: 'Ghost' });
    expect(a.status).toBe(404);
    expect(s.sim.store().vendors.has('BHR-404')).toBe(false);
  });

  it('DELETE removes a vendor', async () => {
    await create({ VendorId: 'TMP-1', Name: 'Temporary' });
    expect((await s.c.raw('DELETE', one('TMP-1'))).status).toBe(204);
    expect((await s.c.raw('DELETE', one('TMP-1'))).status).toBe(404);
  });
});

describe('ModifiedDate polling', () => {
  it('$filter=ModifiedDate gt <last seen> returns exactly what changed since', async () => {
    const all = payload<GpVendor[]>(await s.c.raw('GET', vendors));
    const cursor = all.map((v) => v.ModifiedDate).sort().at(-1) ?? '';
    expect(payload<GpVendor[]>(await s.c.raw('GET', since(cursor)))).toEqual([]);
    await patch('NORTHWIND', { Comment1: 'touched' });
    await create({ VendorId: 'BHR-103', Name: 'Grace Hopper' });
    const changed = payload<GpVendor[]>(await s.c.raw('GET', since(cursor)));
    expect(changed.map((v) => v.VendorId)).toEqual(['BHR-103', 'NORTHWIND']);
  });

  it('combines conditions with and; refuses a date without a time, unknown fields and other $ options', async () => {
    const active = await s.c.raw('GET', `${vendors}?$filter=${encodeURIComponent("ModifiedDate ge 2000-01-01T00:00:00Z and Status eq 'inactive'")}`);
    expect(payload<GpVendor[]>(active).map((v) => v.VendorId)).toEqual(['NORTHWIND']);
    const dateOnly = await s.c.raw('GET', `${vendors}?$filter=${encodeURIComponent('ModifiedDate gt 2026-01-01')}`);
    expect(dateOnly.status).toBe(400);
    expect(errorOf(dateOnly).Code).toBe('InvalidFilter');
    expect(errorOf(await s.c.raw('GET', `${vendors}?$filter=${encodeURIComponent("Name eq 'x'")}`)).Message).toMatch(/filterable fields: ModifiedDate/);
    expect(errorOf(await s.c.raw('GET', `${vendors}?$top=10`)).Message).toBe('Query option(s) not supported: $top.');
  });
});
