// Public surface of the NetSuite REST simulator (DESIGN §6, reference §4). See README.md.
export { startNetSuiteSim } from './start.js';
export { NetSuiteRecords } from './records.js';
export { defaultReferenceData } from './reference-seed.js';
export { NS_ALGORITHMS } from './assertion.js';
export { TOKEN_PATH, productionHost } from './tokens.js';
export { SUITEQL_PATH } from './suiteql.js';
export type {
  CustomValue,
  NetSuiteEmployee,
  NetSuiteFailNext,
  NetSuiteFaultKind,
  NetSuiteFaults,
  NetSuiteReference,
  NetSuiteReferenceSeed,
  NetSuiteSim,
  NetSuiteSimClient,
  NetSuiteSimOptions,
  NetSuiteStats,
  RecordedRequest,
  ReferenceType,
} from './types.js';
