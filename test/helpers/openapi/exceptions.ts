// Where BambooHR's OpenAPI file and the real API disagree, and the validator sides with the
// API. This is the only place such leniency lives: everything else is checked exactly as the
// file is written (enums as written, declared media types, declared statuses). Each entry names
// the operations it applies to, what it forgives, and why, with the evidence.
import type { ErrorObject, Format } from 'ajv';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SchemaException {
  id: string;
  reason: string;
  where: 'request' | 'response';
  /** operationIds the exception applies to. */
  operations: readonly string[];
  forgives(e: ErrorObject): boolean;
}

export interface MediaTypeException {
  id: string;
  reason: string;
  operations: readonly string[];
  statuses: (status: number) => boolean;
  /** What the API sends … */
  sent: string;
  /** … validated against the schema the file declares under this media type. */
  declared: string;
}

/** A status the API answers where the file declares none for it (its body is not checked). */
export interface StatusException {
  id: string;
  reason: string;
  /** operationIds, or '*' for every operation. */
  operations: readonly string[];
  status: number;
}

export interface Exceptions {
  schema: readonly SchemaException[];
  mediaTypes: readonly MediaTypeException[];
  statuses: readonly StatusException[];
}

const isType = (e: ErrorObject): boolean => e.keyword === 'type';
const isEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length === 0;

/** A map in the file's terms: an object schema with additionalProperties and no named properties. */
function isMapSchema(schema: unknown): boolean {
  if (!isObj(schema) || isObj(schema['properties'])) return false;
  const extra = schema['additionalProperties'];
  return isObj(extra) || extra === true;
}

export const SCHEMA_EXCEPTIONS: readonly SchemaException[] = [
  {
    id: 'empty-map-as-array',
    reason:
      'PHP\'s json_encode writes an empty associative array as [], so a period without changes arrives as "employees": [] where the file ' +
      'declares a map keyed by employee id (reference/bamboohr.md §3.1: the superdurable connector handles it; the simulator reproduces it).',
    where: 'response',
    operations: ['get-changed-employee-ids', 'get-changed-employee-table-data'],
    // `verbose: true` on the Ajv instance gives the failing data and its schema.
    forgives: (e) => isType(e) && isEmptyArray(e.data) && isMapSchema(e.parentSchema),
  },
  {
    id: 'dataset-links-empty-array',
    reason:
      'The dataset answer\'s `links` is [] when there is neither a next nor a previous page, where the file declares an object ' +
      '(recorded from a real sandbox: [NANGO] tests/employees.test.json `"links":[]`; reference §2.4).',
    where: 'response',
    operations: ['get-data-from-dataset-v2'],
    forgives: (e) => isType(e) && e.instancePath === '/links' && isEmptyArray(e.data),
  },
  {
    id: 'dataset-null-values',
    reason:
      'An empty dataset value is null, where the file declares `fields` values as strings (recorded: `"preferredName": null` in ' +
      '[NANGO] tests/employees.test.json; reference §2.4).',
    where: 'response',
    operations: ['get-data-from-dataset-v2'],
    forgives: (e) => isType(e) && e.data === null && /^\/data\/\d+\/fields\/[^/]+$/.test(e.instancePath),
  },
];

export const MEDIA_TYPE_EXCEPTIONS: readonly MediaTypeException[] = [
  {
    id: 'dataset-v2-problem-json',
    reason:
      'Get Data from Dataset (v2) "returns RFC 7807 compliant error responses" (its description) and its v1.2 siblings declare ' +
      'application/problem+json, the RFC 7807 media type, but its own error responses are declared as application/json ' +
      '(reference §2.4, §5). Either media type is accepted; the body is still checked against the declared ProblemDetailsResponse.',
    operations: ['get-data-from-dataset-v2'],
    statuses: (s) => s >= 400,
    sent: 'application/problem+json',
    declared: 'application/json',
  },
];

export const STATUS_EXCEPTIONS: readonly StatusException[] = [
  {
    id: 'unauthorized-anywhere',
    reason:
      'Every endpoint answers 401 to missing, wrong or expired credentials ("401 Your API key is missing", documentation.bamboohr.com/docs/api-details; ' +
      'an expired OAuth access token, reference §1.4), but the file declares 401 on a few operations only (not on get-changed-employee-ids, for one). ' +
      'mlc renews OAuth credentials on a 401 and retries once.',
    operations: ['*'],
    status: 401,
  },
];

export const SPEC_EXCEPTIONS: Exceptions = { schema: SCHEMA_EXCEPTIONS, mediaTypes: MEDIA_TYPE_EXCEPTIONS, statuses: STATUS_EXCEPTIONS };
export const NO_EXCEPTIONS: Exceptions = { schema: [], mediaTypes: [], statuses: [] };

/**
 * Formats the file uses in its own sense. Not exceptions to its schemas but definitions of what
 * they mean, kept here so every departure from a standard reading is in one file.
 */
export const FORMATS: ReadonlyArray<{ name: string; reason: string; format: Format }> = [
  {
    name: 'time',
    reason: 'The file writes `format: time` for "HH:MM" values (components/schemas/BreakAvailability.availabilityStartTime, example \'08:00\'), which RFC 3339 full-time would reject.',
    format: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i,
  },
  { name: 'decimal', reason: 'Non-standard; used on strings (time-tracking payRate, hoursWorked).', format: /^-?\d+(\.\d+)?$/ },
  { name: 'integer', reason: 'Non-standard; used on numbers (timesheet clock entry ids).', format: { type: 'number', validate: (n: number) => Number.isInteger(n) } },
];

export function forgiven(exceptions: Exceptions, where: 'request' | 'response', operationId: string | undefined, errors: ErrorObject[]): ErrorObject[] {
  const apply = exceptions.schema.filter((x) => x.where === where && operationId !== undefined && x.operations.includes(operationId));
  return apply.length === 0 ? errors : errors.filter((e) => !apply.some((x) => x.forgives(e)));
}

export function undeclaredStatusAllowed(exceptions: Exceptions, operationId: string | undefined, status: number): boolean {
  return exceptions.statuses.some((x) => x.status === status && (x.operations.includes('*') || (operationId !== undefined && x.operations.includes(operationId))));
}

/** The declared media type an exception maps `sent` onto, if any applies. */
export function mediaAlias(exceptions: Exceptions, operationId: string | undefined, status: number, sent: string): string | undefined {
  return exceptions.mediaTypes.find((x) => operationId !== undefined && x.operations.includes(operationId) && x.statuses(status) && x.sent === sent)?.declared;
}
