// The Sage 100 agent simulator in the sandbox, demo, benchmarks and suites
// (src/sim/erp-sandbox.ts): the agent on the in-memory BOI with the default company, its
// certificate pinned in the configuration and its API key in the environment. The flow `org`
// keeps the department (segment 02, through ./departments.csv) and location (segment 03,
// inline) values' headcounts and the accounts 6000/6100 × each department in use in step.
// Sage 100 holds no employee record: a BambooHR transfer shows as two headcounts changing.
import { randomBytes } from 'node:crypto';
import type { ErpSandbox, ErpSimEntry, ErpSimOptions, GenericFault } from '../erp-sandbox.js';
import { HEADCOUNT_UDF, SIM_DEPARTMENTS, SIM_LOCATIONS } from './seed.js';
import { startSage100Sim } from './start.js';
import { sandboxMismatches, sandboxWritten, type SandboxMapping } from './truth.js';
import type { Sage100Sim } from './types.js';

const TARGET = 'sage100';
const FLOW = 'org';
/** busy.maxAttempts of the sandbox's target: a record held for that many attempts fails the run's write. */
const BUSY_ATTEMPTS = 3;
const q = (s: string) => JSON.stringify(s);
const code = (i: number) => String(i + 1).padStart(2, '0');

function mapping(): SandboxMapping {
  return {
    lists: [
      { slot: 'department', field: 'department', no: '02', codes: new Map(SIM_DEPARTMENTS.map((d, i) => [d, code(i)])) },
      { slot: 'location', field: 'location', no: '03', codes: new Map(SIM_LOCATIONS.map((l, i) => [l, code(i)])) },
    ],
    accounts: [
      { main: '6000', prefix: 'Salaries' },
      { main: '6100', prefix: 'Payroll Taxes' },
    ],
    fill: '00',
  };
}

const departments = (m: SandboxMapping) => m.lists[0]!.codes;

export function departmentsCsv(m: SandboxMapping = mapping()): string {
  return ['bamboohr_department,sage100_segment_02', ...[...departments(m)].map(([name, c]) => `${q(name)},${c}`), ''].join('\n');
}

export function sage100ConfigYaml(sim: Pick<Sage100Sim, 'url' | 'fingerprint'>, o: { lookupFiles?: boolean } = {}, m: SandboxMapping = mapping()): string {
  const inline = (codes: Map<string, string>) => [...codes].map(([name, c]) => `          ${q(name)}: ${q(c)}`);
  return [
    'targets:', `  ${TARGET}:`, '    type: sage100', `    baseUrl: ${sim.url}`, '    tls:', `      pinSha256: ${q(sim.fingerprint)}`,
    '    structure: XXXX-XX-XX', '    segments: { department: 2, location: 3 }', '    concurrency: 1',
    // One write per batch (the product default is 50; the story test runs with it): an
    // org-structure run is a handful of writes, and the suites' crash points count batches
    // (erp-written@1/@3/@6) and their faults must land between records. Short busy waits: a
    // held record fails fast.
    '    batchSize: 1', `    busy: { maxAttempts: ${BUSY_ATTEMPTS}, delay: 200ms, budget: 5s }`,
    'flows:', `  ${FLOW}:`, `    target: ${TARGET}`, '    references:',
    '      department:', '        from: department', ...(o.lookupFiles ? ['        lookup: { file: ./departments.csv }'] : ['        lookup:', ...inline(departments(m))]),
    '      location:', '        from: location', '        lookup:', ...inline(m.lists[1]!.codes),
    '    options:', `      headcount: { field: ${HEADCOUNT_UDF}, type: number }`, '      accounts:',
    ...m.accounts.map((a) => `        - { main: ${q(a.main)}, by: [department], type: "15", description: ${q(`${a.prefix} {department}`)} }`),
    '',
  ].join('\n');
}

/** The next free two-digit code of segment 02 (the seed uses 00, 01–12 and 99). */
function freeCode(sim: Sage100Sim): string {
  const used = new Set(sim.subAccounts('02').map((r) => String(r['SubAccountCode'])));
  for (let i = 13; i < 99; i++) if (!used.has(String(i))) return String(i);
  throw new RangeError('segment 02 is full');
}

function inject(sim: Sage100Sim, fault: GenericFault): void {
  // A refusal is Sage's LastErrorMsg (parked); a failure is a record another user holds for
  // longer than mlc's busy budget (failed, open, retried by the next run).
  if (fault === 'reject-next-write') sim.failNextWrite({ kind: 'reject' });
  else sim.failNextWrite({ kind: 'busy', attempts: BUSY_ATTEMPTS });
}

async function start(o: ErpSimOptions): Promise<ErpSandbox & { sage100: Sage100Sim }> {
  const faults = o.faultRate > 0 ? { seed: o.seed, rate: o.faultRate, kinds: ['503' as const] } : undefined;
  const sim = await startSage100Sim({ latencyMs: o.latencyMs, ...(faults ? { faults } : {}) });
  const m = mapping();
  const wrongKey = randomBytes(24).toString('base64url');
  // The agent has no session of its own to expire; what ends mid-run is the BOI session
  // behind it (ProvideX restarted): the agent answers 503 and reopens it.
  const ttl = o.sessionTtlSec ? setInterval(() => sim.endSessions(), o.sessionTtlSec * 1000) : undefined;
  ttl?.unref();
  return {
    erp: 'sage100', target: TARGET, flow: FLOW, url: sim.url, sim: sim as never, sage100: sim,
    configYaml: (c) => sage100ConfigYaml(sim, c, m),
    files: () => ({ 'departments.csv': departmentsCsv(m) }),
    env: (e) => ({ MLC_SAGE100_API_KEY: e?.wrong ? wrongKey : sim.apiKey }),
    info: () => ({ url: sim.url, fingerprint: sim.fingerprint, apiKey: sim.apiKey, company: sim.company.code, structure: 'XXXX-XX-XX' }),
    describe: () => [`Sage 100 agent simulator  ${sim.url}   (company ${sim.company.code}, in-memory BOI; certificate SHA-256 ${sim.fingerprint})`, `  API key: ${sim.apiKey}`],
    mismatches: (c) => sandboxMismatches(sim, m, c),
    written: () => sandboxWritten(sim, m),
    inject: (f) => inject(sim, f),
    setFaultRate: (rate, seed) => sim.setFaults(rate > 0 ? { seed, rate, kinds: ['503', 'reset'] } : undefined),
    addDepartment: (name) => {
      const c = freeCode(sim);
      const r = sim.writeInSage('GL_SubAccount_bus', { SegmentNo: '02', SubAccountCode: c }, { SubAccountDesc: name.slice(0, 40) });
      if (r.outcome !== 'created') throw new Error(`the simulated Sage refused sub-account 02-${c}: ${r.lastErrorMsg}`);
      departments(m).set(name, c);
      return { lookupLine: `${q(name)},${c}` };
    },
    close: async () => {
      if (ttl) clearInterval(ttl);
      await sim.close();
    },
  };
}

export const sage100SimEntry: ErpSimEntry = { name: 'sage100', displayName: 'Sage 100', start };
