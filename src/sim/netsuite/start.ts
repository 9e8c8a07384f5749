// Wires the simulator together: records, client registry, tokens, faults, control API and
// HTTP server. One function so tests, `mlc sandbox`, the demo and benchmarks start it alike.
import { ClientRegistry } from './assertion.js';
import { controlHandler } from './control.js';
import { FaultInjector } from './faults.js';
import { NetSuiteRecords } from './records.js';
import { listen } from './server.js';
import { TokenService } from './tokens.js';
import type { NetSuiteSim, NetSuiteSimOptions, NetSuiteStats, RecordedRequest } from './types.js';

const ACCOUNT_ID = /^[A-Za-z0-9_]+$/;

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export async function startNetSuiteSim(opts: NetSuiteSimOptions = {}): Promise<NetSuiteSim> {
  const accountId = opts.accountId ?? '1234567_SB1';
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError(`accountId must be letters, digits and '_' (e.g. 1234567_SB1), got ${accountId}`);
  const ttl = positiveInt('accessTokenTtlSec', opts.accessTokenTtlSec ?? 3600);
  const concurrencyLimit = positiveInt('concurrencyLimit', opts.concurrencyLimit ?? 5);
  const records = new NetSuiteRecords(opts.referenceData);
  const stats: NetSuiteStats = { maxInFlight: 0, concurrencyRejections: 0, tokensIssued: 0, writes: 0 };
  const requests: RecordedRequest[] = [];
  const clients = new ClientRegistry();
  for (const c of opts.clients ?? []) clients.register(c);
  const faults = new FaultInjector(opts.faults);
  const inFlight = { count: 0 };
  let latencyMs = opts.latencyMs ?? 0;
  let baseUrl = '';
  const tokens = new TokenService(clients, stats, accountId, ttl, () => baseUrl);
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    latencyMs = ms;
  };

  const control = controlHandler({
    accountId,
    records,
    stats,
    faults,
    tokens,
    clients,
    requests,
    latency: { get: () => latencyMs, set: setLatency },
    concurrency: { limit: concurrencyLimit, inFlight: () => inFlight.count },
  });
  const host = opts.host ?? '127.0.0.1';
  const listening = await listen(
    { records, stats, tokens, faults, requests, latencyMs: () => latencyMs, concurrencyLimit, inFlight, baseUrl: () => baseUrl, control },
    host,
    opts.port ?? 0,
  );
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;

  return {
    url: baseUrl,
    port: listening.port,
    accountId,
    records,
    setFaults: (f) => faults.set(f),
    setLatency,
    registerClient: (c) => clients.register(c),
    expireTokens: () => tokens.expireAll(),
    requests,
    stats,
    close: () => listening.close(),
  };
}
