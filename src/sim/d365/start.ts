// Wires the simulator together: environment state, app registry, tokens, service protection,
// faults, control API and HTTP server. One function so tests, `mlc sandbox`, the demo and
// benchmarks start it alike.
import { AppRegistry } from './apps.js';
import { controlHandler } from './control.js';
import { FaultInjector } from './faults.js';
import { Schema } from './schema.js';
import { defaultD365Seed } from './seed.js';
import { listen } from './server.js';
import { D365State, DEFAULT_SETTINGS } from './state.js';
import { ServiceProtection } from './throttle.js';
import { TokenStore } from './tokens.js';
import type { D365Sim, D365SimOptions, D365Stats, RecordedRequest } from './types.js';

const DEFAULT_TENANT = '72f988bf-0000-4000-8000-00000000d365';
const DEFAULT_ENVIRONMENT = 'mlc-sandbox.sandbox.operations.dynamics.com';

function newStats(): D365Stats {
  return {
    tokensIssued: 0, tokenErrors: 0, unauthorized: 0, dataRequests: 0, writes: 0, creates: 0, updates: 0,
    batches: 0, batchOperations: 0, changesets: 0, changesetsRolledBack: 0, throttled: 0, faultsInjected: 0, maxInFlight: 0,
  };
}

export async function startD365Sim(opts: D365SimOptions = {}): Promise<D365Sim> {
  const tenantId = opts.tenantId ?? DEFAULT_TENANT;
  const environmentHost = opts.environmentHost ?? DEFAULT_ENVIRONMENT;
  if (opts.tokenTtlSec !== undefined && (!Number.isInteger(opts.tokenTtlSec) || opts.tokenTtlSec < 1)) throw new RangeError(`tokenTtlSec must be a positive integer, got ${opts.tokenTtlSec}`);
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings, messages: { ...DEFAULT_SETTINGS.messages, ...opts.settings?.messages } };
  const state = new D365State(opts.data ?? defaultD365Seed(), new Schema(opts.schema), settings);
  const stats = newStats();
  const requests: RecordedRequest[] = [];
  const apps = new AppRegistry(tenantId);
  for (const app of opts.apps ?? []) apps.register(app);
  const tokens = new TokenStore(opts.seed ?? 1, opts.tokenTtlSec);
  const faults = new FaultInjector(opts.faults);
  const throttle = new ServiceProtection(opts.throttle);
  let latencyMs = opts.latencyMs ?? 0;
  let baseUrl = '';
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    latencyMs = ms;
  };
  const tokenUrl = (): string => `${baseUrl}/${tenantId}/oauth2/v2.0/token`;
  const control = controlHandler({
    state, stats, faults, throttle, tokens, apps, requests,
    latency: { get: () => latencyMs, set: setLatency },
    info: { tenantId, environmentHost, tokenUrl },
  });
  const host = opts.host ?? '127.0.0.1';
  const listening = await listen(
    {
      state, stats, tokens, faults, throttle, requests, control,
      token: { apps, tokens, stats, environmentHost, baseUrl: () => baseUrl },
      latencyMs: () => latencyMs,
      inFlight: { count: 0 },
      baseUrl: () => baseUrl,
    },
    host,
    opts.port ?? 0,
  );
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;

  return {
    url: baseUrl,
    port: listening.port,
    tenantId,
    environmentHost,
    tokenUrl: tokenUrl(),
    scope: `https://${environmentHost}/.default`,
    state,
    setFaults: (f) => faults.set(f),
    setLatency,
    setThrottle: (t) => throttle.set(t),
    registerApp: (app) => apps.register(app),
    expireTokens: () => tokens.expireAll(),
    requests,
    stats,
    close: () => listening.close(),
  };
}
