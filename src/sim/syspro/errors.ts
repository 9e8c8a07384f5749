// Per-item business errors, reported inline as `<field><Value/><ErrorNumber/><ErrorDescription/>`
// inside the item (erps.md §1.4, test_invsws_errors.yml: 240004 "Stock code '1004' not found").
// The numbers are invented in that 24xxxx range (erps.md §8 C.3 says the simulator may reuse
// it); the texts follow the recorded "<Thing> '<code>' not found" style. Only "not found" has
// a recorded wording; every other text here is an assumption (README).

export interface ItemError {
  /** Element the error is reported on (lower-cased in the answer). */
  field: string;
  value: string;
  number: number;
  description: string;
  /** A warning: only an error when IgnoreWarnings is N. */
  warning?: boolean;
}

const error = (field: string, value: string, number: number, description: string): ItemError => ({ field, value, number, description });

export const ItemErrors = {
  required: (field: string) => error(field, '', 240010, `${field} must be supplied`),
  tooLong: (field: string, value: string, max: number) => error(field, value, 240011, `${field} '${value}' exceeds the maximum length of ${max}`),
  notNumeric: (field: string, value: string) => error(field, value, 240012, `Invalid numeric value '${value}' for ${field}`),
  notDate: (field: string, value: string) => error(field, value, 240013, `Invalid date '${value}' for ${field} (expected CCYY-MM-DD)`),
  notFlag: (field: string, value: string) => error(field, value, 240014, `Invalid value '${value}' for ${field} (expected Y or N)`),
  unknownElement: (field: string, value: string) => error(field, value, 240015, `Element '${field}' is not valid for this business object`),
  duplicate: (field: string, value: string, entity: string) => error(field, value, 240020, `${entity} '${value}' already exists`),
  notFound: (field: string, value: string, entity: string) => error(field, value, 240021, `${entity} '${value}' not found`),
  labourPosted: (field: string, value: string) => error(field, value, 240030, `Employee '${value}' has labour transactions posted and cannot be deleted`),
  inUse: (field: string, value: string, entity: string, user: string) => error(field, value, 240031, `${entity} '${value}' is in use by ${user} and cannot be deleted`),
  costCentreMissing: (field: string, value: string, costCentre: string): ItemError => ({
    ...error(field, value, 240040, `Cost centre '${costCentre}' of work centre '${value}' not found`),
    warning: true,
  }),
  /** The `lockRate` fault: someone has the record open in SYSPRO (the real wording is NOT FOUND, §8 C.5). */
  locked: (field: string, value: string, entity: string) => error(field, value, 240032, `${entity} '${value}' is locked by another operator`),
  /** The `reject` fault: a business rule SYSPRO might apply (texts of real ones are NOT FOUND). */
  simulated: (field: string, value: string, entity: string, text: string) => error(field, value, 240099, text || `${entity} '${value}' was refused by a business rule (simulated)`),
  formTypeUnknown: (field: string, value: string) => error(field, value, 240050, `Custom form type '${value}' not found`),
  formFieldUnknown: (field: string, value: string, formType: string) => error(field, value, 240051, `Field '${value}' is not defined for custom form type '${formType}'`),
  wrongValueType: (field: string, value: string, fieldName: string, type: string) =>
    error(field, value, 240052, `${field} cannot be used for field '${fieldName}' (field type ${type})`),
};

/** A document-level failure: e.net answers it as `ERROR: …` text in an HTTP 200 (erps.md §1.3). */
export class EnetError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}
