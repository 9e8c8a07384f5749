// Business-object writes of sub-accounts: upsert by key, idempotency, BOI validation answers
// (SetKey / SetValue 0 with LastErrorMsg, SetValue -1 warnings), the headcount UDF, batch.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startSage100Sim, type Sage100Sim } from '../../src/sim/sage100/index.js';
import { call, closeAgents, subKey } from './helpers.js';

let sim: Sage100Sim;
beforeEach(async () => {
  await sim?.close();
  sim = await startSage100Sim();
});
afterAll(async () => {
  await sim.close();
  await closeAgents();
});

const writeSub = (key: Record<string, string>, fields: Record<string, string | number>) => call(sim, 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key, fields } });

describe('POST /v1/objects/GL_SubAccount_bus/write', () => {
  test('a new key is created (SetKey 2 → "new"), the same write again is "existing" and unchanged, a change is an update', async () => {
    const first = await writeSub(subKey('02', '13'), { SubAccountDesc: 'Platform', Status: 'A' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'created', setKey: 'new', retVal: 1, lastErrorMsg: '', warnings: [] });
    expect(sim.subAccount('02', '13')).toMatchObject({ SubAccountDesc: 'Platform', Status: 'A', UDF_HEADCOUNT: 0 });
    const writes = sim.stats['writes'] ?? 0;

    const again = await writeSub(subKey('02', '13'), { SubAccountDesc: 'Platform', Status: 'A' });
    expect(again.body).toMatchObject({ outcome: 'unchanged', setKey: 'existing', retVal: 1, changed: [] });
    expect(sim.stats['writes']).toBe(writes);

    const renamed = await writeSub(subKey('2', '13'), { SubAccountDesc: 'Platform Engineering', Status: 'A' });
    expect(renamed.body).toMatchObject({ outcome: 'updated', setKey: 'existing', changed: ['SubAccountDesc'], key: { SegmentNo: '2' } });
    expect(sim.subAccount('02', '13')?.['SubAccountDesc']).toBe('Platform Engineering');
    expect(sim.stats['writes']).toBe(writes + 1);
  });

  test('the headcount UDF is written as a number and unchanged counts cost no Write', async () => {
    const r = await writeSub(subKey('02', '01'), { UDF_HEADCOUNT: 42 });
    expect(r.body.outcome).toBe('updated');
    expect(sim.subAccount('02', '01')?.['UDF_HEADCOUNT']).toBe(42);
    expect((await writeSub(subKey('02', '01'), { UDF_HEADCOUNT: 42 })).body.outcome).toBe('unchanged');
    const asText = await writeSub(subKey('02', '01'), { UDF_HEADCOUNT: '43' });
    expect([asText.status, asText.body.failedAt, asText.body.lastErrorMsg]).toEqual([422, { call: 'SetValue', field: 'UDF_HEADCOUNT' }, 'UDF_HEADCOUNT is a numeric column.']);
  });

  test('deactivating a department sets Status I; Status outside A/I/D is refused by SetValue', async () => {
    expect((await writeSub(subKey('02', '10'), { Status: 'I' })).body.outcome).toBe('updated');
    expect(sim.subAccount('02', '10')?.['Status']).toBe('I');
    const bad = await writeSub(subKey('02', '10'), { Status: 'X' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ outcome: 'rejected', setKey: 'existing', retVal: 0, failedAt: { call: 'SetValue', field: 'Status' } });
    expect(bad.body.lastErrorMsg).toMatch(/valid values are A, I, D/);
    expect(sim.subAccount('02', '10')?.['Status']).toBe('I');
  });

  test('SetKey refuses a segment outside the account structure, the main-account segment, and a code of the wrong length', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [subKey('04', '01'), /Segment number 04 is not defined/],
      [subKey('01', '6000'), /main account segment/],
      [subKey('02', '123'), /must be 2 characters for segment 02/],
      [subKey('02', 'A-'), /letters and digits/],
    ];
    for (const [key, message] of cases) {
      const r = await writeSub(key, { SubAccountDesc: 'x' });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ outcome: 'rejected', setKey: null, retVal: 0, failedAt: { call: 'SetKey' } });
      expect(r.body.lastErrorMsg).toMatch(message);
    }
    expect(sim.subAccounts('04')).toEqual([]);
  });

  test('read-only columns are refused by SetValue with 0 and LastErrorMsg; a too-long description is truncated with a warning (-1)', async () => {
    const ro = await writeSub(subKey('02', '02'), { DateCreated: '20200101' });
    expect(ro.body).toMatchObject({ outcome: 'rejected', failedAt: { call: 'SetValue', field: 'DateCreated' }, lastErrorMsg: 'DateCreated is a read-only column.' });
    const long = await writeSub(subKey('02', '14'), { SubAccountDesc: 'D'.repeat(45) });
    expect(long.body.outcome).toBe('created');
    expect(long.body.warnings).toEqual([{ field: 'SubAccountDesc', message: 'SubAccountDesc was truncated to 40 characters.' }]);
    expect(sim.subAccount('02', '14')?.['SubAccountDesc']).toBe('D'.repeat(40));
  });

  test('protocol errors: wrong key columns, key columns in fields, unknown or read-only objects, bad JSON, wrong media type', async () => {
    expect((await writeSub({ SegmentNo: '02' }, {})).body.error.code).toBe('invalid_key');
    expect((await call(sim, 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '01'), fields: { SegmentNo: '03' } } })).body.error.code).toBe('invalid_request');
    expect((await call(sim, 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '01'), extra: 1 } })).body.error.issues[0].message).toMatch(/extra/i);
    expect((await call(sim, 'POST', '/v1/objects/AR_Customer_bus/write', { body: { key: {} } })).status).toBe(404);
    expect((await call(sim, 'POST', '/v1/objects/GL_MainAccount_bus/write', { body: { key: { SegmentNo: '01', MainAccountCode: '7000' } } })).body.error.code).toBe('object_not_writable');
    expect((await call(sim, 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const broken = await call(sim, 'POST', '/v1/batch', { body: undefined, headers: { 'content-type': 'application/json' } });
    expect(broken.body.error.code).toBe('invalid_json');
    const huge = await call(sim, 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '01'), fields: { SubAccountDesc: 'x'.repeat(1024 * 1024) } } });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
  });
});

