// The default company of the Sage 100 simulator: the account structure of the brief (main
// account 4 digits, segment 2 "Department" 2 characters, segment 3 "Location" 2
// characters, separator "-": `6000-01-02`), the main accounts labour posts to, one
// sub-account value per BambooHR simulator department and location (codes 01, 02, … in
// list order) plus "00" (none) and one inactive value (99) in each segment, a handful of GL accounts, and a
// numeric headcount UDF on GL_SubAccount (Sage names UDFs `UDF_…`).
import type { MemorySeed } from '../../agent/sage100/boi/memory/index.js';
import { DEPARTMENTS, LOCATIONS } from '../bamboohr/catalog.js';

/** The BambooHR simulator's lists, in its order: the codes 01, 02, … follow it. */
export const SIM_DEPARTMENTS: readonly string[] = DEPARTMENTS;
export const SIM_LOCATIONS: readonly string[] = LOCATIONS.map((l) => l.name);

export const HEADCOUNT_UDF = 'UDF_HEADCOUNT';

const code = (i: number): string => String(i + 1).padStart(2, '0');

export function defaultSage100Seed(): MemorySeed {
  return {
    company: 'ABC',
    accountStructure: {
      separator: '-',
      segments: [
        { length: 4, description: 'Main Account' },
        { length: 2, description: 'Department' },
        { length: 2, description: 'Location' },
      ],
    },
    mainAccounts: [
      { code: '2100', description: 'Accrued Payroll', accountType: '06' },
      { code: '6000', description: 'Salaries', accountType: '15' },
      { code: '6100', description: 'Payroll Taxes', accountType: '15' },
    ],
    subAccounts: [
      // "00" values carry balance-sheet accounts such as 2100-00-00.
      { segmentNo: '02', code: '00', description: 'No Department' },
      ...SIM_DEPARTMENTS.map((d, i) => ({ segmentNo: '02', code: code(i), description: d })),
      { segmentNo: '02', code: '99', description: 'Old Projects', status: 'I' as const },
      { segmentNo: '03', code: '00', description: 'No Location' },
      ...SIM_LOCATIONS.map((l, i) => ({ segmentNo: '03', code: code(i), description: l })),
      { segmentNo: '03', code: '99', description: 'Closed Office', status: 'I' as const },
    ],
    accounts: [
      { account: '2100-00-00', description: 'Accrued Payroll' },
      { account: '6000-01-01', description: 'Salaries Engineering Denver' },
      { account: '6000-01-02', description: 'Salaries Engineering New York' },
      { account: '6000-04-02', description: 'Salaries Sales New York' },
      { account: '6100-01-01', description: 'Payroll Taxes Engineering Denver' },
    ],
    udfs: { GL_SubAccount: [{ name: HEADCOUNT_UDF, type: 'number' }] },
  };
}
