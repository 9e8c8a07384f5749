// The in-memory BOI against the port contract the COM implementation also follows: session
// setup before NewObject, SetKey 2 / 1 / 0, SetValue 1 / -1 / 0, Write, Clear, LastErrorMsg.
import { describe, expect, test } from 'vitest';
import { createMemoryBoi } from '../../src/agent/sage100/boi/memory/index.js';
import { defaultSage100Seed } from '../../src/sim/sage100/index.js';

function session() {
  const boi = createMemoryBoi({ ...defaultSage100Seed(), user: { name: 'mlc', password: 'pw' } });
  return { boi, s: boi.openSession() };
}

describe('in-memory SY_Session', () => {
  test('SetUser checks the logon, SetCompany the company; NewObject needs the program set to its task', () => {
    const { s } = session();
    expect(s.setUser('mlc', 'nope')).toBe(0);
    expect(s.lastErrorMsg()).toBe('Invalid user logon or password.');
    expect(s.setUser('mlc', 'pw')).toBe(1);
    expect(s.setCompany('XYZ')).toBe(0);
    expect(s.setCompany('ABC')).toBe(1);
    expect(() => s.newObject('GL_SubAccount_bus')).toThrow(/program is not set/);
    expect(s.lookupTask('GL_Nothing_ui')).toBe(0);
    expect(s.setProgram(s.lookupTask('GL_SubAccount_ui'))).toBe(1);
    expect(s.newObject('GL_SubAccount_bus').name).toBe('GL_SubAccount_bus');
    expect(() => s.newObject('PR_Employee_bus')).toThrow();
  });

  test('the record cycle returns BOI codes and leaves the reason in LastErrorMsg', () => {
    const { boi, s } = session();
    s.setUser('mlc', 'pw');
    s.setCompany('ABC');
    s.setProgram(s.lookupTask('GL_SubAccount_ui'));
    const bo = s.newObject('GL_SubAccount_bus');
    expect(bo.setValue('SubAccountDesc', 'x')).toBe(0);
    expect(bo.lastErrorMsg()).toBe('No record is loaded; call SetKey first.');
    expect(bo.setKeyValue('Status', 'A')).toBe(0);
    expect([bo.setKeyValue('SegmentNo', '2'), bo.setKeyValue('SubAccountCode', '30'), bo.setKey()]).toEqual([1, 1, 2]);
    expect(bo.setValue('SubAccountDesc', 'y'.repeat(41))).toBe(-1);
    expect(bo.setValue('SegmentNo', '03')).toBe(0);
    expect(bo.setValue('Nope', 'x')).toBe(0);
    expect(bo.lastErrorMsg()).toBe('Nope is not a column of GL_SubAccount.');
    expect(bo.clear()).toBe(1);
    expect(boi.company.rows('GL_SubAccount').some((r) => r['SubAccountCode'] === '30')).toBe(false);
    expect([bo.setKeyValue('SegmentNo', '02'), bo.setKeyValue('SubAccountCode', '01'), bo.setKey()]).toEqual([1, 1, 1]);
    expect(bo.getValue('SubAccountDesc')).toBe('Engineering');
    expect(bo.write()).toBe(1);
    expect(bo.write()).toBe(0);
  });
});
