// Protocol reads against the agent on the in-memory BOI: account structure, filters, paging.
import { describe, expect, test } from 'vitest';
import { SIM_DEPARTMENTS } from '../../src/sim/sage100/index.js';
import { call, sharedSim } from './helpers.js';

const sim = sharedSim();

describe('GET /v1/tables', () => {
  test('GL_AccountStructure gives one row per segment with length, description and the separator', async () => {
    const r = await call(sim(), 'GET', '/v1/tables/GL_AccountStructure');
    expect(r.status).toBe(200);
    expect(r.headers['x-agent-protocol']).toBe('1');
    expect(r.body.rows).toEqual([
      { SegmentNo: '01', SegmentLength: 4, SegmentDesc: 'Main Account', Separator: '-' },
      { SegmentNo: '02', SegmentLength: 2, SegmentDesc: 'Department', Separator: '-' },
      { SegmentNo: '03', SegmentLength: 2, SegmentDesc: 'Location', Separator: '-' },
    ]);
    expect(r.body.nextCursor).toBeNull();
  });

  test('where.<Column> filters by equality, prefix.<Column> by prefix, fields projects', async () => {
    const depts = await call(sim(), 'GET', '/v1/tables/GL_SubAccount?where.SegmentNo=02&where.Status=A&fields=SubAccountCode,SubAccountDesc&limit=1000');
    expect(depts.body.rows).toHaveLength(SIM_DEPARTMENTS.length + 1);
    expect(depts.body.rows[1]).toEqual({ SubAccountCode: '01', SubAccountDesc: 'Engineering' });
    const inactive = await call(sim(), 'GET', '/v1/tables/GL_SubAccount?where.Status=I');
    expect(inactive.body.rows.map((r: any) => `${r.SegmentNo}-${r.SubAccountCode}`)).toEqual(['02-99', '03-99']);
    const salaries = await call(sim(), 'GET', '/v1/tables/GL_Account?prefix.Account=6000-01');
    expect(salaries.body.rows.map((r: any) => r.Account)).toEqual(['6000-01-01', '6000-01-02']);
  });

  test('GL_Account rows carry the read-only columns Sage derives: AccountKey, RawAccount, MainAccountCode, AccountType', async () => {
    const r = await call(sim(), 'GET', '/v1/tables/GL_Account?where.Account=6000-04-02');
    expect(r.body.rows[0]).toMatchObject({ Account: '6000-04-02', RawAccount: '60000402', MainAccountCode: '6000', AccountType: '15', Status: 'A' });
    expect(r.body.rows[0].AccountKey).toMatch(/^\d{9}$/);
  });

  test('limit and cursor page through every row once, in primary-key order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const r = await call(sim(), 'GET', `/v1/tables/GL_SubAccount?limit=4${q}`);
      expect(r.status).toBe(200);
      expect(r.body.rows.length).toBeLessThanOrEqual(4);
      seen.push(...r.body.rows.map((row: any) => `${row.SegmentNo}|${row.SubAccountCode}`));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor);
    const all = sim().subAccounts().map((r) => `${r['SegmentNo']}|${r['SubAccountCode']}`);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));
  });

  test('bad reads: unknown table 404, unknown column / parameter / limit / foreign cursor 400', async () => {
    expect((await call(sim(), 'GET', '/v1/tables/AR_Customer')).body.error.code).toBe('unknown_table');
    expect((await call(sim(), 'GET', '/v1/tables/GL_SubAccount?where.Nope=1')).body.error.code).toBe('unknown_field');
    expect((await call(sim(), 'GET', '/v1/tables/GL_SubAccount?filter=x')).body.error.code).toBe('invalid_parameter');
    expect((await call(sim(), 'GET', '/v1/tables/GL_SubAccount?limit=0')).status).toBe(400);
    const page = await call(sim(), 'GET', '/v1/tables/GL_Account?limit=1');
    const foreign = await call(sim(), 'GET', `/v1/tables/GL_SubAccount?cursor=${page.body.nextCursor}`);
    expect(foreign.body.error.code).toBe('invalid_cursor');
  });
});

describe('GET /v1/info and routing', () => {
  test('info names the implementation, company, capabilities and the certificate fingerprint', async () => {
    const r = await call(sim(), 'GET', '/v1/info');
    expect(r.body).toMatchObject({
      protocol: { version: 1 },
      boi: { implementation: 'memory', company: 'ABC' },
      capabilities: { prEmployeeBus: false, writableObjects: ['GL_SubAccount_bus', 'GL_Account_bus'], udfs: { GL_SubAccount: [{ name: 'UDF_HEADCOUNT', type: 'number' }] } },
      tls: { fingerprint256: sim().fingerprint },
      auth: { methods: ['apiKey'] },
    });
  });

  test('another protocol version, an unknown path and a wrong method are told apart', async () => {
    const v2 = await call(sim(), 'GET', '/v2/info');
    expect([v2.status, v2.body.error.code, v2.body.error.versions]).toEqual([404, 'unsupported_protocol_version', [1]]);
    expect((await call(sim(), 'GET', '/v1/nothing')).body.error.code).toBe('not_found');
    const wrong = await call(sim(), 'DELETE', '/v1/info');
    expect([wrong.status, wrong.headers['allow']]).toEqual([405, 'GET']);
  });
});
