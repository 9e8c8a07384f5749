// Default seed: chosen so the demo can map the BambooHR simulator's departments and locations
// onto GP accounts and cost centres. Chart of accounts `DDD-MMMM-LL` (GP's segmented format,
// e.g. `100-6100-01`): department/cost centre, main account, location. Salaries are
// `DDD-6100-LL`, the payroll offset is `000-2105-00` (accrued salaries). Segment 900 and its
// account are inactive, for tests. Fiscal years 2025 (closed), 2026 (October closed;
// September closed for Payroll only, Financial open) and 2027 (open).
import { SERIES, type GpCompanySeed, type GpFiscalPeriod, type GpSeed, type GpUser, type Series } from './types.js';

export const DEPARTMENT_SEGMENTS: ReadonlyArray<readonly [string, string]> = [
  ['100', 'Engineering'],
  ['110', 'Product'],
  ['120', 'Design'],
  ['200', 'Sales'],
  ['210', 'Marketing'],
  ['220', 'Customer Success'],
  ['300', 'Finance'],
  ['310', 'Human Resources'],
  ['320', 'Operations'],
  ['330', 'Legal'],
  ['340', 'IT'],
  ['400', 'Research & Development'],
];

export const LOCATION_SEGMENTS: ReadonlyArray<readonly [string, string]> = [
  ['01', 'Denver, Colorado'],
  ['02', 'New York, New York'],
  ['03', 'Toronto, Ontario'],
  ['04', 'Vancouver, British Columbia'],
  ['05', 'London, UK'],
  ['06', 'Berlin, Germany'],
  ['07', 'Dublin, Ireland'],
  ['08', 'Singapore'],
];

export const SALARY_MAIN = '6100';
export const OFFSET_ACCOUNT = '000-2105-00';
export const INACTIVE_ACCOUNT = '900-6100-00';

function chart(): Pick<GpCompanySeed, 'accounts' | 'costCenters'> {
  const accounts: GpCompanySeed['accounts'] = [
    { AccountNumber: OFFSET_ACCOUNT, Description: 'Accrued Salaries and Wages', PostingType: 'BalanceSheet', IsActive: true },
    { AccountNumber: `000-${SALARY_MAIN}-00`, Description: 'Salaries - Corporate', PostingType: 'ProfitAndLoss', IsActive: true },
    { AccountNumber: INACTIVE_ACCOUNT, Description: 'Salaries - Discontinued Operations', PostingType: 'ProfitAndLoss', IsActive: false },
  ];
  for (const [dept, deptName] of DEPARTMENT_SEGMENTS) {
    for (const [loc, locName] of LOCATION_SEGMENTS) {
      const city = locName.split(',')[0] ?? locName;
      accounts.push({ AccountNumber: `${dept}-${SALARY_MAIN}-${loc}`, Description: `Salaries - ${deptName} - ${city}`, PostingType: 'ProfitAndLoss', IsActive: true });
    }
  }
  const costCenters: GpCompanySeed['costCenters'] = [
    { CostCenterId: '000', Description: 'Corporate', IsActive: true },
    ...DEPARTMENT_SEGMENTS.map(([id, name]) => ({ CostCenterId: id, Description: name, IsActive: true })),
    { CostCenterId: '900', Description: 'Discontinued Operations', IsActive: false },
  ];
  return { accounts, costCenters };
}

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function closedFlags(closed: readonly Series[]): Record<Series, boolean> {
  return Object.fromEntries(SERIES.map((s) => [s, closed.includes(s)])) as Record<Series, boolean>;
}

/** Monthly periods of a calendar fiscal year; `closed(month)` lists the series closed in that month. */
export function fiscalYear(year: number, closed: (month: number) => readonly Series[] = () => []): Array<Omit<GpFiscalPeriod, 'ModifiedDate'>> {
  return Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return { Year: year, PeriodId: m, PeriodName: `Period ${m}`, StartDate: iso(year, m, 1), EndDate: iso(year, m, last), Closed: closedFlags(closed(m)) };
  });
}

function periods(): GpCompanySeed['periods'] {
  return [
    ...fiscalYear(2025, () => SERIES),
    ...fiscalYear(2026, (m) => (m === 10 ? SERIES : m === 9 ? ['Payroll'] : [])),
    ...fiscalYear(2027),
  ];
}

function fabrikam(): GpCompanySeed {
  return {
    name: 'Fabrikam, Inc.',
    companyId: 'TWO',
    vendorClasses: ['TRADE', 'EMPLOYEE', 'CONTRACTOR'],
    vendors: [
      { VendorId: 'ACME-OFFICE', Name: 'Acme Office Supplies', ClassId: 'TRADE', Address: { Line1: '123 Main Street', Line2: '', Line3: '', City: 'Denver', State: 'CO', PostalCode: '80202', CountryRegion: 'USA', Phone1: '30355501000000' } },
      { VendorId: 'CONTOSO-IT', Name: 'Contoso IT Services', ClassId: 'TRADE', IsOnHold: true },
      { VendorId: 'NORTHWIND', Name: 'Northwind Traders', ClassId: 'TRADE', Status: 'Inactive' },
    ],
    employees: [],
    ...chart(),
    periods: periods(),
    transactions: [
      {
        JournalId: 1000,
        BatchId: 'OCT26PAYROLL',
        TransactionState: 'Open',
        SourceDocument: 'GJ',
        TransactionDate: '2026-10-31',
        FiscalYear: 2026,
        PeriodId: 10,
        Reference: 'OCT 2026 PAYROLL ACCRUAL',
        Description: 'Entered and posted by hand in GP',
        PostedDate: '2026-11-02T16:00:00.000Z',
        Lines: [
          { SequenceNumber: 16384, AccountNumber: '100-6100-01', DebitAmount: 50000, CreditAmount: 0, DistributionReference: 'Engineering Denver', CostCenter: '100' },
          { SequenceNumber: 32768, AccountNumber: OFFSET_ACCOUNT, DebitAmount: 0, CreditAmount: 50000, DistributionReference: 'Accrued salaries', CostCenter: '' },
        ],
      },
    ],
    nextJournalId: 1001,
  };
}

/** A second company whose name holds an apostrophe, an ampersand and a comma. */
function oneill(): GpCompanySeed {
  return {
    name: "O'Neill & Sons, Ltd.",
    companyId: 'ONS',
    vendorClasses: ['TRADE', 'EMPLOYEE'],
    vendors: [{ VendorId: 'ACME-OFFICE', Name: 'Acme Office Supplies (Dublin)', ClassId: 'TRADE' }],
    employees: [],
    ...chart(),
    periods: periods(),
    transactions: [],
    nextJournalId: 1,
  };
}

export function defaultGpSeed(): GpSeed {
  return { tenant: 'DefaultTenant', companies: [fabrikam(), oneill()] };
}

/** The default Windows account (simulator only): CONTOSO\svc-mlc. */
export function defaultGpUsers(): GpUser[] {
  return [{ domain: 'CONTOSO', user: 'svc-mlc', password: 'Gp-Sba-2026!' }];
}
