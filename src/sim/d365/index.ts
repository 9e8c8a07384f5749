// Public surface of the Dynamics 365 Finance & Operations OData simulator (DESIGN §6,
// reference erps.md §5 and §8 A). See README.md.
export { startD365Sim } from './start.js';
export { defaultD365Seed, BUSINESS_UNIT_CODES, DEPARTMENT_CODES, LOCATION_CODES } from './seed.js';
export { D365State, DEFAULT_SETTINGS } from './state.js';
export { DELIMITERS } from './dimensions.js';
export { TOKEN_PATH } from './entra.js';
export type {
  D365CompanySeed,
  D365DimensionSeed,
  D365FailNext,
  D365Faults,
  D365Format,
  D365SchemaOptions,
  D365Seed,
  D365Settings,
  D365Sim,
  D365SimApp,
  D365SimOptions,
  D365Stats,
  D365Throttle,
  DelimiterName,
  FaultKind,
  RecordedRequest,
  Value,
} from './types.js';
