// The SYSPRO simulator in the sandbox, demo, benchmarks and suites (src/sim/erp-sandbox.ts): a
// company with an operator and a company password, a configuration mapping the simulated
// BambooHR departments to work centres (each with its cost centre), the employment status,
// dates, division and location in the employee custom form, and the hourly cost from
// BambooHR compensation; the truth in sandbox-truth.ts.
import type { ErpSandbox, ErpSimEntry, ErpSimOptions, GenericFault } from '../erp-sandbox.js';
import { codeFrom } from '../../domain/code-rule.js';
import { CODE_PREFIX, mismatches, written } from './sandbox-truth.js';
import { defaultSysproSeed } from './seed.js';
import { startSysproSim } from './start.js';
import type { SysproFaultKind, SysproFaults, SysproSim } from './types.js';

const OPERATOR = 'MLC';
const COMPANY = 'EDU1';
const OPERATOR_PASSWORD = 'syspro-sandbox-operator-pw';
const COMPANY_PASSWORD = 'syspro-sandbox-company-pw';
const SETUP = '/SYSPROWCFService/Rest/Setup/';
const q = (s: string) => JSON.stringify(s);

/** BambooHR department → the first work centre of the cost centre named like it (default seed). */
export function defaultWorkCentres(): Map<string, string> {
  const seed = defaultSysproSeed();
  const out = new Map<string, string>();
  for (const cc of seed.costCentres) {
    const wc = seed.workCentres.find((w) => w.CostCentre === cc.CostCentre);
    if (wc && cc.CostCentre !== 'INACT') out.set(cc.Description, wc.WorkCentre);
  }
  return out;
}

export function sysproConfigYaml(restUrl: string, map: ReadonlyMap<string, string>, o: { lookupFiles?: boolean } = {}): string {
  return [
    'targets:', '  syspro:', '    type: syspro', `    baseUrl: ${restUrl}`, `    operator: ${OPERATOR}`, `    companyId: ${COMPANY}`, '    concurrency: 1',
    `    employeeCode: { pattern: "${CODE_PREFIX}{id:5}", maxLength: 20 }`,
    'flows:', '  employees:', '    target: syspro', '    references:', '      workCentre:', '        from: department',
    ...(o.lookupFiles ? ['        lookup: { file: ./departments.csv }'] : ['        lookup:', ...[...map].map(([d, w]) => `          ${q(d)}: ${w}`)]),
    '    fields:', '      form.Divisn: division', '      form.Locatn: location',
    '    options:', '      termination: customForm', '      compensation: { element: EmployeeActCost, hoursPerYear: 2080 }', '',
  ].join('\n');
}

export function workCentresCsv(map: ReadonlyMap<string, string>): string {
  return ['bamboohr_department,syspro_work_centre', ...[...map].map(([d, w]) => `${q(d)},${w}`), ''].join('\n');
}

/** A new department: its cost centre and work centre in SYSPRO, and the lookup line for it. */
function addDepartment(sim: SysproSim, map: Map<string, string>, name: string): { lookupLine: string } {
  const base = codeFrom('{name:6}', { id: '', name }) || 'DEPT';
  let code = base;
  for (let n = 2; sim.costCentres().some((c) => c.CostCentre === code); n++) code = `${base}${n}`;
  sim.addCostCentre({ CostCentre: code, Description: name });
  sim.addWorkCentre({ WorkCentre: `${code}1`, Description: name, CostCentre: code });
  map.set(name, `${code}1`);
  return { lookupLine: `${q(name)},${code}1` };
}

/**
 * A share of transient faults: http.sys's 503, connection resets, a person logging on with the
 * service's operator, and (a tenth as often, per item: documents carry many) records locked.
 */
function faultRate(rate: number, seed: number): SysproFaults | undefined {
  const kinds: SysproFaultKind[] = ['503', 'reset', 'evict'];
  return rate > 0 ? { seed, rate, kinds, lockRate: rate / 10 } : undefined;
}

async function start(o: ErpSimOptions): Promise<ErpSandbox & { syspro: SysproSim }> {
  let rate = faultRate(o.faultRate, o.seed);
  const sim = await startSysproSim({ latencyMs: o.latencyMs, operators: { [OPERATOR]: OPERATOR_PASSWORD }, companies: { [COMPANY]: COMPANY_PASSWORD }, ...(rate ? { faults: rate } : {}) });
  // Sessions "ending mid-run": a person logs on with the service's operator now and then.
  const evictions = o.sessionTtlSec ? setInterval(() => sim.humanLogon(OPERATOR), o.sessionTtlSec * 1000) : undefined;
  evictions?.unref();
  const map = defaultWorkCentres();
  const inject = (f: GenericFault): void => {
    const next = f === 'reject-next-write' ? { kind: 'reject' as const } : { kind: '500' as const };
    sim.setFaults({ ...rate, failNext: [{ ...next, pathPrefix: SETUP, businessObject: 'BOMSEC' }] });
  };
  return {
    erp: 'syspro', target: 'syspro', flow: 'employees', url: sim.url, sim: sim as never, syspro: sim,
    configYaml: (c) => sysproConfigYaml(sim.restUrl, map, c),
    files: () => ({ 'departments.csv': workCentresCsv(map) }),
    env: (e) => ({ MLC_SYSPRO_OPERATOR_PASSWORD: e?.wrong ? 'wrong-operator-password' : OPERATOR_PASSWORD, MLC_SYSPRO_COMPANY_PASSWORD: COMPANY_PASSWORD }),
    info: () => ({ url: sim.restUrl, operator: OPERATOR, companyId: COMPANY, operatorPassword: OPERATOR_PASSWORD, companyPassword: COMPANY_PASSWORD }),
    describe: () => [`SYSPRO simulator   ${sim.restUrl}   (operator ${OPERATOR} / ${OPERATOR_PASSWORD}, company ${COMPANY} / ${COMPANY_PASSWORD})`],
    mismatches: (c) => mismatches(sim, c, (d) => (d === null ? undefined : map.get(d))),
    written: () => written(sim),
    inject,
    setFaultRate: (r, seed) => {
      rate = faultRate(r, seed);
      sim.setFaults(rate);
    },
    addDepartment: (name) => addDepartment(sim, map, name),
    close: async () => {
      if (evictions) clearInterval(evictions);
      await sim.close();
    },
  };
}

export const sysproSimEntry: ErpSimEntry = { name: 'syspro', displayName: 'SYSPRO', start };