describe('POST /v1/batch', () => {
  test('writes in order and answers one result per write; a refused record does not stop the others', async () => {
    const r = await call(sim, 'POST', '/v1/batch', {
      body: {
        writes: [
          { object: 'GL_SubAccount_bus', key: subKey('02', '15'), fields: { SubAccountDesc: 'Data' } },
          { object: 'GL_Account_bus', key: { Account: '6000-15-01' }, fields: { AccountDesc: 'Salaries Data Denver' } },
          { object: 'GL_SubAccount_bus', key: subKey('05', '01'), fields: { SubAccountDesc: 'Nope' } },
          { object: 'GL_SubAccount_bus', key: subKey('02', '15'), fields: { SubAccountDesc: 'Data' } },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => x.outcome)).toEqual(['created', 'created', 'rejected', 'unchanged']);
    expect(sim.account('6000-15-01')).toMatchObject({ AccountDesc: 'Salaries Data Denver', RawAccount: '60001501' });
  });

  test('a batch over the limit or with a bad entry is refused whole, naming the entry', async () => {
    const tooMany = Array.from({ length: 101 }, () => ({ object: 'GL_SubAccount_bus', key: subKey('02', '01'), fields: {} }));
    expect((await call(sim, 'POST', '/v1/batch', { body: { writes: tooMany } })).status).toBe(400);
    const bad = await call(sim, 'POST', '/v1/batch', { body: { writes: [{ object: 'GL_SubAccount_bus', key: subKey('02', '16'), fields: {} }, { object: 'GL_Account_bus', key: { Acct: 'x' } }] } });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'writes.1.key must have exactly Account for GL_Account_bus']);
    expect(sim.subAccount('02', '16')).toBeUndefined();
  });
});
