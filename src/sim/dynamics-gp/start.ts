// Wires the simulator together: company stores, resource table, NTLM authenticator, faults,
// control API and the HTTP(S) listener. One function so tests, `mlc sandbox`, the demo and
// benchmarks start it alike.
import { controlHandler } from './control.js';
import { FaultInjector } from './faults.js';
import { NtlmAuthenticator } from './ntlm-auth.js';
import { activeResources } from './resources.js';
import type { SbaContext } from './sba.js';
import { defaultGpSeed, defaultGpUsers } from './seed.js';
import { handle, type ServerDeps } from './server.js';
import { GpCompanyStore } from './store.js';
import { listenGp } from './transport.js';
import type { GpSim, GpSimOptions, GpStats, RecordedRequest, ServerIdentity } from './types.js';
import { companySegment, tenantBase } from './url.js';

const DEFAULT_SERVER: ServerIdentity = { nbDomain: 'CONTOSO', nbComputer: 'GPSBA01', dnsDomain: 'contoso.local', dnsComputer: 'gpsba01.contoso.local' };

function stores(opts: GpSimOptions): Map<string, GpCompanyStore> {
  const out = new Map<string, GpCompanyStore>();
  for (const c of (opts.seed ?? defaultGpSeed()).companies) {
    if (out.has(c.name)) throw new RangeError(`company ${c.name} is seeded twice`);
    out.set(c.name, new GpCompanyStore(c));
  }
  if (out.size === 0) throw new RangeError('the seed needs at least one company');
  return out;
}

export async function startGpSim(opts: GpSimOptions = {}): Promise<GpSim> {
  const tenant = opts.seed?.tenant ?? 'DefaultTenant';
  const companies = stores(opts);
  const resources = activeResources(opts);
  const stats: GpStats = { connections: 0, challenges: 0, logons: 0, authFailures: 0, writes: 0, journalsCreated: 0 };
  const requests: RecordedRequest[] = [];
  const auth = new NtlmAuthenticator([...(opts.users ?? defaultGpUsers())], { ...DEFAULT_SERVER, ...opts.server }, stats);
  const faults = new FaultInjector(opts.faults);
  let latencyMs = 0;
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    latencyMs = ms;
  };
  setLatency(opts.latencyMs ?? 0);
  let baseUrl = '';
  const sba: SbaContext = { tenant, stores: companies, resources, stats, baseUrl: () => baseUrl };
  const dropConnections = (keep?: object): void => transport.dropConnections(keep);
  const control = controlHandler({ tenant, stores: companies, resources, stats, faults, auth, requests, latency: { get: () => latencyMs, set: setLatency }, dropConnections });
  const deps: ServerDeps = {
    auth,
    faults,
    sba,
    requests,
    latencyMs: () => latencyMs,
    authPersistSingleRequest: opts.authPersistSingleRequest ?? false,
    reset: (req) => transport.reset(req),
    control,
  };
  const host = opts.host ?? '127.0.0.1';
  const tls = opts.tls === true ? {} : opts.tls === false ? undefined : opts.tls;
  const transport = await listenGp((req, res) => handle(deps, req, res), host, opts.port ?? 0, opts.keepAliveTimeoutMs ?? 120_000, tls);
  baseUrl = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${transport.port}`;

  const store = (company?: string): GpCompanyStore => {
    const s = company === undefined ? companies.values().next().value : companies.get(company);
    if (!s) throw new RangeError(`no company ${company ?? ''}; companies: ${[...companies.keys()].join(' | ')}`);
    return s;
  };
  return {
    url: baseUrl,
    port: transport.port,
    tenant,
    companies: [...companies.keys()],
    companyUrl: (company) => `${tenantBase(baseUrl, tenant)}/${companySegment(store(company).name)}`,
    helpUrl: `${tenantBase(baseUrl, tenant)}/help`,
    ...(transport.tls ? { tls: transport.tls } : {}),
    setFaults: (f) => faults.set(f),
    setLatency,
    requests,
    stats,
    store,
    vendors: (c) => store(c).vendors.all(),
    employees: (c) => store(c).employees.all(),
    accounts: (c) => store(c).accounts.all(),
    costCenters: (c) => store(c).costCenters.all(),
    periods: (c) => store(c).periods.all(),
    transactions: (c) => store(c).transactions.all(),
    postTransaction: (id, c) => store(c).post(id),
    addUser: (u) => auth.addUser(u),
    dropConnections,
    close: () => transport.close(),
  };
}
