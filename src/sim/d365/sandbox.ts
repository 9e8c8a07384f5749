// The D365 F&O simulator in the sandbox, demo, benchmarks and suites (src/sim/erp-sandbox.ts):
// an Entra app with a generated client secret, a configuration writing employee-vendors into
// legal entity usmf with the seeded dimension values mapped (Department, BusinessUnit,
// Location), and the truth: every active BambooHR employee a vendor EMP-<id> once, released,
// with legal names, e-mail, vendor group EMPL and the default dimension its department,
// division and location give; nobody inactive released.
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimCompany } from '../bamboohr/company.js';
import { differences, expectedPeople } from '../bamboohr/truth.js';
import type { ErpSandbox, ErpSimEntry, ErpSimOptions, GenericFault } from '../erp-sandbox.js';
import { BUSINESS_UNIT_CODES, DEPARTMENT_CODES, LOCATION_CODES } from './seed.js';
import { startD365Sim } from './start.js';
import type { D365Sim, Value } from './types.js';

const COMPANY = 'usmf';
const GROUP = 'EMPL';
const PREFIX = 'EMP-';
const q = (s: string) => JSON.stringify(s);

export function d365DepartmentsCsv(): string {
  return ['bamboohr_department,d365_department', ...DEPARTMENT_CODES.map(([code, name]) => `${q(name)},${code}`), ''].join('\n');
}

const inline = (codes: ReadonlyArray<readonly [string, string]>) => codes.map(([code, name]) => `          ${q(name)}: "${code}"`);

export function d365ConfigYaml(sim: Pick<D365Sim, 'url' | 'tenantId' | 'environmentHost' | 'tokenUrl'>, clientId: string, o: { lookupFiles?: boolean } = {}): string {
  return [
    'targets:', '  d365:', '    type: d365', `    tenant: ${sim.tenantId}`, `    environment: https://${sim.environmentHost}`, `    clientId: ${clientId}`,
    `    baseUrl: ${sim.url}`, `    tokenUrl: ${sim.tokenUrl}`, '    concurrency: 4',
    'flows:', '  employees:', '    target: d365', '    options:', `      dataAreaId: ${COMPANY.toUpperCase()}`, '    references:',
    `      vendorGroup: { value: ${GROUP} }`,
    '      Department:', '        from: department', ...(o.lookupFiles ? ['        lookup: { file: ./departments.csv }'] : ['        lookup:', ...inline(DEPARTMENT_CODES)]),
    '      BusinessUnit:', '        from: division', '        lookup:', ...inline(BUSINESS_UNIT_CODES),
    '      Location:', '        from: location', '        lookup:', ...inline(LOCATION_CODES), '',
  ].join('\n');
}

type Code = (dimension: string, name: string | null) => string | undefined;

/** Dimension value codes by description, as the environment holds them now (departments added later included). */
function codes(sim: D365Sim): Code {
  const values = sim.state.dimensionValueList().filter((v) => v.IsSuspended !== 'Yes');
  return (dimension, name) => values.find((v) => v.FinancialDimension === dimension && v.Description === name)?.DimensionValue as string | undefined;
}

/** What the vendor of a BambooHR person must hold (the seeded format: CostCenter-Department-BusinessUnit-Location-ItemGroup). */
function wanted(p: ReturnType<typeof expectedPeople>[number], code: Code): Record<string, Value> {
  const dims = ['', code('Department', p.department), code('BusinessUnit', p.division), code('Location', p.location), ''];
  return {
    OnHoldStatus: 'No', VendorGroupId: GROUP, VendorPartyType: 'Person', PersonFirstName: p.firstName, PersonLastName: p.lastName,
    PrimaryEmailAddress: p.workEmail ?? '', DefaultLedgerDimensionDisplayValue: dims.every((d) => !d) ? '' : dims.map((d) => d ?? '?').join('-'),
  };
}

