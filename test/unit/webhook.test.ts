// Webhook signatures and payloads, with the two known-good vectors (reference §4.3).
import { describe, expect, it } from 'vitest';
import { parseDelivery, sign, timestampMs, verifySignature } from '../../src/source/bamboohr/webhook.js';

describe('BambooHR webhook signature', () => {
  it('matches the third-party vector (fusebit) and ours', () => {
    const fusebitBody = Buffer.from('{"employees":[{"changedFields":["First name"],"fields":{"Employee #":{"value":"300"},"First name":{"value":"Tefi"},"Last name":{"value":"Adams"}},"id":"5"}]}');
    expect(sign('123b929362d51613054f71e5e5d4bf2c', fusebitBody, '1658248023')).toBe('56491dd9c2b352bc5f4fc627159aae20ddff9c8cb19f239a6de6771dc5310bac');
    const ours = Buffer.from('{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"12345","employeeId":"67890","changedFields":["firstName"]}}');
    expect(verifySignature('0123456789abcdef0123456789abcdef', ours, '1769884920', '34ff2fdf42bca095d63bc0516d4d7c8ef7365a932bd4b1543ff691310c73e951')).toBe(true);
    expect(verifySignature('0123456789abcdef0123456789abcdef', ours, '1769884921', '34ff2fdf42bca095d63bc0516d4d7c8ef7365a932bd4b1543ff691310c73e951')).toBe(false);
    expect(verifySignature('0123456789abcdef0123456789abcdef', Buffer.concat([ours, Buffer.from(' ')]), '1769884920', '34ff2fdf42bca095d63bc0516d4d7c8ef7365a932bd4b1543ff691310c73e951')).toBe(false);
    expect(verifySignature('0123456789abcdef0123456789abcdef', ours, '1769884920', 'not-hex')).toBe(false);
    expect(verifySignature('0123456789abcdef0123456789abcdef', ours, '1769884920', '34FF2FDF42BCA095D63BC0516D4D7C8EF7365A932BD4B1543FF691310C73E951')).toBe(true);
  });

  it('reads timestamps as epoch seconds, epoch milliseconds or ISO', () => {
    expect(timestampMs('1658248023')).toBe(1_658_248_023_000);
    expect(timestampMs('1658248023123')).toBe(1_658_248_023_123);
    expect(timestampMs('2026-01-31T18:42:00+0000')).toBe(Date.parse('2026-01-31T18:42:00Z'));
    expect(timestampMs('2025-02-18T15:30:00Z')).toBe(Date.parse('2025-02-18T15:30:00Z'));
    expect(timestampMs('yesterday')).toBeUndefined();
  });

  it('names the employees of both payload families, JSON or form-encoded', () => {
    const json = (v: unknown) => parseDelivery(Buffer.from(JSON.stringify(v)), 'application/json');
    expect(json({ type: 'employee.updated', timestamp: 'x', data: { companyId: '1', employeeId: '67890', changedFields: ['firstName'] } })).toEqual([{ employeeId: '67890', event: 'employee.updated' }]);
    expect(json({ employees: [{ action: 'Created', id: '5' }, { id: 6 }] })).toEqual([
      { employeeId: '5', event: 'employee_with_fields.created' },
      { employeeId: '6', event: 'employee_with_fields.updated' },
    ]);
    const form = (t: string) => parseDelivery(Buffer.from(t), 'application/x-www-form-urlencoded');
    expect(form('type=employee.deleted&data%5BcompanyId%5D=1&data%5BemployeeId%5D=42')).toEqual([{ employeeId: '42', event: 'employee.deleted' }]);
    expect(form('employees[12345][changedFields][0]=First+name&employees[12345][First+name]=John&employees[7][action]=Deleted')).toEqual([
      { employeeId: '12345', event: 'employee_with_fields.updated' },
      { employeeId: '7', event: 'employee_with_fields.deleted' },
    ]);
    expect(json({ hello: 'world' })).toBe('no employee named in the delivery');
    expect(parseDelivery(Buffer.from('{"type":'), 'application/json')).toBe('the body is not JSON');
    expect(json({ type: 'employee.updated', data: { employeeId: "1'; DROP TABLE inbox;--" } })).toMatch(/^not an employee id/);
  });
});
