// Addressing: `/GPService/Tenants(<tenant>)/Companies(<name>)/…` with names holding spaces,
// commas, apostrophes and ampersands (erps.md §3.1, §8 B.1), the `.json` suffix, company
// access of the GP user, and the company list.
import { describe, expect, it } from 'vitest';
import type { GpVendor } from '../../src/sim/dynamics-gp/index.js';
import { Conn, errorOf, GOOD, payload, useSession } from './helpers.js';

const s = useSession();
const ONEILL = "O'Neill & Sons, Ltd.";

const vendorsAt = (companySegment: string, suffix = '.json'): string => `/GPService/Tenants(DefaultTenant)/${companySegment}/Purchasing/Vendors${suffix}`;

describe('company names in the URL', () => {
  it('accepts the name percent-encoded inside bare parentheses', async () => {
    const a = await s.c.raw('GET', vendorsAt('Companies(Fabrikam%2C%20Inc.)'));
    expect(a.status, a.text).toBe(200);
    expect(payload<GpVendor[]>(a).map((v) => v.VendorId)).toEqual(['ACME-OFFICE', 'CONTOSO-IT', 'NORTHWIND']);
  });

  it('accepts a literal comma and encoded parentheses (%28/%29), and a lower-case /gpservice/', async () => {
    expect((await s.c.raw('GET', vendorsAt('Companies(Fabrikam,%20Inc.)'))).status).toBe(200);
    expect((await s.c.raw('GET', vendorsAt('Companies%28Fabrikam%2C%20Inc.%29'))).status).toBe(200);
    expect((await s.c.raw('GET', '/gpservice/Tenants%28DefaultTenant%29/Companies(Fabrikam%2C%20Inc.)/purchasing/vendors.json')).status).toBe(200);
  });

  it("keeps apostrophes and ampersands: O'Neill & Sons, Ltd.", async () => {
    const viaHandle = await s.c.raw('GET', new URL(`${s.sim.companyUrl(ONEILL)}/Purchasing/Vendors.json`).pathname);
    expect(viaHandle.status, viaHandle.text).toBe(200);
    expect(payload<GpVendor[]>(viaHandle)[0]?.Name).toBe('Acme Office Supplies (Dublin)');
    expect((await s.c.raw('GET', vendorsAt('Companies(O%27Neill%20%26%20Sons%2C%20Ltd.)'))).status).toBe(200);
  });

  it('does not unquote OData-style names: quotes are part of the name', async () => {
    const quoted = await s.c.raw('GET', vendorsAt("Companies('Fabrikam%2C%20Inc.')"));
    expect(quoted.status).toBe(404);
    expect(errorOf(quoted)).toMatchObject({ Code: 'CompanyNotFound', Message: expect.stringContaining("'Fabrikam, Inc.'") as unknown });
    const doubled = await s.c.raw('GET', vendorsAt("Companies(O''Neill%20%26%20Sons%2C%20Ltd.)"));
    expect(errorOf(doubled).Code).toBe('CompanyNotFound');
  });

  it('unknown tenant or company → 404 with the SBA error body', async () => {
    const t = await s.c.raw('GET', '/GPService/Tenants(Other)/Companies(Fabrikam%2C%20Inc.)/Purchasing/Vendors.json');
    expect(t.status).toBe(404);
    expect(errorOf(t).Code).toBe('TenantNotFound');
    expect(errorOf(await s.c.raw('GET', vendorsAt('Companies(Fabrikam)'))).Code).toBe('CompanyNotFound');
  });

  it('data is per company', async () => {
    expect(s.sim.vendors(ONEILL)).toHaveLength(1);
    expect(s.sim.vendors()).toHaveLength(3);
  });
});

describe('format', () => {
  it('answers XML without the .json suffix (the default format)', async () => {
    const a = await s.c.raw('GET', vendorsAt('Companies(Fabrikam%2C%20Inc.)', ''));
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^application\/xml/);
    expect(a.text).toMatch(/^<\?xml/);
    expect(a.text).toContain('<VendorId>ACME-OFFICE</VendorId>');
  });
});

describe('company list and access', () => {
  it('lists the companies the GP user may use', async () => {
    const a = await s.c.raw('GET', '/GPService/Tenants(DefaultTenant)/Companies.json');
    expect(payload(a)).toEqual([
      { Name: 'Fabrikam, Inc.', CompanyId: 'TWO' },
      { Name: ONEILL, CompanyId: 'ONS' },
    ]);
  });

  it('a user without access to a company gets 403 AccessDenied there', async () => {
    s.sim.addUser({ domain: 'CONTOSO', user: 'fabrikam-only', password: 'pw-1', companies: ['Fabrikam, Inc.'] });
    const limited = new Conn(s.sim);
    try {
      const creds = { ...GOOD, username: 'fabrikam-only', password: 'pw-1' };
      const denied = await limited.handshake('GET', vendorsAt('Companies(O%27Neill%20%26%20Sons%2C%20Ltd.)'), {}, creds);
      expect(denied.status).toBe(403);
      expect(errorOf(denied).Code).toBe('AccessDenied');
      expect((await limited.raw('GET', vendorsAt('Companies(Fabrikam%2C%20Inc.)'))).status).toBe(200);
      expect(payload(await limited.raw('GET', '/GPService/Tenants(DefaultTenant)/Companies.json'))).toEqual([{ Name: 'Fabrikam, Inc.', CompanyId: 'TWO' }]);
    } finally {
      await limited.close();
    }
  });
});
