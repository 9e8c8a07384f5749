import { describe, expect, it } from 'vitest';
import { matchRoute, specDoc } from '../helpers/openapi/spec.js';
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
    const report = { method: 'POST', path: '/api/v1/reports/custom', query: { format: 'JSON' } };
    it('accepts a well-formed JSON request (format is case-insensitive)', () => {
      const body = JSON.stringify({ title: 'sync', fields: ['firstName'], filters: { lastChanged: { value: '2024-01-01T00:00:00Z' } } });
      expect(validateRequest({ ...report, headers: JSON_HEADERS, body })).toEqual([]);
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

  it('flags `employees: []` (spec: a map object) unless allowEmptyArrayForMaps is set', () => {
    const route = ['paths', '/api/v1/employees/changed', 'get', 'responses', '200', 'content', 'application/json'];
    const employees = dig(specDoc(), ...route, 'schema', 'properties', 'employees');
    expect(employees).toMatchObject({ type: 'object', additionalProperties: { type: 'object' } });
    const res = { status: 200, headers: json, body: changedBody([]) };
    expect(messages(validateResponse(CHANGED, res))).toEqual([
      'GET /api/v1/employees/changed 200 response body: /employees must be object, got []',
    ]);
    expect(validateResponse(CHANGED, res, { allowEmptyArrayForMaps: true })).toEqual([]);
    // The option only forgives empty arrays; a non-empty one is still wrong.
    const full = { ...res, body: changedBody([entry('4', 'Updated')]) };
    expect(validateResponse(CHANGED, full, { allowEmptyArrayForMaps: true })).toHaveLength(1);
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
  });

  it('reports bodies that are not JSON', () => {
    const vs = validateResponse(CHANGED, { status: 200, headers: json, body: '{"latest":' });
    expect(messages(vs)[0]).toMatch(/200 response body is not valid JSON/);
  });
});
