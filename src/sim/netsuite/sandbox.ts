// The NetSuite simulator in the sandbox, demo, benchmarks and suites (src/sim/erp-sandbox.ts):
// a freshly generated M2M key pair registered with it (the private key only in memory and in
// the environment given to mlc), a configuration whose lookups map the simulated BambooHR
// company onto the simulated account's ids, and the truth: every active BambooHR employee in
// NetSuite once, active, with the whole mapped record (legal names, e-mail, dates, references,
// supervisor, title); nobody inactive is active in NetSuite.
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { SimCompany } from '../bamboohr/company.js';
import { differences, expectedPeople } from '../bamboohr/truth.js';
import type { ErpSandbox, ErpSimEntry, ErpSimOptions, GenericFault } from '../erp-sandbox.js';
import { defaultReferenceData } from './reference-seed.js';
import { startNetSuiteSim } from './start.js';
import type { NetSuiteSim } from './types.js';

const CLIENT = 'mlc-sandbox-client';
const CERT = 'mlc-sandbox-cert';
const q = (s: string) => JSON.stringify(s);

/** BambooHR location → NetSuite subsidiary of the simulated account. */
export const SUBSIDIARY_BY_LOCATION: Record<string, string> = {
  'Denver, Colorado': '2', 'New York, New York': '2', 'Toronto, Ontario': '3', 'Vancouver, British Columbia': '3',
  'London, UK': '4', 'Berlin, Germany': '5', 'Dublin, Ireland': '5', Singapore: '6',
};

export function departmentsCsv(): string {
  const rows = defaultReferenceData().department.filter((d) => !d.isInactive).map((d) => `${q(d.name)},${d.id}`);
  return ['bamboohr_department,netsuite_department_id', ...rows, ''].join('\n');
}

const inline = (names: Array<{ name: string; id: string; isInactive: boolean }>, indent: string) => names.filter((n) => !n.isInactive).map((n) => `${indent}${q(n.name)}: "${n.id}"`);

export function netsuiteConfigYaml(sim: Pick<NetSuiteSim, 'url' | 'accountId'>, o: { lookupFiles?: boolean } = {}): string {
  const ref = defaultReferenceData();
  return [
    'targets:', '  netsuite:', '    type: netsuite', `    accountId: ${sim.accountId}`, `    baseUrl: ${sim.url}`, `    clientId: ${CLIENT}`, `    certificateId: ${CERT}`, '    algorithm: ES256', '    concurrency: 4',
    'flows:', '  employees:', '    target: netsuite', '    references:',
    '      subsidiary:', '        from: location', '        lookup:', ...Object.entries(SUBSIDIARY_BY_LOCATION).map(([loc, id]) => `          ${q(loc)}: "${id}"`),
    '      department:', '        from: department', ...(o.lookupFiles ? ['        lookup: { file: ./departments.csv }'] : ['        lookup:', ...inline(ref.department, '          ')]),
    '      class:', '        from: division', '        lookup:', ...inline(ref.classification, '          '),
    '      location:', '        from: location', '        lookup:', ...inline(ref.location, '          '),
    '    fields:', '      title: jobTitle', '',
  ].join('\n');
}

