// SuiteQL over REST (section_158394344595): Prefer: transient, paging, the supported subset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITEQL_PATH, type NetSuiteSim } from '../../src/sim/netsuite/index.js';
import { api, EMPLOYEE, errorOf, getToken, makeKeys, person, startSim, type Answer } from './helpers.js';

let sim: NetSuiteSim;
let token: string;

beforeAll(async () => {
  const keys = await makeKeys();
  sim = await startSim(keys);
  token = await getToken(sim, keys.ps);
});
afterAll(() => sim.close());

interface Page {
  links: Array<{ rel: string; href: string }>;
  count: number;
  hasMore: boolean;
  items: Array<Record<string, unknown>>;
  offset: number;
  totalResults: number;
}

const query = (q: string, paging = '', headers: Record<string, string> = { Prefer: 'transient' }): Promise<Answer> =>
  api(sim, 'POST', `${SUITEQL_PATH}${paging}`, { token, body: { q }, headers });

describe('SuiteQL', () => {
  it('requires Prefer: transient', async () => {
    const res = await query('SELECT id FROM department', '', {});
    expect(res.status).toBe(400);
    expect(errorOf(res).detail).toMatch(/Prefer: transient header is required/);
  });

  it("filters active departments with isinactive = 'F'", async () => {
    const res = await query("select id, name, isinactive from department where isinactive='F' order by name");
    expect(res.status).toBe(200);
    const page = res.json<Page>();
    expect(page).toMatchObject({ count: 12, hasMore: false, offset: 0, totalResults: 12 });
    expect(page.items[0]).toEqual({ links: [], id: '106', name: 'Customer Success', isinactive: 'F' });
    expect(page.items.map((i) => i['id'])).not.toContain('199');
  });

  it('finds an inactive record and escapes quotes', async () => {
    sim.records.addReference('location', { name: "O'Hare Office" });
    const res = await query("SELECT * FROM location WHERE name = 'O''Hare Office'");
    expect(res.json<Page>().items).toEqual([{ links: [], id: '20', name: "O'Hare Office", isinactive: 'F' }]);
    const inactive = await query("SELECT id FROM location WHERE isinactive = 'T'");
    expect(inactive.json<Page>().items).toEqual([{ links: [], id: '19' }]);
  });

  it('pages with limit/offset, hasMore and links', async () => {
    const first = (await query('SELECT id FROM department ORDER BY id', '?limit=5')).json<Page>();
    expect(first).toMatchObject({ count: 5, hasMore: true, offset: 0, totalResults: 13 });
    expect(first.links.find((l) => l.rel === 'next')?.href).toBe(`${sim.url}${SUITEQL_PATH}?limit=5&offset=5`);
    const last = (await query('SELECT id FROM department ORDER BY id', '?limit=5&offset=10')).json<Page>();
    expect(last).toMatchObject({ count: 3, hasMore: false, offset: 10 });
    expect(last.items.map((i) => i['id'])).toEqual(['111', '112', '199']);
    expect((await query('SELECT id FROM department', '?limit=1001')).status).toBe(400);
  });

  it('queries employees by externalid and leaves null columns out', async () => {
    await api(sim, 'PUT', `${EMPLOYEE}/eid:bhr-77`, { token, body: person({ department: { id: '104' } }) });
    const res = await query("SELECT id, externalid, email, firstname, lastname, subsidiary, department, location FROM employee WHERE externalid = 'bhr-77'");
    const item = res.json<Page>().items[0];
    expect(item).toMatchObject({ externalid: 'bhr-77', email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', subsidiary: '2', department: '104' });
    expect(item).not.toHaveProperty('location');
  });

  it.each([
    ['SELECT id FROM department WHERE isinactive = \'F\' OR id = 1', /Unexpected 'or'/],
    ['SELECT COUNT(*) FROM department', /Unsupported character '\('/],
    ['SELECT id FROM account', /Unknown table 'account'/],
    ['SELECT nope FROM department', /Field 'nope' for record 'department' was not found/],
    ['DELETE FROM department', /Expected SELECT/],
  ])('refuses %s with INVALID_PARAMETER', async (q, detail) => {
    const res = await query(q);
    expect(res.status).toBe(400);
    const e = errorOf(res);
    expect(e.code).toBe('INVALID_PARAMETER');
    expect(e.detail).toMatch(detail);
  });

  it('refuses a body without q', async () => {
    const res = await api(sim, 'POST', SUITEQL_PATH, { token, body: { query: 'x' }, headers: { Prefer: 'transient' } });
    expect(errorOf(res).code).toBe('INVALID_CONTENT');
  });
});
