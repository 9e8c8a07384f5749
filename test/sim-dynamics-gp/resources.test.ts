// The resource table and /help (erps.md §3.1, §8 B.2: paths are discovered from the tenant's
// help page, so they are configurable and partner services can be absent), the reference
// resources the journal is validated against, and the optional HR employee service.
import { describe, expect, it } from 'vitest';
import { startGpSim, type GpAccount, type GpCostCenter, type GpEmployee, type GpFiscalPeriod, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { companyPath, errorOf, loggedIn, payload, useSession, type Conn } from './helpers.js';

async function withSim<T>(opts: Parameters<typeof startGpSim>[0], body: (sim: GpSim, c: Conn) => Promise<T>): Promise<T> {
  const sim = await startGpSim(opts);
  const c = await loggedIn(sim);
  try {
    return await body(sim, c);
  } finally {
    await c.close();
    await sim.close();
  }
}

const helpRows = (html: string): string[] => [...html.matchAll(/<tr data-origin="(\w+)"><td>(\w+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[2]} ${m[3]} ${m[1]}`);

describe('/help', () => {
  it('lists every enabled resource with its verbs, as HTML; stock vs partner is marked', async () => {
    await withSim({}, async (sim, c) => {
      const a = await c.raw('GET', new URL(sim.helpUrl).pathname);
      expect(a.headers['content-type']).toMatch(/^text\/html/);
      const rows = helpRows(a.text);
      expect(rows).toContain('GET Companies({CompanyName})/Purchasing/Vendors({VendorId}) stock');
      expect(rows).toContain('POST Companies({CompanyName})/Custom/Financials/GLTransactions partner');
      expect(rows).toContain('GET Companies({CompanyName})/Custom/Financials/FiscalPeriods({Year};{PeriodId}) partner');
      expect(rows.some((r) => r.includes('Employees'))).toBe(false);
      expect(a.text).toContain('GP-Custom-Action: POST');
    });
  });

  it('reflects configuration: a disabled resource is gone (404), moved paths are listed where they are', async () => {
    const opts = {
      resources: { employees: { enabled: true, path: 'Acme/HumanResources/Employees' }, costCenters: { enabled: false }, journals: { path: 'Acme/GL/Journals' } },
      journalRequiresCustomAction: false,
    };
    await withSim(opts, async (sim, c) => {
      const rows = helpRows((await c.raw('GET', new URL(sim.helpUrl).pathname)).text);
      expect(rows).toContain('PATCH Companies({CompanyName})/Acme/HumanResources/Employees({EmployeeId}) partner');
      expect(rows).toContain('POST Companies({CompanyName})/Acme/GL/Journals partner');
      expect(rows.some((r) => r.includes('CostCenters'))).toBe(false);
      const gone = await c.raw('GET', companyPath(sim, 'Custom/Financials/CostCenters.json'));
      expect(gone.status).toBe(404);
      expect(errorOf(gone).Message).toMatch(/No resource Custom\/Financials\/CostCenters/);
      const lines = [
        { AccountNumber: '100-6100-01', DebitAmount: 1 },
        { AccountNumber: '000-2105-00', CreditAmount: 1 },
      ];
      const created = await c.raw('POST', companyPath(sim, 'Acme/GL/Journals.json'), { body: { Payload: { Reference: 'R', TransactionDate: '2026-11-30', Lines: lines } } });
      expect(created.status, created.text).toBe(201);
    });
  });

  it('refuses a bad configured path at start', async () => {
    await expect(startGpSim({ resources: { vendors: { path: 'Purchasing/Vend ors' } } })).rejects.toThrow(/letters and digits/);
  });
});

describe('reference resources (read-only)', () => {
  const s = useSession();

  it('GL accounts in the segmented format; inactive ones filterable', async () => {
    const all = payload<GpAccount[]>(await s.c.raw('GET', companyPath(s.sim, 'Custom/Financials/GLAccounts.json')));
    expect(all.length).toBe(99);
    expect(all.find((a) => a.AccountNumber === '400-6100-04')).toMatchObject({ Segments: ['400', '6100', '04'], Description: 'Salaries - Research & Development - Vancouver', IsActive: true });
    const inactive = payload<GpAccount[]>(await s.c.raw('GET', `${companyPath(s.sim, 'Custom/Financials/GLAccounts.json')}?$filter=IsActive%20eq%20false`));
    expect(inactive.map((a) => a.AccountNumber)).toEqual(['900-6100-00']);
    expect(payload<GpAccount>(await s.c.raw('GET', companyPath(s.sim, 'Custom/Financials/GLAccounts(000-2105-00).json'))).PostingType).toBe('BalanceSheet');
  });

  it('cost centres, with a ModifiedDate poll seeing a change made in GP', async () => {
    const path = companyPath(s.sim, 'Custom/Financials/CostCenters.json');
    const all = payload<GpCostCenter[]>(await s.c.raw('GET', path));
    expect(all.map((x) => x.Description)).toContain('Customer Success');
    const cursor = all.map((x) => x.ModifiedDate).sort().at(-1) ?? '';
    s.sim.store().setCostCenterActive('330', false);
    const changed = payload<GpCostCenter[]>(await s.c.raw('GET', `${path}?$filter=${encodeURIComponent(`ModifiedDate gt ${cursor}`)}`));
    expect(changed).toEqual([expect.objectContaining({ CostCenterId: '330', IsActive: false })]);
  });

  it('fiscal periods by composite key, closed per series', async () => {
    const oct = payload<GpFiscalPeriod>(await s.c.raw('GET', companyPath(s.sim, 'Custom/Financials/FiscalPeriods(2026;10).json')));
    expect(oct).toMatchObject({ StartDate: '2026-10-01', EndDate: '2026-10-31', Closed: { Financial: true, Payroll: true } });
    const sept = payload<GpFiscalPeriod>(await s.c.raw('GET', companyPath(s.sim, 'Custom/Financials/FiscalPeriods(2026;09).json')));
    expect(sept.Closed).toMatchObject({ Financial: false, Payroll: true });
    const y2026 = payload<GpFiscalPeriod[]>(await s.c.raw('GET', `${companyPath(s.sim, 'Custom/Financials/FiscalPeriods.json')}?$filter=Year%20eq%202026`));
    expect(y2026.map((p) => p.PeriodId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await s.c.raw('GET', companyPath(s.sim, 'Custom/Financials/FiscalPeriods(2026).json'))).status).toBe(400);
  });

  it('writes are not offered: 405 with Allow', async () => {
    const a = await s.c.raw('POST', companyPath(s.sim, 'Custom/Financials/GLAccounts.json'), { body: { Payload: { AccountNumber: '1' } } });
    expect(a.status).toBe(405);
    expect(a.headers['allow']).toBe('GET');
  });
});

describe('HR employee service (optional)', () => {
  it('is absent by default', async () => {
    await withSim({}, async (sim, c) => {
      expect((await c.raw('GET', companyPath(sim, 'Custom/Payroll/Employees.json'))).status).toBe(404);
    });
  });

  it('when enabled: create needs the GP-required fields, PATCH inactivates, no DELETE', async () => {
    await withSim({ resources: { employees: { enabled: true } } }, async (sim, c) => {
      const path = companyPath(sim, 'Custom/Payroll/Employees.json');
      const missing = await c.raw('POST', path, { body: { Payload: { EmployeeId: 'BHR-7', FirstName: 'Ada', LastName: 'Lovelace' } } });
      expect(missing.status).toBe(400);
      expect(errorOf(missing).Details?.map((d) => d.Field)).toEqual(['SocialSecurityNumber', 'DepartmentId', 'PositionId']);
      const full = { EmployeeId: 'BHR-7', FirstName: 'Ada', LastName: 'Lovelace', SocialSecurityNumber: '000-00-0007', DepartmentId: 'ENG', PositionId: 'DEV', HireDate: '2026-11-16' };
      expect((await c.raw('POST', path, { body: { Payload: full } })).status).toBe(201);
      const one = path.replace(/\.json$/, '(BHR-7).json');
      expect((await c.raw('PATCH', one, { body: { Payload: { IsInactive: true, InactiveDate: '2026-11-30' } } })).status).toBe(204);
      expect(sim.employees()[0]).toMatchObject({ EmployeeId: 'BHR-7', IsInactive: true, InactiveDate: '2026-11-30', HireDate: '2026-11-16' });
      expect((await c.raw('PATCH', one, { body: { Payload: { LastName: '' } } })).status).toBe(400);
      expect((await c.raw('DELETE', one)).status).toBe(405);
    });
  });

  it('required fields are configurable', async () => {
    await withSim({ resources: { employees: { enabled: true } }, employeeRequiredFields: ['LastName'] }, async (sim, c) => {
      const a = await c.raw('POST', companyPath(sim, 'Custom/Payroll/Employees.json'), { body: { Payload: { EmployeeId: 'BHR-8', LastName: 'Hopper' } } });
      expect(a.status, a.text).toBe(201);
      expect(payload<GpEmployee>(a).IsInactive).toBe(false);
    });
  });
});
