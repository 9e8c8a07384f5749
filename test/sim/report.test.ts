import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BambooSim } from '../../src/sim/bamboohr/index.js';
import { call, RESTRICTED_KEY, startSim } from './helpers.js';

type Report = { title: string; fields: Array<{ id: string; type: string; name: string }>; employees: Array<Record<string, string>> };

let sim: BambooSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const FIELDS = ['employeeNumber', 'firstName', 'status', 'hireDate', 'originalHireDate', 'terminationDate', 'department', 'supervisorEId', 'payRate', 'lastChanged'];
const json = (extra: object = {}): string => JSON.stringify({ title: 'Sync', fields: FIELDS, ...extra });

function report(body: string, opts: { query?: string; contentType?: string; accept?: string | null; key?: string } = {}) {
  return call(sim, `/api/v1/reports/custom${opts.query ?? '?format=JSON'}`, {
    method: 'POST',
    body,
    key: opts.key,
    accept: opts.accept === undefined ? null : opts.accept,
    headers: { 'Content-Type': opts.contentType ?? 'application/json' },
  });
}

describe('POST /reports/custom', () => {
  it('returns every employee, all statuses, values as strings', async () => {
    const r = await report(json());
    expect(r.status).toBe(200);
    const body = r.json<Report>();
    expect(body.title).toBe('Sync');
    expect(body.fields.map((f) => f.id)).toEqual(FIELDS);
    expect(body.employees).toHaveLength(sim.company.list().length);
    const statuses = new Set(body.employees.map((e) => e['status']));
    expect(statuses).toEqual(new Set(['Active', 'Inactive']));
    for (const e of body.employees) for (const v of Object.values(e)) expect(typeof v).toBe('string');
    expect(body.employees.filter((e) => e['originalHireDate'] === '0000-00-00')).toHaveLength(1);
    expect(body.employees.some((e) => e['terminationDate'] === '')).toBe(true);
    expect(body.employees[0]?.['payRate']).toMatch(/^\d+\.\d\d [A-Z]{3}$/);
  });

  it('reads JSON only with Content-Type exactly application/json', async () => {
    const r = await report(json(), { contentType: 'application/json; charset=UTF-8' });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-bamboohr-error-message')).toBe('Malformed XML');
  });

  it('accepts an XML report definition', async () => {
    const xml = '<report><title>X</title><fields><field id="firstName"/><field id="lastName"/></fields></report>';
    const r = await report(xml, { contentType: 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.json<Report>().fields.map((f) => f.id)).toEqual(['firstName', 'lastName']);
  });

  it('picks the output from format (any case) or an exact Accept, else 404', async () => {
    expect((await report(json(), { query: '?format=json' })).status).toBe(200);
    expect((await report(json(), { query: '?format=bogus' })).status).toBe(404);
    const viaAccept = await report(json(), { query: '', accept: 'application/json' });
    expect(viaAccept.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await report(json(), { query: '', accept: '*/*' })).status).toBe(404);
    expect((await report(json(), { query: '', accept: 'application/xml' })).status).toBe(404);
    const xml = await report(json(), { query: '', accept: 'text/xml' });
    expect(xml.text).toContain('<report><title>Sync</title>');
    const csv = await report(json(), { query: '?format=csv' });
    expect(csv.text.split('\r\n')[0]).toBe('Employee #,First Name,Status,Hire Date,Original Hire Date,Termination Date,Department,Supervisor EID,Pay rate,Last changed');
  });

  it('filters by employeeIds and lastChanged', async () => {
    const ids = sim.company.list().slice(2, 5).map((e) => e.id);
    const byId = (await report(json({ filters: { employeeIds: ids } }))).json<Report>();
    expect(byId.employees.map((e) => Number(e['id']))).toEqual(ids);
    const cut = [...sim.company.list()].map((e) => e.lastChanged).sort().at(-3) ?? '';
    const recent = (await report(json({ filters: { lastChanged: { value: cut, includeNull: 'no' } } }))).json<Report>();
    expect(recent.employees).toHaveLength(3);
  });

  it('silently drops fields the key cannot see, from fields and employees', async () => {
    const r = await report(json(), { key: RESTRICTED_KEY });
    expect(r.status).toBe(200);
    const body = r.json<Report>();
    expect(body.fields.map((f) => f.id)).not.toContain('payRate');
    expect(body.employees.every((e) => !('payRate' in e))).toBe(true);
  });

  it('answers 400 for more than 400 fields or a malformed body', async () => {
    const many = JSON.stringify({ fields: Array.from({ length: 401 }, (_, i) => `f${i}`) });
    expect((await report(many)).status).toBe(400);
    expect((await report('{not json')).status).toBe(400);
  });
});
