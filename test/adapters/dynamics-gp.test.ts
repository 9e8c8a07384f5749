// The GP adapter against its simulator over real HTTP(S): the NTLMv2 handshake (good and
// wrong credentials), one logon per connection and re-logon when the server forgets it,
// certificate pinning and CA trust, company names that need escaping, the vendor upsert with
// look-up before create, error classification, the ModifiedDate cache, and the /help check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowSettings } from '../../src/config/types.js';
import type { MlcError } from '../../src/domain/errors.js';
import { startGpSim, type GpSim } from '../../src/sim/dynamics-gp/index.js';
import { useTempDir } from '../helpers/tmp.js';
import { applyOne, connectGp, GOOD_ENV, gpSettings, MemoryStore, vendorOp } from './dynamics-gp-helpers.js';

let sim: GpSim;
let tls: GpSim;
beforeAll(async () => {
  [sim, tls] = await Promise.all([startGpSim(), startGpSim({ tls: true })]);
});
afterEach(() => sim.setFaults(undefined));
afterAll(async () => Promise.all([sim.close(), tls.close()]));
const tmp = useTempDir();

const since = (n: number) => sim.requests.slice(n);

describe('Windows authentication (NTLMv2)', () => {
  it('logs on with a handshake the simulator verifies, on one connection', async () => {
    const n = sim.requests.length;
    const { session } = await connectGp(gpSettings(sim));
    expect(await session.ping()).toBe('company "Fabrikam, Inc." (TWO) of tenant DefaultTenant; Windows authentication (NTLMv2), 1 logon(s)');
    const [type1, type3] = since(n);
    expect([type1?.status, type1?.headers.authorization, type3?.status, type3?.headers.authorization]).toEqual([401, 'NTLM …', 200, 'NTLM …']);
    expect(type3?.connection).toBe(type1?.connection);
    expect(type3?.user).toBe('CONTOSO\\svc-mlc');
    await session.close();
  });

  it('wrong credentials: auth_refused (exit 4) naming the secrets, after one handshake', async () => {
    const failures = sim.stats.authFailures;
    const { session } = await connectGp(gpSettings(sim), { env: { ...GOOD_ENV, MLC_GP_PASSWORD: 'wrong-password-1' } });
    const err = (await session.ping().catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toBe('gp: Dynamics GP refused the Windows credentials (NTLMv2 logon failed for the account in the secrets gp.domain, gp.user and gp.password)');
    expect(sim.stats.authFailures).toBe(failures + 1);
    await session.close();
  });

  it('keeps one logon per connection for many requests, and logs on again when the server forgets it', async () => {
    const { session } = await connectGp(gpSettings(sim, { concurrency: 2 }));
    const logons = sim.stats.logons;
    const n = sim.requests.length;
    const outcomes = await session.applyBatch(Array.from({ length: 8 }, (_, i) => vendorOp(`r${i}`)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sim.stats.logons - logons).toBe(2);
    expect(new Set(since(n).map((r) => r.connection)).size).toBe(2);
    expect(since(n).filter((r) => r.headers.authorization).length).toBe(4); // two Type 1, two Type 3
    // reauth: a 401 on a logged-on connection; close: Connection: close, then a new connection; a dropped connection.
    for (const status of ['reauth', 'close'] as const) {
      sim.setFaults({ failNext: [{ status, method: 'GET' }] });
      await session.ping();
      await session.ping();
    }
    sim.dropConnections();
    expect(await session.ping()).toMatch(/^company "Fabrikam, Inc\."/);
    expect(sim.stats.logons - logons).toBeGreaterThanOrEqual(5);
    await session.close();
  });

  it('a company name with an apostrophe, an ampersand and a comma is addressed exactly', async () => {
    const company = "O'Neill & Sons, Ltd.";
    const { session } = await connectGp(gpSettings(sim, { company }));
    expect(await session.ping()).toMatch(/^company "O'Neill & Sons, Ltd\." \(ONS\)/);
    expect((await applyOne(session, vendorOp('ons1'))).ok).toBe(true);
    expect(sim.vendors(company).map((v) => v.VendorId)).toContain('BHR-ons1');
    expect(sim.vendors().map((v) => v.VendorId)).not.toContain('BHR-ons1');
    expect(sim.requests.at(-1)?.path).toContain("/Companies(O'Neill%20%26%20Sons%2C%20Ltd.)/Purchasing/Vendors.json");
    const wrong = await connectGp(gpSettings(sim, { company: 'Fabrikam Inc' }));
    expect(((await wrong.session.ping().catch((e: unknown) => e)) as MlcError).code).toBe('config_invalid');
    await Promise.all([session.close(), wrong.session.close()]);
  });
});

describe('TLS trust', () => {
  it('a pinned certificate is checked on every new connection, several of them', async () => {
    const { session } = await connectGp(gpSettings(tls, { tls: { pinSha256: tls.tls!.fingerprint256 }, concurrency: 3 }));
    const out = await session.applyBatch(Array.from({ length: 6 }, (_, i) => vendorOp(`t${i}`)));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(new Set(tls.requests.map((r) => r.connection)).size).toBeGreaterThanOrEqual(3);
    await session.close();
  });

  it('a wrong pin refuses the server (exit 4) before a byte of the request; a CA file trusts it; nothing trusts it by default', async () => {
    const wrong = await connectGp(gpSettings(tls, { tls: { pinSha256: 'AB'.repeat(32) } }));
    const err = (await wrong.session.ping().catch((e: unknown) => e)) as MlcError;
    expect(err.code).toBe('auth_refused');
    expect(err.message).toContain(`has SHA-256 fingerprint ${tls.tls!.fingerprint256}, not the pinned AB:AB:`);
    const ca = join(tmp(), 'gp.pem');
    writeFileSync(ca, tls.tls!.certPem);
    const trusted = await connectGp(gpSettings(tls, { tls: { caFile: ca } }));
    expect(await trusted.session.ping()).toMatch(/^company/);
    const plain = await connectGp(gpSettings(tls));
    expect(((await plain.session.ping().catch((e: unknown) => e)) as MlcError).code).toBe('unreachable');
    await Promise.all([wrong.session.close(), trusted.session.close(), plain.session.close()]);
  });
});

describe('vendors: upsert by BHR-<id>, look-up before create', () => {
  it('creates, updates, deactivates (inactive or on hold) and reactivates the same vendor', async () => {
    const { session } = await connectGp(gpSettings(sim));
    const created = await applyOne(session, vendorOp('u1'));
    expect(created).toMatchObject({ ok: true, erpKey: 'BHR-u1', response: { status: 201, method: 'POST' } });
    await applyOne(session, vendorOp('u1', { kind: 'deactivate', erpKey: 'BHR-u1' }, { Status: 'Inactive' }));
    expect(sim.store().vendors.get('BHR-u1')).toMatchObject({ Status: 'Inactive', IsOnHold: false });
    await applyOne(session, vendorOp('u1', { kind: 'reactivate', erpKey: 'BHR-u1' }, { Comment1: '200' }));
    expect(sim.store().vendors.get('BHR-u1')).toMatchObject({ Status: 'Active', Comment1: '200' });
    await session.close();
  });

  it('a create of a vendor that exists after all (a killed run\'s POST) becomes a PATCH; an update of one deleted in GP a POST', async () => {
    const { session } = await connectGp(gpSettings(sim));
    await session.ping();
    await session.tables.vendors.rows(); // the cache is read before GP gets the vendor
    sim.store().vendors.put({ ...sim.store().vendors.get('ACME-OFFICE')!, VendorId: 'BHR-u2', Name: 'Left by a killed run' });
    expect(await applyOne(session, vendorOp('u2'))).toMatchObject({ ok: true, response: { status: 204, method: 'PATCH' } });
    expect(sim.store().vendors.get('BHR-u2')?.Name).toBe('Person u2');
    sim.store().vendors.delete('BHR-u2');
    expect(await applyOne(session, vendorOp('u2', { kind: 'update', erpKey: 'BHR-u2' }))).toMatchObject({ ok: true, response: { status: 201, method: 'POST' } });
    expect(sim.vendors().filter((v) => v.VendorId === 'BHR-u2')).toHaveLength(1);
    await session.close();
  });

  it("GP's refusal parks the record with GP's words; a server failure leaves it open; an id over 15 characters is refused", async () => {
    const { session } = await connectGp(gpSettings(sim));
    const bad = await applyOne(session, vendorOp('u3', {}, { ClassId: 'NOPE' }));
    expect(bad.ok ? undefined : [bad.error.code, bad.error.message]).toEqual(['record_rejected', "gp: POST Purchasing/Vendors BHR-u3: InvalidRequest: The vendor class 'NOPE' does not exist. (ClassId: Vendor class 'NOPE' does not exist.)"]);
    sim.setFaults({ failNext: [{ status: 500, method: 'POST' }] });
    const failed = await applyOne(session, vendorOp('u4'));
    expect(failed.ok ? undefined : failed.error.code).toBe('record_failed');
    const long = await applyOne(session, vendorOp('1234567890123', { key: 'BHR-1234567890123' }));
    expect(long.ok ? undefined : long.error.code).toBe('record_rejected');
    await session.close();
  });
});

describe('the employee service instead of vendors (employees.resource: employees)', () => {
  it('creates, terminates and rehires the same employee record, with the constants the service requires', async () => {
    const hr = await startGpSim({ resources: { employees: { enabled: true } }, employeeRequiredFields: ['FirstName', 'LastName', 'DepartmentId', 'PositionId'] });
    try {
      const { session } = await connectGp(gpSettings(hr, { employees: { resource: 'employees', constants: { PositionId: 'STAFF' } } }));
      const payload = { EmployeeId: 'BHR-9', FirstName: 'Ada', LastName: 'Lovelace', DepartmentId: '100', PositionId: 'STAFF', IsInactive: false, InactiveDate: '' };
      const op = { ...vendorOp('9'), payload };
      expect(await applyOne(session, op)).toMatchObject({ ok: true, response: { status: 201, method: 'POST' } });
      await applyOne(session, { ...op, kind: 'deactivate', erpKey: 'BHR-9', payload: { ...payload, IsInactive: true, InactiveDate: '2026-11-30' } });
      expect(hr.employees()[0]).toMatchObject({ EmployeeId: 'BHR-9', IsInactive: true, InactiveDate: '2026-11-30' });
      await applyOne(session, { ...op, kind: 'reactivate', erpKey: 'BHR-9' });
      expect(hr.employees()).toEqual([expect.objectContaining({ EmployeeId: 'BHR-9', IsInactive: false })]);
      expect(hr.requests.filter((r) => r.method === 'POST' && r.status === 201).map((r) => r.path)).toEqual(['/GPService/Tenants(DefaultTenant)/Companies(Fabrikam%2C%20Inc.)/Custom/Payroll/Employees.json']);
      await session.close();
    } finally {
      await hr.close();
    }
  });
});

describe('reference data: ModifiedDate cache between runs', () => {
  it('the first session reads whole tables, the next only what changed since (ge the newest stamp seen)', async () => {
    const memory = new MemoryStore();
    const session = async () => (await connectGp(gpSettings(sim), { memory })).session;
    const first = await session();
    const refs = await first.references(['costCenter', 'locationSegment']);
    expect(refs.costCenter?.find((c) => c.id === '900')).toMatchObject({ name: 'Discontinued Operations', active: false });
    expect(refs.locationSegment?.map((l) => l.id).sort()).toEqual(['00', '01', '02', '03', '04', '05', '06', '07', '08']);
    expect(first.tables.costCenters.lastRead).toBe(14);
    try {
      // The seeded centres share one stamp, the newest the first session saw: read again once (ge).
      sim.store().setCostCenterActive('900', true);
      const second = await session();
      expect((await second.references(['costCenter'])).costCenter?.find((c) => c.id === '900')?.active).toBe(true);
      sim.store().setCostCenterActive('110', false);
      const n = sim.requests.length;
      const third = await session();
      const now = (await third.references(['costCenter'])).costCenter!;
      expect([now.find((c) => c.id === '900')?.active, now.find((c) => c.id === '110')?.active, now.length]).toEqual([true, false, 14]);
      const poll = since(n).find((r) => r.path.endsWith('/CostCenters.json') && r.status === 200);
      expect(poll?.query.$filter).toMatch(/^ModifiedDate ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(JSON.parse(poll!.responseBody!).Payload.map((c: { CostCenterId: string }) => c.CostCenterId)).toEqual(['110', '900']);
      await Promise.all([first.close(), second.close(), third.close()]);
    } finally {
      sim.store().setCostCenterActive('900', false);
      sim.store().setCostCenterActive('110', true);
    }
  });

  it('reads everything again after fullRead, or when the stored cache is unreadable', async () => {
    const memory = new MemoryStore();
    await (await connectGp(gpSettings(sim, { fullRead: '1ms' }), { memory })).session.references(['costCenter']);
    await new Promise((r) => setTimeout(r, 5));
    const { session } = await connectGp(gpSettings(sim, { fullRead: '1ms' }), { memory });
    await session.references(['costCenter']);
    expect(session.tables.costCenters.lastRead).toBe(sim.costCenters().length);
    for (const k of memory.map.keys()) memory.map.set(k, '{not json');
    const broken = await connectGp(gpSettings(sim), { memory });
    await broken.session.references(['costCenter']);
    expect(broken.session.tables.costCenters.lastRead).toBe(sim.costCenters().length);
  });
});

describe('config check --online (selfCheck against /help)', () => {
  const flows = (journal: boolean): FlowSettings[] => [{
    name: journal ? 'payroll' : 'employees', target: 'gp', filter: {}, unmapped: 'park', fields: {}, names: 'legal',
    options: journal ? { kind: 'journal', account: '{department}-6100-{location}', costCenter: '{department}', offsetAccount: '000-2105-00', reference: 'MLC {FLOW} {period}', description: 'x', lineDescription: 'x', lines: 'allocation', date: 'last-day', proration: 'calendar-days', terminationDate: 'worked', currency: 'USD', exchangeRates: {}, rates: { hoursPerYear: 2080, daysPerYear: 260, weeksPerYear: 52 } } : { kind: 'employee' },
    references: {
      department: { kind: 'lookup', from: 'department', table: { source: 'inline', map: new Map([['Engineering', '100'], ['Legacy', '900']]) } },
      location: { kind: 'lookup', from: 'location', table: { source: 'inline', map: new Map([['Denver, Colorado', '01']]) } },
    },
  }];

  it('finds every path on /help with its verbs, and every account a journal flow can produce', async () => {
    const { session } = await connectGp(gpSettings(sim));
    expect(await session.selfCheck(flows(false))).toEqual([]);
    expect(await session.selfCheck(flows(true))).toEqual([
      { severity: 'error', where: 'flows.payroll.options.account', message: 'accounts missing or inactive in GP: 900-6100-01' },
      { severity: 'error', where: 'flows.payroll.options.costCenter', message: 'cost centres missing or inactive in GP: 900' },
    ]);
    await session.close();
  });

  it('a path the server does not list, and a company the account may not use, are errors', async () => {
    const wrongPath = await connectGp(gpSettings(sim, { paths: { journals: 'Custom/Financials/Journals' } }));
    const findings = await wrongPath.session.selfCheck(flows(true));
    expect(findings[0]).toMatchObject({ severity: 'error', where: 'targets.gp.paths.journals' });
    expect(findings[0]?.message).toMatch(/^Custom\/Financials\/Journals is not on the server's \/help page; it lists: .*Custom\/Financials\/GLTransactions/);
    const employees = await connectGp(gpSettings(sim, { employees: { resource: 'employees' } }));
    expect((await employees.session.selfCheck(flows(false)))[0]).toMatchObject({ where: 'targets.gp.paths.employees' });
    const company = await connectGp(gpSettings(sim, { company: 'Contoso Ltd' }));
    expect((await company.session.selfCheck(flows(false)))[0]).toMatchObject({ where: 'targets.gp.company', message: '"Contoso Ltd" is not a company this Windows account may use; GP lists "Fabrikam, Inc.", "O\'Neill & Sons, Ltd."' });
  });
});
