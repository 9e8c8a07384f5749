// The GP simulator in the sandbox, demo, benchmarks and suites (src/sim/erp-sandbox.ts): SBA
// over HTTPS with a self-signed certificate that the configuration pins, the Windows account
// CONTOSO\svc-mlc, and a configuration with two flows: employees → vendors (department → cost
// centre, location → account segment) and payroll → a GL journal per month. The truth: every
// active BambooHR employee is one active, not-on-hold vendor BHR-<id> carrying the whole
// mapped record; nobody inactive is active; no vendor mlc wrote is unknown to BambooHR.
import type { SimCompany } from '../bamboohr/company.js';
import { differences, expectedPeople } from '../bamboohr/truth.js';
import type { ErpSandbox, ErpSimEntry, ErpSimOptions, GenericFault } from '../erp-sandbox.js';
import { DEPARTMENT_SEGMENTS, LOCATION_SEGMENTS, OFFSET_ACCOUNT, SALARY_MAIN, defaultGpUsers } from './seed.js';
import { startGpSim } from './start.js';
import type { GpFaultKind, GpSim } from './types.js';

const PREFIX = 'BHR-';
const q = (s: string) => JSON.stringify(s);
const USER = defaultGpUsers()[0]!;
const KINDS: GpFaultKind[] = ['503', 'reset', 'reauth', 'close'];

export function gpDepartmentsCsv(): string {
  return ['bamboohr_department,gp_cost_center', ...DEPARTMENT_SEGMENTS.map(([id, name]) => `${q(name)},${id}`), ''].join('\n');
}

function references(o: { lookupFiles?: boolean }): string[] {
  return [
    '    references:', '      department:', '        from: department',
    ...(o.lookupFiles ? ['        lookup: { file: ./departments.csv }'] : ['        lookup:', ...DEPARTMENT_SEGMENTS.map(([id, name]) => `          ${q(name)}: "${id}"`)]),
    '      location:', '        from: location', '        lookup:', ...LOCATION_SEGMENTS.map(([id, name]) => `          ${q(name)}: "${id}"`),
  ];
}

export function gpConfigYaml(sim: Pick<GpSim, 'url' | 'tls'>, o: { lookupFiles?: boolean } = {}): string {
  return [
    'targets:', '  gp:', '    type: dynamics-gp', '    server: gpsba01.contoso.local', `    baseUrl: ${sim.url}`, `    company: ${q('Fabrikam, Inc.')}`,
    ...(sim.tls ? ['    tls:', `      pinSha256: "${sim.tls.fingerprint256}"`] : []), '    concurrency: 2',
    'flows:', '  employees:', '    target: gp', ...references(o),
    '  payroll:', '    target: gp', ...references(o),
    '    options:', '      kind: journal', `      account: "{department}-${SALARY_MAIN}-{location}"`, `      offsetAccount: "${OFFSET_ACCOUNT}"`,
    '      exchangeRates: { CAD: 0.73, EUR: 1.08, GBP: 1.27 }', '',
  ].join('\n');
}

function mismatches(sim: GpSim, c: SimCompany): string[] {
  const centre = (dept: string | null) => sim.costCenters().find((x) => x.Description === dept && x.IsActive)?.CostCenterId;
  const segment = (loc: string | null) => LOCATION_SEGMENTS.find(([, name]) => name === loc)?.[0];
  const mine = sim.vendors().filter((v) => v.VendorId.startsWith(PREFIX));
  const byId = new Map(mine.map((v) => [v.VendorId, v]));
  const out: string[] = [];
  const known = new Set<string>();
  for (const p of expectedPeople(c)) {
    const key = `${PREFIX}${p.id}`;
    known.add(key);
    const v = byId.get(key);
    if (!p.active) {
      if (v && v.Status === 'Active' && !v.IsOnHold) out.push(`${p.id}: inactive in BambooHR, active in GP`);
      continue;
    }
    if (!v) {
      out.push(`${p.id}: active in BambooHR, missing in GP`);
      continue;
    }
    const name = `${p.firstName} ${p.lastName}`.slice(0, 64);
    out.push(...differences(String(p.id), {
      Name: name, CheckName: name, ClassId: 'EMPLOYEE', Status: 'Active', IsOnHold: false, EmailAddress: p.workEmail ?? '', Comment1: centre(p.department), Comment2: segment(p.location),
    }, v as unknown as Record<string, unknown>));
  }
  for (const v of mine) if (!known.has(v.VendorId) && !c.get(Number(v.VendorId.slice(PREFIX.length)))) out.push(`${v.VendorId}: in GP, unknown to BambooHR`);
  return out;
}

