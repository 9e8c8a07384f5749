// Starts the simulator: the real agent (HTTPS, auth, protocol, BOI host) on the in-memory
// BOI with a seeded company, and around its handler the simulator's own layer: /_sim
// control, latency, faults and recording. One function so tests, `mlc sandbox`, the demo
// and benchmarks start it alike.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startAgent } from '../../agent/sage100/agent.js';
import { createMemoryBoi, parseMemorySeed } from '../../agent/sage100/boi/memory/index.js';
import { generateApiKey } from '../../agent/sage100/server/api-key.js';
import { AgentConfig } from '../../agent/sage100/config/schema.js';
import { controlHandler } from './control.js';
import { FaultInjector } from './faults.js';
import { simIntercept } from './intercept.js';
import { defaultSage100Seed } from './seed.js';
import { simState } from './state.js';
import type { RecordedRequest, Sage100Sim, Sage100SimOptions } from './types.js';
import { WriteFaults } from './write-faults.js';

const API_KEY_ENV = 'MLC_SAGE100_AGENT_API_KEY';

async function configFor(opts: Sage100SimOptions, dir: string, seed: ReturnType<typeof parseMemorySeed>): Promise<AgentConfig> {
  const auth: Record<string, unknown> = {};
  if (opts.requireApiKey !== false) auth['apiKey'] = { env: API_KEY_ENV };
  if (opts.mtlsCaPem) {
    await writeFile(join(dir, 'clients-ca.pem'), opts.mtlsCaPem);
    auth['mtls'] = { caFile: 'clients-ca.pem' };
  }
  return AgentConfig.parse({
    listen: { host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 },
    auth,
    boi: {
      implementation: 'memory',
      company: seed.company,
      accountStructure: seed.accountStructure,
      udfs: seed.udfs,
      ...(opts.writableObjects ? { writableObjects: opts.writableObjects } : {}),
      ...(opts.busyPatterns ? { busyPatterns: opts.busyPatterns } : {}),
    },
    log: { level: 'silent' },
  });
}

export async function startSage100Sim(opts: Sage100SimOptions = {}): Promise<Sage100Sim> {
  const raw = opts.seed ?? defaultSage100Seed();
  const seed = parseMemorySeed(raw);
  const boi = createMemoryBoi(raw);
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'mlc-sage100-sim-')));
  const apiKey = opts.apiKey ?? generateApiKey();
  let latencyMs = opts.latencyMs ?? 0;
  const setLatency = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    latencyMs = ms;
  };
  const faults = new FaultInjector(opts.faults);
  const writeFaults = new WriteFaults(boi.company);
  const requests: RecordedRequest[] = [];
  const counters = { requests: 0 };
  const stats = simState.stats(boi.company, faults, counters);
  const control = controlHandler({ company: boi.company, faults, writeFaults, requests, stats, latency: { get: () => latencyMs, set: setLatency } });
  const agent = await startAgent({
    config: await configFor(opts, dir, seed),
    dir,
    boi,
    implementation: 'memory',
    logger: opts.logger ?? pino({ level: 'silent' }),
    env: { [API_KEY_ENV]: apiKey },
    intercept: simIntercept({ control, faults, writeFaults, requests, counters, latencyMs: () => latencyMs }),
  });
  return {
    url: agent.url,
    port: agent.port,
    fingerprint: agent.fingerprint,
    certPem: agent.certPem,
    apiKey,
    dir,
    company: boi.company,
    setFaults: (f) => faults.set(f),
    failNextWrite: (f) => writeFaults.add(f),
    setLatency,
    requests,
    stats,
    ...simState.accessors(boi),
    async close() {
      await agent.close();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
