// Wires the simulator together: tables, sessions, business objects, faults, control API and
// HTTP server. One function so tests, `mlc sandbox`, the demo and benchmarks start it alike.
import { costCentreSpec, workCentreSpec } from './bo-centres.js';
import { customFormSpec } from './bo-custom-form.js';
import { employeeDefaults, employeeSpec } from './bo-employee.js';
import { controlHandler } from './control.js';
import { enetRouter, type EnetContext } from './enet.js';
import { FaultInjector } from './faults.js';
import { BASE_PATH } from './http.js';
import { IMPLEMENTED_BUSINESS_OBJECTS, newStats, resolveOptions, type Resolved } from './options.js';
import type { QueryTable } from './query.js';
import { defaultSysproSeed } from './seed.js';
import { listen } from './server.js';
import { SessionStore } from './sessions.js';
import type { SetupSpec } from './setup.js';
import { SysproState } from './state.js';
import { SysproTables } from './tables.js';
import type { RecordedRequest, SysproSim, SysproSimOptions } from './types.js';

function businessObjects(r: Resolved): { specs: Map<string, SetupSpec>; queryTables: QueryTable[] } {
  const employees = employeeSpec({ lengths: r.lengths, payrollElement: r.payrollElement });
  const costCentres = costCentreSpec(r.lengths);
  const workCentres = workCentreSpec(r.lengths);
  const specs = new Map([employees, costCentres, workCentres, customFormSpec(r.lengths)].map((s) => [s.code, s]));
  // COMFND sees a table's columns under the element names its Setup business object uses.
  const table = (name: string, spec: SetupSpec, t: QueryTable['table']): QueryTable => ({ name, table: t, columns: [...spec.keys, ...spec.fields] });
  const queryTables = [
    table(r.tableNames.costCentre, costCentres, 'costCentres'),
    table(r.tableNames.workCentre, workCentres, 'workCentres'),
    table(r.tableNames.employee, employees, 'employees'),
  ];
  return { specs, queryTables };
}

export async function startSysproSim(opts: SysproSimOptions = {}): Promise<SysproSim> {
  const r = resolveOptions(opts);
  const requests: RecordedRequest[] = [];
  const stats = newStats(() => store.activeCount());
  const store = new SessionStore(r.idleTimeoutMs, stats);
  const tables = new SysproTables(opts.seed ?? defaultSysproSeed(), () => employeeDefaults(r.payrollElement));
  const licensed = new Set((opts.licensedBusinessObjects ?? IMPLEMENTED_BUSINESS_OBJECTS).map((c) => c.trim().toUpperCase()));
  const state = new SysproState(tables, store, licensed, { operators: Object.keys(r.operators), company: Object.keys(r.companies)[0] ?? '' });
  const { specs, queryTables } = businessObjects(r);
  const xmlVersion = '7.0.008';
  const faults = new FaultInjector(opts.faults);
  const ctx: EnetContext = {
    sessions: store,
    tables,
    stats,
    operators: r.operators,
    companies: r.companies,
    messages: r.messages,
    logonFormat: opts.logonFormat ?? 'text',
    version: opts.version ?? '7.0.0.6',
    licensed,
    setupSpecs: specs,
    setupConfig: { version: xmlVersion, unknownElements: opts.unknownElements ?? 'ignore', lockItem: () => faults.lockItem() },
    queryConfig: { version: xmlVersion, tables: queryTables },
  };
  let latencyMs = opts.latencyMs ?? 0;
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    latencyMs = ms;
  };
  setLatency(latencyMs);
  const control = controlHandler({
    state,
    sessions: store,
    stats,
    faults,
    requests,
    latency: { get: () => latencyMs, set: setLatency },
    idleTimeout: { get: () => store.timeout, set: (ms) => store.setTimeout(ms) },
  });
  const host = opts.host ?? '127.0.0.1';
  const listening = await listen(
    { ctx, router: enetRouter(), state, faults, requests, latencyMs: () => latencyMs, maxUrlBytes: r.maxUrlBytes, maxRequestBytes: r.maxRequestBytes, control, inFlight: new Map() },
    host,
    opts.port ?? 0,
  );
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
  return {
    url,
    restUrl: `${url}${BASE_PATH}`,
    port: listening.port,
    setFaults: (f) => faults.set(f),
    setLatency,
    requests,
    stats,
    employees: () => state.employees(),
    costCentres: () => state.costCentres(),
    workCentres: () => state.workCentres(),
    customFormValues: () => state.customFormValues(),
    sessions: () => store.list(),
    humanLogon: (operator) => state.humanLogon(operator),
    expireSessions: (operator) => store.expire(operator),
    setSessionIdleTimeout: (ms) => store.setTimeout(ms),
    setLabourPosted: (code, posted) => state.setLabourPosted(code, posted),
    addCostCentre: (c) => state.addCostCentre(c),
    addWorkCentre: (w) => state.addWorkCentre(w),
    setLicensedBusinessObjects: (codes) => state.setLicensed(codes),
    close: () => listening.close(),
  };
}
