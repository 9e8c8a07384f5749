// Public surface of the SYSPRO e.net Solutions REST simulator (DESIGN §6, erps.md §1 and
// §8 C). See README.md.
export { startSysproSim } from './start.js';
export { defaultSysproSeed, EMPLOYEE_FORM_TYPE } from './seed.js';
export { DEFAULT_MESSAGES, IMPLEMENTED_BUSINESS_OBJECTS } from './options.js';
export { BASE_PATH } from './http.js';
export { decodeCp1252, encodeCp1252 } from './cp1252.js';
export type {
  CustomFieldType,
  CustomFormDefinition,
  CustomFormField,
  CustomFormValue,
  RecordedRequest,
  SysproCostCentre,
  SysproEmployee,
  SysproFailNext,
  SysproFaultKind,
  SysproFaults,
  SysproMessages,
  SysproSeed,
  SysproSessionInfo,
  SysproSim,
  SysproSimOptions,
  SysproStats,
  SysproTableNames,
  SysproWorkCentre,
} from './types.js';
