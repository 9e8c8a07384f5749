// The default environment: USMF-style legal entities, an EMPL vendor group, dimension values
// for every department, division and location the BambooHR simulator's company uses (so the
// demo can map them), one suspended value for tests, and the integration format
// CostCenter-Department-BusinessUnit-Location-ItemGroup with '-' (so an employee in
// department 022 and division 001 reads "-022-001--", the example of issue 11).
import type { D365DimensionSeed, D365Seed } from './types.js';

/** BambooHR department → Department value (entity-backed: operating units). */
export const DEPARTMENT_CODES: ReadonlyArray<readonly [string, string]> = [
  ['010', 'Engineering'],
  ['011', 'Product'],
  ['012', 'Design'],
  ['020', 'Sales'],
  ['021', 'Marketing'],
  ['022', 'Customer Success'],
  ['030', 'Finance'],
  ['031', 'Human Resources'],
  ['032', 'Operations'],
  ['033', 'Legal'],
  ['034', 'IT'],
  ['040', 'Research & Development'],
];

/** BambooHR division → BusinessUnit value (entity-backed). */
export const BUSINESS_UNIT_CODES: ReadonlyArray<readonly [string, string]> = [
  ['001', 'North America'],
  ['002', 'EMEA'],
  ['003', 'APAC'],
];

/** BambooHR location → Location value (a custom-list dimension: every value is listed). */
export const LOCATION_CODES: ReadonlyArray<readonly [string, string]> = [
  ['DEN', 'Denver, Colorado'],
  ['NYC', 'New York, New York'],
  ['TOR', 'Toronto, Ontario'],
  ['VAN', 'Vancouver, British Columbia'],
  ['LON', 'London, UK'],
  ['BER', 'Berlin, Germany'],
  ['DUB', 'Dublin, Ireland'],
  ['SIN', 'Singapore'],
];

/** The seeded organisation vendors reference these, so they start out "used" (A.2 caveat). */
const USED = new Set(['032', '001']);

function dimensions(): D365DimensionSeed[] {
  const values = (codes: ReadonlyArray<readonly [string, string]>) =>
    codes.map(([value, description]) => ({ value, description, ...(USED.has(value) ? { used: true } : {}) }));
  return [
    { name: 'CostCenter', backing: 'entity', values: [] },
    {
      name: 'Department',
      backing: 'entity',
      // 090 is the suspended value tests use
      values: [...values(DEPARTMENT_CODES), { value: '090', description: 'Facilities', suspended: true }],
    },
    { name: 'BusinessUnit', backing: 'entity', values: values(BUSINESS_UNIT_CODES) },
    { name: 'Location', backing: 'customList', values: values(LOCATION_CODES) },
    { name: 'ItemGroup', backing: 'entity', values: [] },
    { name: 'MainAccount', backing: 'entity', values: [] },
  ];
}

export function defaultD365Seed(): D365Seed {
  const groups = (dataAreaId: string) => [
    { dataAreaId, id: 'EMPL', description: 'Employees' },
    { dataAreaId, id: '10', description: 'Local vendors' },
    { dataAreaId, id: '20', description: 'Foreign vendors' },
  ];
  return {
    companies: [
      { id: 'usmf', name: 'Contoso Entertainment System USA', currency: 'USD' },
      { id: 'usrt', name: 'Contoso Retail USA', currency: 'USD' },
      { id: 'gbsi', name: 'Contoso Consumer Services UK', currency: 'GBP' },
      { id: 'demf', name: 'Contoso Entertainment System Germany', currency: 'EUR' },
    ],
    defaultCompany: 'usmf',
    vendorGroups: [...groups('usmf'), ...groups('usrt'), ...groups('gbsi'), ...groups('demf')],
    currencies: ['USD', 'CAD', 'EUR', 'GBP', 'SGD'],
    paymentTerms: ['Net10', 'Net30', 'Net45', 'COD'],
    paymentMethods: ['CHECK', 'ELECTRONIC', 'WIRE'],
    dimensions: dimensions(),
    format: { dimensions: ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'], delimiter: 'Hyphen' },
    ledgerFormat: ['MainAccount', 'CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'],
    vendors: [
      { dataAreaId: 'usmf', VendorAccountNumber: 'US-101', VendorGroupId: '10', VendorPartyType: 'Organization', VendorOrganizationName: 'Fabrikam Supplier', DefaultLedgerDimensionDisplayValue: '-032-001--' },
      { dataAreaId: 'usmf', VendorAccountNumber: 'US-102', VendorGroupId: '10', VendorPartyType: 'Organization', VendorOrganizationName: 'Litware Office Supplies' },
      { dataAreaId: 'usrt', VendorAccountNumber: 'US-101', VendorGroupId: '10', VendorPartyType: 'Organization', VendorOrganizationName: 'Tailspin Parts' },
    ],
  };
}
