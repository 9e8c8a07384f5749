import { describe, expect, it } from 'vitest';
import { registerSecret, scrub } from '../../src/log/redact.js';
import { keyMatcher, redactPayload, redactedJson, redactedPaths } from '../../src/domain/redact-payload.js';
import { payloadRedactor } from '../../src/app/sync/record.js';

describe('redaction', () => {
  it('removes registered secrets and well-known credential carriers from text', () => {
    registerSecret('s3cr3t-value-42');
    expect(scrub('key s3cr3t-value-42 in a message')).toBe('key [REDACTED] in a message');
    expect(scrub('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [REDACTED]');
    expect(scrub('GET /x?access_token=abc123&since=2026')).toBe('GET /x?access_token=[REDACTED]&since=2026');
    expect(scrub('{"refresh_token":"0123456789abcdef"}')).toBe('{"refresh_token":"[REDACTED]"}');
    registerSecret('https://hooks.slack.com/services/T000/B000/XXXXSECRET');
    expect(scrub('POST /services/T000/B000/XXXXSECRET 200')).toBe('POST [REDACTED] 200');
    // a short label such as a secret's source is not a credential
    expect(scrub('{"api_key":"env"}')).toBe('{"api_key":"env"}');
  });

  it('masks sensitive payload keys at any depth, with wildcards, and says which', () => {
    const sensitive = keyMatcher(['payRate', '*Date', 'custentity_pay*']);
    const out = redactPayload({ firstName: 'Ana', hireDate: '2020-01-01', releaseDate: null, nested: { payRate: '100', custentity_pay_grade: 'B' } }, sensitive);
    expect(out).toEqual({ firstName: 'Ana', hireDate: '[redacted]', releaseDate: null, nested: { payRate: '[redacted]', custentity_pay_grade: '[redacted]' } });
    expect(redactedPaths(out)).toEqual(['hireDate', 'nested.payRate', 'nested.custentity_pay_grade']);
  });

  it('writes the audit payload as redactPayload then JSON would, in one pass (lists, nesting, keys like an index)', () => {
    const patterns = ['payRate', '*Date', 'custentity_pay*', '0', 'sub*'];
    const payload = { firstName: 'Ana', hireDate: '2020-01-01', releaseDate: null, gone: undefined, list: ['a', { payRate: 5, x: [1, 2] }], subsidiary: { id: '1' }, nested: { payRate: '100', custentity_pay_grade: 'B', '0': 'zero' } };
    const json = payloadRedactor(patterns)(payload);
    expect(json).toBe(JSON.stringify(redactPayload(payload, keyMatcher(patterns))));
    expect(redactedJson(payload, keyMatcher(patterns))).toBe(json);
    expect(JSON.parse(json)).toEqual({ firstName: 'Ana', hireDate: '[redacted]', releaseDate: null, list: ['a', { payRate: '[redacted]', x: [1, 2] }], subsidiary: '[redacted]', nested: { payRate: '[redacted]', custentity_pay_grade: '[redacted]', '0': '[redacted]' } });
  });
});
