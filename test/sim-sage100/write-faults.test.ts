// The simulator's generic write faults (the suites' reject-next-write / fail-next-write) and
// changes made "in Sage itself": a refusal answers the next batch's first write as Sage
// refusing it and runs the others; busy holds the first record for N SetKey calls through
// the BOI's own locks; writeInSage goes through the BOI's rules like any write.
import { describe, expect, test } from 'vitest';
import { call, sharedSim, subKey } from './helpers.js';

const sim = sharedSim();
const batch = (codes: string[], desc: string) => ({ writes: codes.map((c) => ({ object: 'GL_SubAccount_bus', key: subKey('02', c), fields: { SubAccountDesc: `${desc} ${c}` } })) });

describe('write faults', () => {
  test('reject: the first write of the next batch is refused and not written, the others are', async () => {
    sim().failNextWrite({ kind: 'reject' });
    const r = await call(sim(), 'POST', '/v1/batch', { body: batch(['31', '32'], 'Batch') });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { outcome: string }) => x.outcome)).toEqual(['rejected', 'created']);
    expect(r.body.results[0]).toMatchObject({ key: subKey('02', '31'), retVal: 0, lastErrorMsg: expect.stringContaining('Simulated refusal') });
    expect(sim().subAccount('02', '31')).toBeUndefined();
    expect(sim().subAccount('02', '32')?.['SubAccountDesc']).toBe('Batch 32');
    // Used once: the same batch again goes through.
    const again = await call(sim(), 'POST', '/v1/batch', { body: batch(['31', '32'], 'Batch') });
    expect(again.body.results.map((x: { outcome: string }) => x.outcome)).toEqual(['created', 'unchanged']);
  });

  test('reject on a single write answers 422 rejected; set through the control API too', async () => {
    expect((await call(sim(), 'POST', '/_sim/write-faults', { apiKey: null, body: { kind: 'reject', message: 'No.' } })).status).toBe(200);
    const r = await call(sim(), 'POST', '/v1/objects/GL_SubAccount_bus/write', { body: { key: subKey('02', '33'), fields: { SubAccountDesc: 'One' } } });
    expect([r.status, r.body.outcome, r.body.lastErrorMsg]).toEqual([422, 'rejected', 'No.']);
    expect((await call(sim(), 'POST', '/_sim/write-faults', { apiKey: null, body: { kind: 'busy' } })).status).toBe(400);
  });

  test('busy: another user holds the first record for N attempts, through the BOI locks', async () => {
    sim().failNextWrite({ kind: 'busy', attempts: 2 });
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) outcomes.push((await call(sim(), 'POST', '/v1/batch', { body: batch(['34'], 'Held') })).body.results[0].outcome);
    expect(outcomes).toEqual(['busy', 'busy', 'created']);
  });
});

describe('changes made in Sage itself', () => {
  test('writeInSage follows the BOI rules: a new value is created, a bad one refused', () => {
    expect(sim().writeInSage('GL_SubAccount_bus', subKey('02', '40'), { SubAccountDesc: 'Made in Sage' }).outcome).toBe('created');
    expect(sim().subAccount('02', '40')).toMatchObject({ SubAccountDesc: 'Made in Sage', Status: 'A', UDF_HEADCOUNT: 0 });
    const bad = sim().writeInSage('GL_SubAccount_bus', subKey('02', '4'), { SubAccountDesc: 'Too short' });
    expect([bad.outcome, bad.lastErrorMsg]).toEqual(['rejected', 'Sub account code must be 2 characters for segment 02.']);
  });
});
