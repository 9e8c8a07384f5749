// The control API (/_sim/*): no auth, JSON, zod-validated; what a GP user does in GP itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGpSeed, startGpSim, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { companyPath, Conn, GOOD, loggedIn } from './helpers.js';

let sim: GpSim;
const FAB = encodeURIComponent('Fabrikam, Inc.');

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${sim.url}/_sim/${path}`, { method, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sim = await startGpSim();
});
afterAll(() => sim.close());

describe('control API', () => {
  it('GET /_sim/state: companies with counts, resources, stats', async () => {
    const { status, json } = await call('GET', 'state');
    expect(status).toBe(200);
    expect(json['tenant']).toBe('DefaultTenant');
    expect(json['companies']).toEqual([
      expect.objectContaining({ name: 'Fabrikam, Inc.', companyId: 'TWO', counts: expect.objectContaining({ vendors: 3, accounts: 99, costCenters: 14, periods: 36, postedTransactions: 1 }) as unknown }),
      expect.objectContaining({ name: "O'Neill & Sons, Ltd." }),
    ]);
    expect(json['resources']).toContainEqual({ name: 'journals', path: 'Custom/Financials/GLTransactions' });
  });

  it('lists a company table; unknown tables and companies are 404', async () => {
    const { json } = await call('GET', `companies/${FAB}/cost-centers`);
    expect((json['items'] as unknown[]).length).toBe(14);
    expect((await call('GET', `companies/${FAB}/nothing`)).status).toBe(404);
    expect((await call('GET', 'companies/Nope/vendors')).status).toBe(404);
  });

  it('adds and inactivates accounts and cost centres, closes periods per series', async () => {
    expect((await call('POST', `companies/${FAB}/accounts`, { AccountNumber: '500-6100-01', Description: 'Salaries - Support - Denver' })).status).toBe(201);
    expect(sim.store().accounts.get('500-6100-01')).toMatchObject({ IsActive: true, Segments: ['500', '6100', '01'] });
    expect((await call('POST', `companies/${FAB}/accounts`, { AccountNumber: '500-6100-01', Description: 'again' })).status).toBe(400);
    expect((await call('PATCH', `companies/${FAB}/accounts/500-6100-01`, { IsActive: false })).status).toBe(200);
    expect(sim.store().accounts.get('500-6100-01')?.IsActive).toBe(false);
    expect((await call('POST', `companies/${FAB}/cost-centers`, { CostCenterId: '500', Description: 'Support' })).status).toBe(201);
    expect((await call('PATCH', `companies/${FAB}/cost-centers/500`, { IsActive: false })).json).toMatchObject({ IsActive: false });
    expect((await call('PATCH', `companies/${FAB}/periods/2026/12`, { Closed: true, Series: ['Payroll'] })).json).toMatchObject({ Closed: { Payroll: true, Financial: false } });
    expect((await call('PATCH', `companies/${FAB}/periods/2030/1`, { Closed: true })).status).toBe(404);
  });

  it('refuses bad bodies with the offending keys named', async () => {
    const a = await call('POST', 'faults', { rate: 2, colour: 'red' });
    expect(a.status).toBe(400);
    expect(String(a.json['error'])).toMatch(/rate/);
    expect(String(a.json['error'])).toMatch(/colour/);
    expect((await call('POST', 'latency', '{not json')).status).toBe(400);
  });

  it('sets faults and latency, adds users, clears the request log', async () => {
    const c = await loggedIn(sim);
    try {
      expect((await call('POST', 'faults', { failNext: [{ status: 500 }] })).status).toBe(200);
      expect((await c.raw('GET', companyPath(sim, 'Purchasing/Vendors.json'))).status).toBe(500);
      expect((await call('POST', 'faults', null)).status).toBe(200);
      expect((await call('POST', 'latency', { ms: 5 })).status).toBe(200);
      expect((await call('GET', 'state')).json['latencyMs']).toBe(5);
      await call('POST', 'latency', { ms: 0 });
      expect((await call('POST', 'users', { domain: 'CONTOSO', user: 'auditor', password: 'pw' })).status).toBe(200);
      expect(((await call('GET', 'requests')).json['requests'] as unknown[]).length).toBeGreaterThan(0);
      expect((await call('DELETE', 'requests')).status).toBe(200);
      expect(sim.requests).toHaveLength(0);
    } finally {
      await c.close();
    }
  });

  it('the last auth failure reason is visible for debugging, never the password', async () => {
    const c = new Conn(sim);
    try {
      expect((await c.handshake('GET', new URL(sim.helpUrl).pathname, {}, { ...GOOD, password: 'Wrong-Secret-1' })).status).toBe(401);
    } finally {
      await c.close();
    }
    const { json } = await call('GET', 'state');
    expect(json['lastAuthFailure']).toBe('wrong password for CONTOSO\\svc-mlc');
    expect(JSON.stringify(json)).not.toContain('Wrong-Secret-1');
  });
});

describe('seed', () => {
  it('defaultGpSeed covers every BambooHR department and location, with one inactive value', () => {
    const fab = defaultGpSeed().companies[0];
    const names = fab?.costCenters.map((c) => c.Description) ?? [];
    for (const d of ['Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'Human Resources', 'Operations', 'Legal', 'IT', 'Research & Development']) {
      expect(names).toContain(d);
    }
    expect(fab?.costCenters.filter((c) => !c.IsActive)).toHaveLength(1);
    const descriptions = fab?.accounts.map((a) => a.Description).join('\n') ?? '';
    for (const city of ['Denver', 'New York', 'Toronto', 'Vancouver', 'London', 'Berlin', 'Dublin', 'Singapore']) expect(descriptions).toContain(`- ${city}`);
    expect(fab?.accounts.filter((a) => !a.IsActive).map((a) => a.AccountNumber)).toEqual(['900-6100-00']);
  });
});