function mismatches(sim: D365Sim, c: SimCompany): string[] {
  const vendors = sim.state.vendorList(COMPANY).filter((v) => String(v.VendorAccountNumber).startsWith(PREFIX));
  const byAccount = new Map(vendors.map((v) => [String(v.VendorAccountNumber).toUpperCase(), v]));
  const out: string[] = [];
  if (byAccount.size !== vendors.length) out.push('duplicate D365 vendors');
  const known = new Set<string>();
  const code = codes(sim);
  for (const p of expectedPeople(c)) {
    const account = `${PREFIX}${p.id}`;
    known.add(account);
    const rec = byAccount.get(account);
    if (!p.active) {
      if (rec && rec.OnHoldStatus !== 'All') out.push(`${p.id}: inactive in BambooHR, vendor ${account} not on hold (${String(rec.OnHoldStatus)})`);
      continue;
    }
    if (!rec) out.push(`${p.id}: active in BambooHR, no vendor ${account} in D365`);
    else out.push(...differences(String(p.id), wanted(p, code), rec));
  }
  for (const v of vendors) {
    const account = String(v.VendorAccountNumber);
    if (!known.has(account) && !c.get(Number(account.slice(PREFIX.length)))) out.push(`${account}: in D365, unknown to BambooHR`);
  }
  return out;
}

/** A business refusal or a server error on the next vendor write (inside a $batch too). */
function inject(sim: D365Sim, fault: GenericFault): void {
  const path = '/data/VendorsV2';
  if (fault === 'reject-next-write') sim.setFaults({ failNext: [{ status: 400, pathPrefix: path, writes: true, infolog: "Field 'Terms of payment' must be filled in." }] });
  else sim.setFaults({ failNext: [{ status: 500, pathPrefix: path, writes: true }] });
}

/** A new Department value (entity-backed and unused: FinancialDimensionValues does not list it, erps.md §8 A.2). */
function addDepartment(sim: D365Sim, name: string): { lookupLine: string } {
  const taken = new Set(sim.state.dimensionValueList().filter((v) => v.FinancialDimension === 'Department').map((v) => String(v.DimensionValue)));
  let n = 100;
  while (taken.has(String(n))) n++;
  sim.state.addDimensionValue({ dimension: 'Department', value: String(n), description: name.slice(0, 60) });
  return { lookupLine: `${q(name)},${n}` };
}

async function start(o: ErpSimOptions): Promise<ErpSandbox & { d365: D365Sim; clientId: string }> {
  const clientId = randomUUID();
  const secret = randomBytes(24).toString('base64url');
  const faults = o.faultRate > 0 ? { seed: o.seed, rate: o.faultRate, kinds: ['429', '503'] as Array<'429' | '503'> } : undefined;
  // F&O's user-based concurrency limit is gone since 10.0.36 (erps.md §5.7): concurrencyLimit is not applied.
  const sim = await startD365Sim({ apps: [{ clientId, secret }], latencyMs: o.latencyMs, seed: o.seed, ...(o.sessionTtlSec ? { tokenTtlSec: o.sessionTtlSec } : {}), ...(faults ? { faults } : {}) });
  return {
    erp: 'd365', target: 'd365', flow: 'employees', url: sim.url, sim: sim as never, d365: sim, clientId,
    configYaml: (c) => d365ConfigYaml(sim, clientId, c),
    files: () => ({ 'departments.csv': d365DepartmentsCsv() }),
    env: (e) => ({ MLC_D365_CLIENT_SECRET: e?.wrong ? `${secret}-wrong` : secret }),
    info: () => ({ url: sim.url, tenantId: sim.tenantId, environment: `https://${sim.environmentHost}`, tokenUrl: sim.tokenUrl, clientId, clientSecret: secret, legalEntity: COMPANY }),
    describe: () => [`D365 F&O simulator  ${sim.url}   (environment ${sim.environmentHost}, legal entity ${COMPANY}; Entra app ${clientId}, client secret)`],
    mismatches: (c) => mismatches(sim, c),
    written: () => sim.state.vendorList(COMPANY).filter((v) => /^EMP-\d+$/.test(String(v.VendorAccountNumber))).map((v) => ({ family: 'employee' as const, sourceKey: String(v.VendorAccountNumber).slice(PREFIX.length), erpKey: String(v.VendorAccountNumber) })),
    inject: (f) => inject(sim, f),
    // Batches carry many records per request: the rate hits the changesets inside them too.
    setFaultRate: (rate, seed) => sim.setFaults(rate > 0 ? { seed, rate, kinds: ['429', '503', '502', 'reset'], parts: true } : undefined),
    addDepartment: (name) => addDepartment(sim, name),
    close: () => sim.close(),
  };
}

export const d365SimEntry: ErpSimEntry = { name: 'd365', displayName: 'Microsoft Dynamics 365 Finance & Operations', start };
