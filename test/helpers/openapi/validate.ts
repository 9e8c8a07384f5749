// Checks one HTTP exchange against BambooHR's OpenAPI file and returns the
// deviations as readable lines; an empty array means "conforms".
import type { ErrorObject } from 'ajv';
import { deref, findOperation, isObj, pointer, validatorAt } from './spec.js';
import type { Json } from './spec.js';
import { checkParams, collectParams } from './params.js';
import { describeErrors } from './errors.js';
import { forgiven, mediaAlias, SPEC_EXCEPTIONS, undeclaredStatusAllowed, type Exceptions } from './exceptions.js';

export interface Violation {
  where: 'request' | 'response';
  method: string;
  path: string;
  template?: string;
  message: string;
}

export interface ValidateOptions {
  /** Known errors of the file, forgiven (default: the documented list in exceptions.ts). */
  exceptions?: Exceptions;
}

export interface RequestInput {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string;
}

export interface ResponseInput {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function baseMediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJsonType(media: string): boolean {
  return media === 'application/json' || media.endsWith('+json');
}

// Declared keys may be ranges ('text/*', '*/*') and, in theory, carry parameters.
function findMediaType(content: Json, media: string): string | undefined {
  const keys = Object.keys(content);
  return (
    keys.find((k) => baseMediaType(k) === media) ??
    keys.find((k) => k.endsWith('/*') && media.startsWith(k.slice(0, -1))) ??
    keys.find((k) => k === '*/*')
  );
}

// Requests where the spec demands an exact Content-Type string. From
// paths./api/v1/reports/custom.post.description: "set `Content-Type:
// application/json` exactly — any variation such as `application/json;
// charset=UTF-8` is not recognised as JSON and the body will be parsed as XML".
const EXACT_JSON_CONTENT_TYPE = new Set(['request-custom-report']);

export function validateRequest(req: RequestInput, opts: ValidateOptions = {}): Violation[] {
  const base = { where: 'request' as const, method: req.method.toUpperCase(), path: req.path.split('?')[0] ?? '' };
  const prefix = `${base.method} ${base.path} request`;
  const found = findOperation(req.method, req.path);
  if (!found.ok) return [{ ...base, template: found.template, message: `${base.method} ${base.path}: ${found.message}` }];
  const { route, operation, method } = found;
  const out = (message: string): Violation => ({ ...base, template: route.template, message: `${prefix} ${message}` });
  const params = collectParams(route.template, method, route.pathItem, operation);
  const violations = checkParams(params, { query: req.query, headers: req.headers, pathParams: route.params }).map(out);

  const requestBody = operation['requestBody'];
  if (!isObj(requestBody)) return violations;
  const content = isObj(requestBody['content']) ? requestBody['content'] : {};
  const body = req.body ?? '';
  if (body.length === 0) {
    if (requestBody['required'] === true) violations.push(out('body is required but missing'));
    return violations;
  }
  const contentType = headerValue(req.headers, 'content-type');
  if (contentType === undefined) return [...violations, out('has a body but no Content-Type header')];
  const media = baseMediaType(contentType);
  const key = findMediaType(content, media);
  if (key === undefined) {
    return [...violations, out(`Content-Type ${contentType} is not declared (declared: ${Object.keys(content).join(', ')})`)];
  }
  const opId = operation['operationId'];
  if (typeof opId === 'string' && EXACT_JSON_CONTENT_TYPE.has(opId) && media === 'application/json' && contentType !== 'application/json') {
    violations.push(out(`Content-Type must be exactly "application/json" for this operation (BambooHR parses "${contentType}" as XML)`));
  }
  const at = pointer('paths', route.template, method, 'requestBody', 'content', key, 'schema');
  const forgive = (errors: ErrorObject[]) => forgiven(opts.exceptions ?? SPEC_EXCEPTIONS, 'request', typeof opId === 'string' ? opId : undefined, errors);
  violations.push(...checkBody(content[key], at, media, body, forgive).map((m) => out(`body${m}`)));
  return violations;
}

export function validateResponse(
  req: { method: string; path: string },
  res: ResponseInput,
  opts: ValidateOptions = {},
): Violation[] {
  const base = { where: 'response' as const, method: req.method.toUpperCase(), path: req.path.split('?')[0] ?? '' };
  const found = findOperation(req.method, req.path);
  if (!found.ok) return [{ ...base, template: found.template, message: `${base.method} ${base.path}: ${found.message}` }];
  const { route, operation, method } = found;
  const prefix = `${base.method} ${base.path} ${res.status} response`;
  const out = (message: string): Violation => ({ ...base, template: route.template, message: `${prefix} ${message}` });
  const responses = isObj(operation['responses']) ? operation['responses'] : {};
  const exceptions = opts.exceptions ?? SPEC_EXCEPTIONS;
  const opId = typeof operation['operationId'] === 'string' ? operation['operationId'] : undefined;
  const status = String(res.status);
  const statusKey = [status, `${status[0] ?? ''}XX`, `${status[0] ?? ''}xx`, 'default'].find((k) => k in responses);
  if (statusKey === undefined) {
    return undeclaredStatusAllowed(exceptions, opId, res.status) ? [] : [out(`status is not declared (declared: ${Object.keys(responses).join(', ')})`)];
  }
  // Response objects may be '$ref's to components/responses (no path uses
  // one today, the top-level `webhooks:` section does); follow them.
  const { node: response, at } = deref(responses[statusKey], pointer('paths', route.template, method, 'responses', statusKey));
  const content = isObj(response) && isObj(response['content']) ? response['content'] : undefined;
  const body = res.body ?? '';
  // Undeclared content or an empty body (BambooHR's errors often carry only
  // an X-BambooHR-Error-Message header) leaves nothing to check.
  if (!content || Object.keys(content).length === 0 || body.length === 0) return [];
  const contentType = headerValue(res.headers, 'content-type');
  if (contentType === undefined) return [out('has a body but no Content-Type header')];
  const media = baseMediaType(contentType);
  const alias = mediaAlias(exceptions, opId, res.status, media);
  const key = findMediaType(content, media) ?? (alias === undefined ? undefined : findMediaType(content, alias));
  if (key === undefined) {
    return [out(`Content-Type ${contentType} is not declared (declared: ${Object.keys(content).join(', ')})`)];
  }
  const forgive = (errors: ErrorObject[]) => forgiven(exceptions, 'response', opId, errors);
  return checkBody(content[key], `${at}${pointer('content', key, 'schema')}`, media, body, forgive).map((m) => out(`body${m}`));
}

// Returns suffixes such as ": /fields must be array" to append to "... body".
function checkBody(mediaObject: unknown, at: string, media: string, body: string, forgive: (errors: ErrorObject[]) => ErrorObject[]): string[] {
  // `application/xml: {}` and friends declare no schema: anything goes.
  if (!isObj(mediaObject) || mediaObject['schema'] === undefined || !isJsonType(media)) return [];
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return [` is not valid JSON: ${(err as Error).message}`];
  }
  const validate = validatorAt(at);
  if (validate(data)) return [];
  return describeErrors(forgive(validate.errors ?? [])).map((line) => `: ${line}`);
}
