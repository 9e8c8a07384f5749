// Public surface of the Dynamics GP Service Based Architecture simulator (DESIGN §6,
// reference erps.md §3 and §8 B). See README.md.
export { startGpSim } from './start.js';
export { GpCompanyStore } from './store.js';
export { defaultGpSeed, defaultGpUsers, fiscalYear, DEPARTMENT_SEGMENTS, LOCATION_SEGMENTS, OFFSET_ACCOUNT, INACTIVE_ACCOUNT, SALARY_MAIN } from './seed.js';
export { DEFAULT_EMPLOYEE_REQUIRED } from './employees.js';
export { companySegment, tenantBase } from './url.js';
export { SERIES } from './types.js';
export type {
  GpAccount,
  GpAddress,
  GpCompanySeed,
  GpCostCenter,
  GpEmployee,
  GpFailNext,
  GpFaultKind,
  GpFaults,
  GpFiscalPeriod,
  GpSeed,
  GpSim,
  GpSimOptions,
  GpStats,
  GpTlsOptions,
  GpTransaction,
  GpTransactionLine,
  GpUser,
  GpVendor,
  PostingType,
  RecordedRequest,
  ResourceName,
  ResourceSetting,
  Series,
  ServerIdentity,
  TransactionState,
  VendorStatus,
} from './types.js';