function inject(sim: GpSim, fault: GenericFault): void {
  const pathPrefix = `${new URL(sim.companyUrl()).pathname}/Purchasing/Vendors`;
  const method = ['POST', 'PATCH'];
  if (fault === 'reject-next-write') sim.setFaults({ failNext: [{ status: 400, method, pathPrefix, message: "The vendor class 'EMPLOYEE' requires a checkbook; the vendor was not saved." }] });
  else sim.setFaults({ failNext: [{ status: 500, method, pathPrefix }] });
}

/** A new cost centre for a BambooHR department, with its salary accounts (so journals can post). */
function addDepartment(sim: GpSim, name: string): { lookupLine: string } {
  const store = sim.store();
  const ids = sim.costCenters().map((x) => Number(x.CostCenterId)).filter((n) => n < 900);
  const id = String(Math.max(...ids) + 10);
  store.addCostCenter({ CostCenterId: id, Description: name, IsActive: true });
  for (const [loc] of LOCATION_SEGMENTS) store.addAccount({ AccountNumber: `${id}-${SALARY_MAIN}-${loc}`, Description: `Salaries - ${name}`.slice(0, 50), PostingType: 'ProfitAndLoss', IsActive: true });
  return { lookupLine: `${q(name)},${id}` };
}

async function start(o: ErpSimOptions): Promise<ErpSandbox & { gp: GpSim }> {
  const faults = o.faultRate > 0 ? { seed: o.seed, rate: o.faultRate, kinds: KINDS } : undefined;
  const sim = await startGpSim({ tls: true, latencyMs: o.latencyMs, ...(faults ? { faults } : {}), ...(o.sessionTtlSec ? { keepAliveTimeoutMs: o.sessionTtlSec * 1000 } : {}) });
  const env = (wrong: boolean) => ({ MLC_GP_DOMAIN: USER.domain, MLC_GP_USER: USER.user, MLC_GP_PASSWORD: wrong ? 'Not-The-Password-1' : USER.password });
  return {
    erp: 'gp', target: 'gp', flow: 'employees', url: sim.url, sim: sim as never, gp: sim,
    configYaml: (c) => gpConfigYaml(sim, c),
    files: () => ({ 'departments.csv': gpDepartmentsCsv() }),
    env: (e) => env(e?.wrong ?? false),
    info: () => ({ url: sim.url, tenant: sim.tenant, company: sim.companies[0], domain: USER.domain, user: USER.user, password: USER.password, fingerprint256: sim.tls?.fingerprint256 }),
    describe: () => [`Dynamics GP simulator  ${sim.url}   (SBA, tenant ${sim.tenant}, company "${sim.companies[0]}"; Windows account ${USER.domain}\\${USER.user} / ${USER.password}; certificate SHA-256 ${sim.tls?.fingerprint256 ?? 'none'})`],
    mismatches: (c) => mismatches(sim, c),
    written: () => sim.vendors().filter((v) => v.VendorId.startsWith(PREFIX)).map((v) => ({ family: 'employee' as const, sourceKey: v.VendorId.slice(PREFIX.length), erpKey: v.VendorId })),
    inject: (f) => inject(sim, f),
    setFaultRate: (rate, seed) => sim.setFaults(rate > 0 ? { seed, rate, kinds: KINDS } : undefined),
    addDepartment: (name) => addDepartment(sim, name),
    close: () => sim.close(),
  };
}

export const gpSimEntry: ErpSimEntry = { name: 'gp', displayName: 'Microsoft Dynamics GP', start };
