// Public surface of the BambooHR simulator (DESIGN §6).
export { startBambooSim } from './start.js';
export { generateCompany, type GenerateOptions } from './generator.js';
export type { SimClock } from './clock.js';
export { SimCompany, type CompanyEvent } from './company.js';
export { SimError } from './company-inputs.js';
export type {
  CompensationInput,
  EmployeeFieldUpdate,
  EmploymentStatusInput,
  HireInput,
  JobInfoInput,
  MoneyInput,
  TerminationDetails,
} from './company-inputs.js';
export type {
  CompensationRow,
  EmploymentStatusRow,
  JobInfoRow,
  ListOption,
  Money,
  SimCompanyData,
  SimEmployee,
  SimLocation,
  TableName,
} from './model.js';
export type {
  BambooSim,
  BambooSimOptions,
  RecordedRequest,
  SimApiKey,
  SimDatasetOptions,
  SimFailNext,
  SimFaultKind,
  SimFaults,
  SimOAuthOptions,
  WebhookDelivery,
} from './options.js';
export { signWebhook } from './webhook-payload.js';
