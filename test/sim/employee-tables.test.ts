import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, RESTRICTED_KEY, startSim, TODAY } from './helpers.js';

type Row = Record<string, unknown>;

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('GET /employees/{id|all}/tables/{table}', () => {
  it('returns a flat array with string id/employeeId and rate as {value, currency}', async () => {
    const rows = (await call(sim, '/api/v1/employees/all/tables/compensation')).json<Row[]>();
    const total = sim.company.list().reduce((n, e) => n + e.compensation.length, 0);
    expect(rows).toHaveLength(total);
    for (const row of rows) {
      expect(typeof row['id']).toBe('string');
      expect(typeof row['employeeId']).toBe('string');
      expect(row['rate']).toMatchObject({ value: expect.stringMatching(/^\d+\.\d\d$/), currency: expect.stringMatching(/^[A-Z]{3}$/) });
    }
  });

  it('returns jobInfo rows with reportsTo as a display name', async () => {
    const e = sim.company.list().find((x) => x.jobInfo.some((r) => r.reportsTo !== null));
    const rows = (await call(sim, `/api/v1/employees/${e?.id}/tables/jobInfo`)).json<Row[]>();
    const withBoss = rows.find((r) => r['reportsTo'] !== '');
    expect(withBoss?.['reportsTo']).toMatch(/\S+ \S+/);
    expect(rows.every((r) => r['employeeId'] === String(e?.id))).toBe(true);
  });

  it('omits restricted columns and answers 404 for unknown employees and tables', async () => {
    const rows = (await call(sim, '/api/v1/employees/all/tables/compensation', { key: RESTRICTED_KEY })).json<Row[]>();
    expect(rows.every((r) => !('rate' in r) && 'startDate' in r)).toBe(true);
    expect((await call(sim, '/api/v1/employees/99999/tables/jobInfo')).status).toBe(404);
    expect((await call(sim, '/api/v1/employees/0/tables/bogus')).status).toBe(404);
  });
});

describe('GET /employees/{id}', () => {
  it('returns id plus the requested fields; unknown fields are omitted', async () => {
    const e = sim.company.list()[3];
    const r = await call(sim, `/api/v1/employees/${e?.id}?fields=firstName,lastName,employeeNumber,supervisorEId,supervisorId,nonsense`);
    const body = r.json<Record<string, string | null>>();
    expect(body['id']).toBe(String(e?.id));
    expect(body['firstName']).toBe(e?.firstName);
    expect(body).not.toHaveProperty('nonsense');
    if (body['supervisorEId']) {
      const boss = sim.company.get(Number(body['supervisorEId']));
      expect(body['supervisorId']).toBe(boss?.employeeNumber);
    }
  });

  it('id 0 is the employee linked to the key; the restricted key silently loses pay fields', async () => {
    const full = (await call(sim, '/api/v1/employees/0?fields=firstName,payRate,payType')).json<Record<string, string>>();
    expect(full['id']).toBe(String(sim.company.list()[0]?.id));
    expect(full['payRate']).toMatch(/^\d+\.\d\d [A-Z]{3}$/);
    const r = await call(sim, '/api/v1/employees/0?fields=firstName,payRate,payType', { key: RESTRICTED_KEY });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json<object>()).sort()).toEqual(['firstName', 'id']);
  });

  it('answers 404 for unknown ids and 400 for more than 400 fields', async () => {
    expect((await call(sim, '/api/v1/employees/424242?fields=firstName')).status).toBe(404);
    expect((await call(sim, '/api/v1/employees/abc?fields=firstName')).status).toBe(404);
    const many = Array.from({ length: 401 }, () => 'firstName').join(',');
    expect((await call(sim, `/api/v1/employees/0?fields=${many}`)).status).toBe(400);
  });

  it('shows future-dated values only with onlyCurrent=false', async () => {
    const e = sim.company.list().find((x) => x.jobInfo.some((r) => r.date > TODAY));
    const future = e?.jobInfo.find((r) => r.date > TODAY);
    const now = (await call(sim, `/api/v1/employees/${e?.id}?fields=department`)).json<Record<string, string>>();
    const ahead = (await call(sim, `/api/v1/employees/${e?.id}?fields=department&onlyCurrent=false`)).json<Record<string, string>>();
    expect(ahead['department']).toBe(future?.department);
    expect(now['department']).not.toBe(future?.department);
  });

  it('answers XML by default', async () => {
    const r = await call(sim, '/api/v1/employees/0?fields=firstName', { accept: null });
    expect(r.text).toMatch(/<employee id="\d+"><field id="firstName">[^<]+<\/field><\/employee>/);
  });
});
