// The D365 adapter wired to a simulator the way src/app/sync/connect.ts wires it (one HTTP
// client with the adaptive gate, secrets from an environment), for the adapter tests.
import { d365Spec, type D365Settings, type D365Target } from '../../src/adapters/d365/config.js';
import { d365Adapter } from '../../src/adapters/d365/index.js';
import type { D365Session } from '../../src/adapters/d365/session.js';
import type { ErpOp, OpOutcome } from '../../src/adapters/types.js';
import { HttpClient } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { AdaptiveGate } from '../../src/http/gate.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { SECRET, SECRET_APP } from './helpers.js';

export function d365Settings(sim: D365Sim, over: Partial<D365Target> = {}): D365Settings {
  const written = d365Spec.schema.parse({
    type: 'd365', tenant: sim.tenantId, environment: `https://${sim.environmentHost}`, clientId: SECRET_APP, baseUrl: sim.url, tokenUrl: sim.tokenUrl,
    timeout: '10s', retry: { maxAttempts: 4, maxDelay: '3s', budget: '20s' }, ...over,
  });
  return d365Spec.normalize(written, 'd365');
}

export interface Connected {
  s: D365Settings;
  session: D365Session;
  counter: RequestCounter;
  gate: AdaptiveGate;
}

/** A session as `mlc sync` opens one; `env` holds the secrets (MLC_D365_CLIENT_SECRET …). */
export async function connect(sim: D365Sim, over: Partial<D365Target> = {}, env: Record<string, string> = { MLC_D365_CLIENT_SECRET: SECRET }): Promise<Connected> {
  const s = d365Settings(sim, over);
  const counter = new RequestCounter();
  const gate = new AdaptiveGate(s.concurrency);
  const logger = silentLogger();
  const session = (await d365Adapter.connect(s, {
    secrets: new SecretStore([new EnvBackend(env)]),
    logger,
    counter,
    stop: new AbortController().signal,
    http: (o) => new HttpClient({ system: o.system, baseUrl: o.baseUrl, timeoutMs: o.timeoutMs, retry: { ...o.retry, baseDelayMs: 10 }, logger, counter, gate }),
  })) as D365Session;
  return { s, session, counter, gate };
}

export function vendorOp(id: string, over: Partial<ErpOp> = {}, payload: Record<string, unknown> = {}): ErpOp {
  return {
    family: 'employee', type: 'vendor', kind: 'create', sourceKey: id, key: `EMP-${id}`, erpKey: null,
    payload: {
      dataAreaId: 'usmf', VendorAccountNumber: `EMP-${id}`, VendorPartyType: 'Person', PersonFirstName: 'Ada', PersonLastName: `Lovelace${id}`,
      PrimaryEmailAddress: `ada${id}@example.com`, OnHoldStatus: 'No', VendorGroupId: 'EMPL', $dimensions: { Department: '022', BusinessUnit: '001' }, ...payload,
    },
    ...over,
  };
}

export function dimensionOp(code: string, description: string, over: Partial<ErpOp> = {}): ErpOp {
  return {
    family: 'reference', type: 'dimensionValue', kind: 'create', sourceKey: `Department#${code}`, key: code, erpKey: null,
    payload: { FinancialDimension: 'Department', LegalEntityId: '', DimensionValue: code, Description: description }, ...over,
  };
}

/** The only outcome of a one-op batch. */
export async function one(session: D365Session, op: ErpOp): Promise<OpOutcome> {
  const [o] = await session.applyBatch([op]);
  return o!;
}
