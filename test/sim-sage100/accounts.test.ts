// GL accounts (keyed by the formatted Account, erps.md §8 D.1) and busy records.
import { describe, expect, test } from 'vitest';
import { call, sharedSim, subKey } from './helpers.js';

const sim = sharedSim();

const writeAccount = (Account: string, fields: Record<string, string | number> = {}) => call(sim(), 'POST', '/v1/objects/GL_Account_bus/write', { body: { key: { Account }, fields } });

describe('POST /v1/objects/GL_Account_bus/write', () => {
  test('a new account takes its main account, type and raw form from Sage; writing it again is unchanged', async () => {
    const r = await writeAccount('6100-04-02', { AccountDesc: 'Payroll Taxes Sales New York' });
    expect(r.body).toMatchObject({ outcome: 'created', setKey: 'new', retVal: 1 });
    expect(sim().account('6100-04-02')).toMatchObject({ MainAccountCode: '6100', RawAccount: '61000402', AccountType: '15', Status: 'A' });
    expect((await writeAccount('6100-04-02', { AccountDesc: 'Payroll Taxes Sales New York' })).body.outcome).toBe('unchanged');
  });

  test('SetKey refuses an account on a missing or inactive sub-account, a missing main account, and a malformed account', async () => {
    const cases: Array<[string, string]> = [
      ['6000-13-01', 'Sub account 13 does not exist for segment 02.'],
      ['6000-01-77', 'Sub account 77 does not exist for segment 03.'],
      ['6000-99-01', 'Sub account 99 for segment 02 is not active.'],
      ['7000-01-01', 'Main account 7000 does not exist.'],
      ['6000-1-01', 'Account 6000-1-01 does not match the account format XXXX-XX-XX.'],
      ['6000/01/01', 'Account 6000/01/01 does not match the account format XXXX-XX-XX.'],
    ];
    for (const [account, message] of cases) {
      const r = await writeAccount(account, { AccountDesc: 'x' });
      expect([r.status, r.body.outcome, r.body.failedAt, r.body.lastErrorMsg]).toEqual([422, 'rejected', { call: 'SetKey' }, message]);
      expect(sim().account(account)).toBeUndefined();
    }
  });

  test('the sub-account made first lets the account be created (sub-accounts must exist before accounts)', async () => {
    expect((await writeAccount('6000-16-01')).body.outcome).toBe('rejected');
    await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '16'), fields: { SubAccountDesc: 'Growth' } } });
    expect((await writeAccount('6000-16-01')).body.outcome).toBe('created');
    expect(sim().account('6000-16-01')?.['AccountDesc']).toBe('Salaries');
  });

  test('AccountKey, RawAccount and MainAccountCode are read-only: SetValue answers 0 with LastErrorMsg', async () => {
    for (const field of ['AccountKey', 'RawAccount', 'MainAccountCode']) {
      const r = await writeAccount('6000-01-01', { [field]: '1' });
      expect([r.status, r.body.retVal, r.body.failedAt, r.body.lastErrorMsg]).toEqual([422, 0, { call: 'SetValue', field }, `${field} is a read-only column.`]);
    }
    expect(sim().account('6000-01-01')?.['MainAccountCode']).toBe('6000');
  });
});

describe('busy records', () => {
  test('a record held by another user answers 423 record busy with Retry-After, then writes once released', async () => {
    sim().lock('GL_SubAccount_bus', subKey('02', '03'), { attempts: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '03'), fields: { UDF_HEADCOUNT: 7 } } });
      expect([r.status, r.headers['retry-after'], r.body.outcome, r.body.failedAt, r.body.lastErrorMsg]).toEqual([423, '1', 'busy', { call: 'SetKey' }, 'Error #0: Record/file busy']);
    }
    const third = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('2', '03'), fields: { UDF_HEADCOUNT: 7 } } });
    expect(third.body.outcome).toBe('updated');
    expect(sim().stats['busyRefusals']).toBe(2);
  });

  test('a lock met at Write, a lock for some milliseconds, and a custom busy text matched by the patterns', async () => {
    sim().lock('GL_Account_bus', { Account: '6000-01-02' }, { at: 'write', attempts: 1 });
    const atWrite = await writeAccount('6000-01-02', { AccountDesc: 'Renamed' });
    expect([atWrite.body.outcome, atWrite.body.failedAt, atWrite.body.setKey]).toEqual(['busy', { call: 'Write' }, 'existing']);
    expect(sim().account('6000-01-02')?.['AccountDesc']).toBe('Salaries Engineering New York');
    sim().setBusyMessage('The record is in use by another user.');
    sim().lock('GL_Account_bus', { Account: '6000-01-02' }, { ms: 60_000 });
    const held = await writeAccount('6000-01-02', { AccountDesc: 'Renamed' });
    expect([held.status, held.body.lastErrorMsg]).toEqual([423, 'The record is in use by another user.']);
    sim().unlock('GL_Account_bus', { Account: '6000-01-02' });
    expect((await writeAccount('6000-01-02', { AccountDesc: 'Renamed' })).body.outcome).toBe('updated');
  });

  test('in a batch a busy record is one result among the others', async () => {
    sim().lock('GL_SubAccount_bus', subKey('03', '05'), { attempts: 1 });
    const r = await call(sim(), 'POST', '/v1/batch', {
      body: { writes: [{ object: 'GL_SubAccount_bus', key: subKey('03', '05'), fields: { UDF_HEADCOUNT: 1 } }, { object: 'GL_SubAccount_bus', key: subKey('03', '06'), fields: { UDF_HEADCOUNT: 2 } }] },
    });
    expect([r.status, ...r.body.results.map((x: any) => x.outcome)]).toEqual([200, 'busy', 'updated']);
  });
});
