// What mlc reads of each GP table, as zod schemas that keep only the fields it uses (the
// cache stores these projections). Field names follow GP's objects (erps.md §3.3, §8 B.3:
// vendor IsActive/IsOnHold/ModifiedDate, GLAccountCriteria IsActive, GLTransaction states);
// their JSON spelling is the simulator's assumption, as no SBA dump is public (§8 B.2).
import { z } from 'zod';
import type { TableSpec } from './cache.js';

const stamp = z.string().default('');

export const VendorRow = z.object({ VendorId: z.string(), Status: z.string().default('Active'), IsOnHold: z.boolean().default(false), ModifiedDate: stamp });
export const EmployeeRow = z.object({ EmployeeId: z.string(), IsInactive: z.boolean().default(false), ModifiedDate: stamp });
export const AccountRow = z.object({ AccountNumber: z.string(), Description: z.string().default(''), IsActive: z.boolean(), ModifiedDate: stamp });
export const CostCenterRow = z.object({ CostCenterId: z.string(), Description: z.string().default(''), IsActive: z.boolean(), ModifiedDate: stamp });
export const PeriodRow = z.object({
  Year: z.number(),
  PeriodId: z.number(),
  PeriodName: z.string().default(''),
  StartDate: z.string(),
  EndDate: z.string(),
  Closed: z.record(z.string(), z.boolean()),
  ModifiedDate: stamp,
});

export type VendorRow = z.infer<typeof VendorRow>;
export type EmployeeRow = z.infer<typeof EmployeeRow>;
export type AccountRow = z.infer<typeof AccountRow>;
export type CostCenterRow = z.infer<typeof CostCenterRow>;
export type PeriodRow = z.infer<typeof PeriodRow>;

export const TABLES = {
  vendors: { resource: 'vendors', schema: VendorRow, key: (r) => r.VendorId, modified: (r) => r.ModifiedDate } satisfies TableSpec<VendorRow>,
  employees: { resource: 'employees', schema: EmployeeRow, key: (r) => r.EmployeeId, modified: (r) => r.ModifiedDate } satisfies TableSpec<EmployeeRow>,
  accounts: { resource: 'accounts', schema: AccountRow, key: (r) => r.AccountNumber, modified: (r) => r.ModifiedDate } satisfies TableSpec<AccountRow>,
  costCenters: { resource: 'costCenters', schema: CostCenterRow, key: (r) => r.CostCenterId, modified: (r) => r.ModifiedDate } satisfies TableSpec<CostCenterRow>,
  periods: { resource: 'periods', schema: PeriodRow, key: (r) => `${r.Year};${r.PeriodId}`, modified: (r) => r.ModifiedDate } satisfies TableSpec<PeriodRow>,
} as const;
