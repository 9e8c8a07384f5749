import { describe, expect, it } from 'vitest';
import { matchRoute, specDoc } from '../helpers/openapi/spec.js';
import { NO_EXCEPTIONS, SPEC_EXCEPTIONS } from '../helpers/openapi/exceptions.js';
import { validateRequest, validateResponse } from '../helpers/openapi/validate.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const CHANGED = { method: 'GET', path: '/api/v1/employees/changed' };
const changedBody = (employees: unknown): string =>
  JSON.stringify({ latest: '2011-06-02T19:26:23+00:00', employees });
const entry = (id: string, action: string) => ({ id, action, lastChanged: '2011-06-02T19:26:23+00:00' });
const dig = (node: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((acc, k) => (acc as Record<string, unknown> | undefined)?.[k], node);
const messages = (vs: Array<{ message: string }>): string[] => vs.map((v) => v.message);

describe('route matching', () => {
  it('prefers a literal path over a templated one', () => {
    expect(matchRoute('/api/v1/employees/changed')?.template).toBe('/api/v1/employees/changed');
    expect(matchRoute('/api/v1/employees/123')?.template).toBe('/api/v1/employees/{id}');
    const tables = matchRoute('/api/v1/employees/changed/tables/jobInfo');
    expect(tables?.template).toBe('/api/v1/employees/changed/tables/{table}');
    expect(tables?.params).toEqual({ table: 'jobInfo' });
  });

  it('strips base-URL prefixes and maps the legacy gateway form', () => {
    expect(matchRoute('/base/api/v1/employees/changed')?.template).toBe('/api/v1/employees/changed');
    expect(matchRoute('/api/gateway.php/acme/v1/employees/7')?.params).toEqual({ id: '7' });
  });

  it('uses the literal path even when the request then fails its checks', () => {
    // Had this matched /employees/{id}, `since` would not be required.
    const vs = validateRequest({ ...CHANGED, query: {}, headers: {} });
    expect(messages(vs)).toEqual(['GET /api/v1/employees/changed request query parameter since is required but missing']);
  });
});

describe('requests', () => {
  it('reports an unknown path or method as "no operation"', () => {
    const unknown = validateRequest({ method: 'GET', path: '/api/v1/nope', query: {}, headers: {} });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('no operation');
    const wrongMethod = validateRequest({ method: 'DELETE', path: '/api/v1/employees/changed', query: {}, headers: {} });
    expect(wrongMethod[0]?.message).toBe('DELETE /api/v1/employees/changed: no operation: /api/v1/employees/changed declares GET');
  });

  it('accepts the changed feed with a proper since, flags a bad one', () => {
    const ok = validateRequest({ ...CHANGED, query: { since: '2024-01-01T00:00:00+00:00', type: 'updated' }, headers: {} });
    expect(ok).toEqual([]);
    // An unencoded '+' arrives as a space; BambooHR wants %2B.
    const bad = validateRequest({ ...CHANGED, query: { since: '2024-01-01T00:00:00 00:00', type: 'changed' }, headers: {} });
    expect(messages(bad).join('\n')).toMatch(/query parameter since: must match format "date-time"/);
    expect(messages(bad).join('\n')).toMatch(/query parameter type: must be equal to one of the allowed values \(inserted, updated, deleted, all\)/);
  });

  it('treats a missing optional `fields` on GET employee as fine and coerces booleans', () => {
    const path = '/api/v1/employees/0';
    expect(validateRequest({ method: 'GET', path, query: {}, headers: {} })).toEqual([]);
    expect(validateRequest({ method: 'GET', path, query: { fields: 'firstName', onlyCurrent: 'false' }, headers: {} })).toEqual([]);
    const bad = validateRequest({ method: 'GET', path, query: { onlyCurrent: 'nope' }, headers: {} });
    expect(messages(bad)).toEqual([`GET ${path} request query parameter onlyCurrent: must be boolean, got "nope"`]);
  });

  it('checks path parameters against their schemas', () => {
    const bad = validateRequest({ method: 'GET', path: '/api/v1/employees/abc/photo/huge', query: {}, headers: {} });
    expect(bad.map((v) => v.template)).toEqual(['/api/v1/employees/{employeeId}/photo/{size}', '/api/v1/employees/{employeeId}/photo/{size}']);
    expect(messages(bad).join('\n')).toContain('path parameter employeeId: must be integer');
    expect(messages(bad).join('\n')).toContain('path parameter size: must be equal to one of the allowed values');
  });

  it('reads deepObject and comma-separated array parameters', () => {
    const path = '/api/v1/employees';
    expect(validateRequest({ method: 'GET', path, query: { 'filter[ids]': '1,2', fields: 'workEmail,mobilePhone' }, headers: {} })).toEqual([]);
    const bad = validateRequest({ method: 'GET', path, query: { 'filter[ids][]': ['1', 'x'] }, headers: {} });
    expect(messages(bad).join('\n')).toContain('query parameter filter: /ids/1 must be integer');
  });

  describe('custom report', () => {
    const report = { method: 'POST', path: '/api/v1/reports/custom', query: { format: 'json' } };
    it('accepts a well-formed JSON request with format=json, and holds `format` to its enum as written', () => {
      const body = JSON.stringify({ title: 'sync', fields: ['firstName'], filters: { lastChanged: { value: '2024-01-01T00:00:00Z' } } });
      expect(validateRequest({ ...report, headers: JSON_HEADERS, body })).toEqual([]);
      // The description says "Case-insensitive"; the enum says json. Strict: the enum wins.
      expect(messages(validateRequest({ ...report, query: { format: 'JSON' }, headers: JSON_HEADERS, body }))).toEqual([
        'POST /api/v1/reports/custom request query parameter format: must be equal to one of the allowed values (json, xml, csv, xls, pdf), got "JSON"',
      ]);
    });
    it('fails a missing body', () => {
      expect(messages(validateRequest({ ...report, headers: JSON_HEADERS }))).toEqual([
        'POST /api/v1/reports/custom request body is required but missing',
      ]);
    });
    it('fails wrong body types', () => {
      const body = JSON.stringify({ fields: 'firstName', filters: { employeeIds: ['x'], lastChanged: { includeNull: 'maybe' } } });
      expect(messages(validateRequest({ ...report, headers: JSON_HEADERS, body }))).toEqual([
        'POST /api/v1/reports/custom request body: /fields must be array, got "firstName"',
        'POST /api/v1/reports/custom request body: /filters/lastChanged/includeNull must be equal to one of the allowed values (yes, no), got "maybe"',
        'POST /api/v1/reports/custom request body: /filters/employeeIds/0 must be integer, got "x"',
      ]);
    });
    it('fails an undeclared or inexact Content-Type', () => {
      const body = '{"fields":["firstName"]}';
      const form = validateRequest({ ...report, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      expect(messages(form)[0]).toContain('Content-Type application/x-www-form-urlencoded is not declared');
      const charset = validateRequest({ ...report, headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body });
      expect(messages(charset)[0]).toContain('must be exactly "application/json"');
    });
  });
});

describe('responses', () => {
  const json = { 'content-type': 'application/json; charset=UTF-8' };

  it('accepts a valid changed feed', () => {
    const body = changedBody({ '3': entry('3', 'Inserted'), '4': entry('4', 'Updated') });
    expect(validateResponse(CHANGED, { status: 200, headers: json, body })).toEqual([]);
  });

  it('fails a wrong action with a readable message', () => {
    const body = changedBody({ '4': entry('4', 'Modified') });
    const vs = validateResponse(CHANGED, { status: 200, headers: json, body });
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ where: 'response', method: 'GET', template: '/api/v1/employees/changed' });
    expect(vs[0]?.message).toBe(
      'GET /api/v1/employees/changed 200 response body: /employees/4/action must be equal to one of the allowed values (Inserted, Updated, Deleted), got "Modified"',
    );
  });

  it('forgives `employees: []` (spec: a map object) only by the documented exception, and only where it applies', () => {
    const route = ['paths', '/api/v1/employees/changed', 'get', 'responses', '200', 'content', 'application/json'];
    const employees = dig(specDoc(), ...route, 'schema', 'properties', 'employees');
    expect(employees).toMatchObject({ type: 'object', additionalProperties: { type: 'object' } });
    const res = { status: 200, headers: json, body: changedBody([]) };
    expect(messages(validateResponse(CHANGED, res, { exceptions: NO_EXCEPTIONS }))).toEqual([
      'GET /api/v1/employees/changed 200 response body: /employees must be object, got []',
    ]);
    expect(validateResponse(CHANGED, res)).toEqual([]);
    // The exception only forgives empty arrays; a non-empty one is still wrong.
    const full = { ...res, body: changedBody([entry('4', 'Updated')]) };
    expect(validateResponse(CHANGED, full)).toHaveLength(1);
    // Nor does it reach an operation it does not name: meta/lists wants an array of objects.
    expect(messages(validateResponse({ method: 'GET', path: '/api/v1/meta/fields' }, { status: 200, headers: json, body: '{}' }))).toHaveLength(1);
  });

  it('lists every exception with its reason and the operations it applies to', () => {
    const operations = new Set(
      Object.values(specDoc()['paths'] as Record<string, Record<string, { operationId?: string }>>).flatMap((item) => Object.values(item).map((op) => op?.operationId)),
    );
    for (const x of [...SPEC_EXCEPTIONS.schema, ...SPEC_EXCEPTIONS.mediaTypes, ...SPEC_EXCEPTIONS.statuses]) {
      expect(x.reason.length).toBeGreaterThan(40);
      expect(x.operations.length).toBeGreaterThan(0);
      for (const op of x.operations) expect(op === '*' || operations.has(op), `${x.id}: ${op}`).toBe(true);
    }
  });

  describe('datasets (v2)', () => {
    const DATA = { method: 'POST', path: '/api/v2/datasets/employee/data' };
    const page = (links: unknown, value: unknown) => JSON.stringify({ data: [{ fields: { eeid: '4', preferredName: value } }], links, meta: { page: 1, pageSize: 1000, totalPages: 1, totalItems: 1 } });
    it('accepts the recorded shapes (`links: []`, null values) by exception, and nothing else', () => {
      expect(validateResponse(DATA, { status: 200, headers: json, body: page([], null) })).toEqual([]);
      expect(messages(validateResponse(DATA, { status: 200, headers: json, body: page([], null) }, { exceptions: NO_EXCEPTIONS }))).toEqual([
        'POST /api/v2/datasets/employee/data 200 response body: /data/0/fields/preferredName must be string, got null',
        'POST /api/v2/datasets/employee/data 200 response body: /links must be object, got []',
      ]);
      expect(messages(validateResponse(DATA, { status: 200, headers: json, body: page(['x'], 7) }))).toEqual([
        'POST /api/v2/datasets/employee/data 200 response body: /data/0/fields/preferredName must be string, got 7',
        'POST /api/v2/datasets/employee/data 200 response body: /links must be object, got ["x"]',
      ]);
    });
    it('takes application/problem+json for errors (RFC 7807) but still checks the problem body', () => {
      const problem = { 'content-type': 'application/problem+json' };
      expect(validateResponse(DATA, { status: 413, headers: problem, body: '{"type":"about:blank","title":"Content Too Large","status":413,"detail":"too much"}' })).toEqual([]);
      expect(messages(validateResponse(DATA, { status: 422, headers: problem, body: '{"status":"422"}' }))).toEqual([
        'POST /api/v2/datasets/employee/data 422 response body: /status must be integer, got "422"',
      ]);
      expect(messages(validateResponse(DATA, { status: 200, headers: problem, body: page({}, 'x') }))[0]).toContain('Content-Type application/problem+json is not declared');
      expect(messages(validateResponse(DATA, { status: 403, headers: problem, body: '{}' }, { exceptions: NO_EXCEPTIONS }))[0]).toContain('is not declared');
    });
    it('checks the request body: pageSize at most 1000, fields required', () => {
      expect(validateRequest({ ...DATA, query: {}, headers: JSON_HEADERS, body: JSON.stringify({ fields: ['eeid'], filter: 'eeid in (1,2)', page: 1, pageSize: 1000 }) })).toEqual([]);
      expect(messages(validateRequest({ ...DATA, query: {}, headers: JSON_HEADERS, body: JSON.stringify({ pageSize: 1001 }) }))).toEqual([
        "POST /api/v2/datasets/employee/data request body: (root) must have required property 'fields'",
        'POST /api/v2/datasets/employee/data request body: /pageSize must be <= 1000',
      ]);
    });
  });

  it('accepts XML where the spec declares `application/xml: {}`', () => {
    const body = '<employees latest="2011-06-02T19:26:23+00:00"><employee id="4" action="Updated"/></employees>';
    expect(validateResponse(CHANGED, { status: 200, headers: { 'Content-Type': 'application/xml' }, body })).toEqual([]);
    const html = validateResponse(CHANGED, { status: 200, headers: { 'Content-Type': 'text/html' }, body });
    expect(messages(html)[0]).toContain('Content-Type text/html is not declared (declared: application/json, application/xml)');
  });

  it('fails an undeclared status and accepts a declared one without content', () => {
    const vs = validateResponse(CHANGED, { status: 418, headers: {}, body: '' });
    expect(messages(vs)).toEqual(['GET /api/v1/employees/changed 418 response status is not declared (declared: 200, 400)']);
    expect(validateResponse(CHANGED, { status: 400, headers: {}, body: '' })).toEqual([]);
    // 401 is answered everywhere though rarely declared: a documented exception.
    expect(validateResponse(CHANGED, { status: 401, headers: {}, body: '' })).toEqual([]);
    expect(messages(validateResponse(CHANGED, { status: 401, headers: {}, body: '' }, { exceptions: NO_EXCEPTIONS }))).toEqual([
      'GET /api/v1/employees/changed 401 response status is not declared (declared: 200, 400)',
    ]);
  });

  it('reports bodies that are not JSON', () => {
    const vs = validateResponse(CHANGED, { status: 200, headers: json, body: '{"latest":' });
    expect(messages(vs)[0]).toMatch(/200 response body is not valid JSON/);
  });
});