function mismatches(sim: NetSuiteSim, c: SimCompany): string[] {
  const ref = { department: sim.records.reference('department'), location: sim.records.reference('location'), classification: sim.records.reference('classification') };
  const idOf = (list: Array<{ id: string; name: string; isInactive?: boolean }>, name: string | null) => list.find((r) => r.name === name && !r.isInactive)?.id;
  const records = sim.records.employees();
  const out: string[] = [];
  const externalIds = records.map((r) => r.externalId ?? '');
  if (new Set(externalIds).size !== externalIds.length) out.push('duplicate NetSuite records');
  const byExternal = new Map(records.map((r) => [r.externalId, r]));
  const known = new Set<string>();
  for (const p of expectedPeople(c)) {
    known.add(`bhr-${p.id}`);
    const rec = byExternal.get(`bhr-${p.id}`) as unknown as Record<string, unknown> | undefined;
    if (!p.active) {
      if (rec && !rec.isInactive) out.push(`${p.id}: inactive in BambooHR, active in NetSuite`);
      continue;
    }
    if (!rec) {
      out.push(`${p.id}: active in BambooHR, missing in NetSuite`);
      continue;
    }
    const supervisor = p.supervisorId === null ? undefined : byExternal.get(`bhr-${p.supervisorId}`)?.id;
    out.push(...differences(String(p.id), {
      isInactive: false, firstName: p.firstName.slice(0, 32), lastName: p.lastName.slice(0, 32), email: p.workEmail ?? undefined, hireDate: p.hireDate, title: p.jobTitle ?? undefined,
      department: idOf(ref.department, p.department), location: idOf(ref.location, p.location), class: idOf(ref.classification, p.division),
      subsidiary: SUBSIDIARY_BY_LOCATION[p.location ?? ''], supervisor,
    }, rec));
  }
  for (const id of externalIds) if (!known.has(id) && !c.get(Number(id.replace('bhr-', '')))) out.push(`${id}: in NetSuite, unknown to BambooHR`);
  return out;
}

function inject(sim: NetSuiteSim, fault: GenericFault): void {
  const path = '/services/rest/record/v1/employee/';
  if (fault === 'reject-next-write') sim.setFaults({ failNext: [{ status: 400, pathPrefix: path, method: 'PUT', errorCode: 'USER_ERROR', detail: 'Please enter value(s) for: Subsidiary' }] });
  else sim.setFaults({ failNext: [{ status: 500, pathPrefix: path, method: 'PUT' }] });
}

async function start(o: ErpSimOptions): Promise<ErpSandbox & { netsuite: NetSuiteSim; privateKeyPem: string }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const privateKeyPem = await exportPKCS8(pair.privateKey);
  const wrong = await exportPKCS8((await generateKeyPair('ES256', { extractable: true })).privateKey);
  const faults = o.faultRate > 0 ? { seed: o.seed, rate: o.faultRate, kinds: ['429', '503'] as Array<'429' | '503'> } : undefined;
  const sim = await startNetSuiteSim({
    clients: [{ clientId: CLIENT, certificateId: CERT, publicKeyPem: await exportSPKI(pair.publicKey), algorithms: ['ES256'] }],
    latencyMs: o.latencyMs, concurrencyLimit: o.concurrencyLimit ?? 5, ...(o.sessionTtlSec ? { accessTokenTtlSec: o.sessionTtlSec } : {}), ...(faults ? { faults } : {}),
  });
  return {
    erp: 'netsuite', target: 'netsuite', flow: 'employees', url: sim.url, sim: sim as never, netsuite: sim, privateKeyPem,
    configYaml: (c) => netsuiteConfigYaml(sim, c),
    files: () => ({ 'departments.csv': departmentsCsv() }),
    env: (e) => ({ MLC_NETSUITE_PRIVATE_KEY: e?.wrong ? wrong : privateKeyPem }),
    info: () => ({ url: sim.url, accountId: sim.accountId, clientId: CLIENT, certificateId: CERT, algorithm: 'ES256', privateKeyPem }),
    describe: () => [`NetSuite simulator  ${sim.url}   (account ${sim.accountId}; M2M client ${CLIENT}, certificate ${CERT}, ES256)`],
    mismatches: (c) => mismatches(sim, c),
    written: () => sim.records.employees().map((r) => ({ family: 'employee' as const, sourceKey: (r.externalId ?? '').replace(/^bhr-/, ''), erpKey: r.id })),
    inject: (f) => inject(sim, f),
    setFaultRate: (rate, seed) => sim.setFaults(rate > 0 ? { seed, rate, kinds: ['429', '503', 'reset'] } : undefined),
    addDepartment: (name) => ({ lookupLine: `${q(name)},${sim.records.addReference('department', { name })}` }),
    close: () => sim.close(),
  };
}

export const netsuiteSimEntry: ErpSimEntry = { name: 'netsuite', displayName: 'Oracle NetSuite', start };
