// Shared by the GP adapter tests: the adapter connected to a simulator the way the engine
// connects it (src/app/sync/connect.ts: one HttpClient per dispatcher the adapter brings, the
// adaptive gate, the secrets from the environment), and an in-memory adapter memory.
import { gpSpec, GpTarget, type GpSettings } from '../../src/adapters/dynamics-gp/config.js';
import { gpAdapter } from '../../src/adapters/dynamics-gp/index.js';
import type { GpSession } from '../../src/adapters/dynamics-gp/session.js';
import type { AdapterMemory, ErpOp, OpOutcome } from '../../src/adapters/types.js';
import { HttpClient } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { AdaptiveGate } from '../../src/http/gate.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';
import { defaultGpUsers, type GpSim } from '../../src/sim/dynamics-gp/index.js';

const USER = defaultGpUsers()[0]!;
export const GOOD_ENV = { MLC_GP_DOMAIN: USER.domain, MLC_GP_USER: USER.user, MLC_GP_PASSWORD: USER.password };

export function gpSettings(sim: Pick<GpSim, 'url'>, over: Record<string, unknown> = {}): GpSettings {
  const written = GpTarget.parse({ type: 'dynamics-gp', server: 'gpsba01.contoso.local', baseUrl: sim.url, company: 'Fabrikam, Inc.', timeout: '10s', retry: { maxAttempts: 4, maxDelay: '1s', budget: '20s' }, ...over });
  return gpSpec.normalize(written, 'gp');
}

export class MemoryStore implements AdapterMemory {
  readonly map = new Map<string, string>();
  get(k: string): string | undefined {
    return this.map.get(k);
  }
  put(k: string, v: string): void {
    this.map.set(k, v);
  }
}

export async function connectGp(s: GpSettings, o: { env?: Record<string, string>; memory?: AdapterMemory } = {}): Promise<{ session: GpSession; counter: RequestCounter }> {
  const counter = new RequestCounter();
  const gate = new AdaptiveGate(s.concurrency);
  const session = await gpAdapter.connect(s, {
    secrets: new SecretStore([new EnvBackend(o.env ?? GOOD_ENV)]),
    logger: silentLogger(),
    counter,
    stop: new AbortController().signal,
    memory: o.memory,
    http: (h) => new HttpClient({ system: h.system, baseUrl: h.baseUrl, timeoutMs: h.timeoutMs, retry: { ...h.retry, baseDelayMs: 10 }, logger: silentLogger(), counter, gate, ...(h.dispatcher ? { dispatcher: h.dispatcher } : {}) }),
  });
  return { session: session as GpSession, counter };
}

export const vendorOp = (id: string, over: Partial<ErpOp> = {}, payload: Record<string, unknown> = {}): ErpOp => ({
  family: 'employee', type: 'employee', kind: 'create', sourceKey: id, key: `BHR-${id}`, erpKey: null,
  payload: { VendorId: `BHR-${id}`, Name: `Person ${id}`, CheckName: `Person ${id}`, ClassId: 'EMPLOYEE', Status: 'Active', IsOnHold: false, Comment1: '100', ...payload },
  ...over,
});

export async function applyOne(session: GpSession, op: ErpOp): Promise<OpOutcome> {
  const [o] = await session.applyBatch([op]);
  return o!;
}
