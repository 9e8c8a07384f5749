// Shared parts of the SYSPRO adapter tests: settings through the real schema, a connection made
// the way the engine makes it (src/app/sync/connect.ts: secrets, HTTP client, TLS trust),
// and operations built through the adapter's own mapEmployee. Real HTTP to the simulator.
import type { SysproSettings } from '../../src/adapters/syspro/config.js';
import { sysproSpec, SysproTarget } from '../../src/adapters/syspro/config.js';
import { sysproAdapter } from '../../src/adapters/syspro/index.js';
import { SysproFlowOptions } from '../../src/adapters/syspro/options.js';
import type { ErpOp, ErpSession, MapInput, OpKind } from '../../src/adapters/types.js';
import { employeeStateAsOf, type EmployeeState } from '../../src/domain/employee.js';
import { HttpClient } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { trustedAgent } from '../../src/http/tls.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';
import type { SysproSim } from '../../src/sim/syspro/index.js';

export const PASSWORD = 'mlc-operator-pw';

export function settings(baseUrl: string, over: Record<string, unknown> = {}): SysproSettings {
  const written = SysproTarget.parse({ type: 'syspro', baseUrl, operator: 'MLC', companyId: 'EDU1', retry: { maxAttempts: 3, maxDelay: '1s', budget: '10s' }, ...over });
  return sysproSpec.normalize(written, 'syspro');
}

export interface Connected {
  session: ErpSession;
  counter: RequestCounter;
  close(): Promise<void>;
}

export async function connect(s: SysproSettings, env: Record<string, string> = { MLC_SYSPRO_OPERATOR_PASSWORD: PASSWORD }, stop: AbortSignal = new AbortController().signal): Promise<Connected> {
  const counter = new RequestCounter();
  const logger = silentLogger();
  const clients: HttpClient[] = [];
  const session = await sysproAdapter.connect(s, {
    secrets: new SecretStore([new EnvBackend(env)]),
    logger,
    counter,
    stop,
    http: (o) => {
      const dispatcher = o.tls && (o.tls.caFile || o.tls.pinSha256) ? trustedAgent(o.system, o.tls) : undefined;
      const c = new HttpClient({ system: o.system, baseUrl: o.baseUrl, timeoutMs: o.timeoutMs, retry: { ...o.retry, baseDelayMs: 5 }, logger, counter, stop, ...(dispatcher ? { dispatcher } : {}) });
      clients.push(c);
      return c;
    },
  });
  return {
    session,
    counter,
    close: async () => {
      await session.close();
      for (const c of clients) await c.close();
    },
  };
}

const FIELDS = { firstName: 'Ada', lastName: 'Lovelace', status: 'Active', hireDate: '2024-02-05', employmentHistoryStatus: 'Full-Time', department: 'Engineering', division: 'EMEA', location: 'London, UK' };

export function stateOf(id: string, over: Record<string, string | null> = {}): EmployeeState {
  return employeeStateAsOf({ id, fields: { ...FIELDS, ...over }, rows: [] }, '2026-11-23');
}

export interface OpSpec {
  id: string;
  kind?: OpKind;
  workCentre?: string;
  fields?: Record<string, string | null>;
  state?: Record<string, string | null>;
  options?: Record<string, unknown>;
}

/** An operation as the engine would send it: the payload from the adapter's mapEmployee. */
export function op(s: SysproSettings, o: OpSpec): ErpOp {
  const kind = o.kind ?? 'create';
  const key = sysproSpec.naturalKey(o.id, s);
  const input: MapInput = {
    kind, state: stateOf(o.id, o.state), key, refs: { workCentre: o.workCentre ?? 'ENG1' }, fields: o.fields ?? {}, linked: {}, names: 'legal',
    options: SysproFlowOptions.parse(o.options ?? {}),
  };
  return { family: 'employee', type: 'employee', kind, sourceKey: o.id, key, erpKey: kind === 'create' ? null : key, payload: sysproAdapter.mapEmployee!(input, s) };
}

/** Form values of one employee, by field name. */
export function formOf(sim: SysproSim, code: string): Record<string, string> {
  return Object.fromEntries(sim.customFormValues().filter((v) => v.KeyField === code).map((v) => [v.FieldName, v.DateValue || v.AlphaValue]));
}

/** The e.net calls recorded, as `Method path BO` (Setup and Query only). */
export function calls(sim: SysproSim): string[] {
  return sim.requests.filter((r) => /\/(Setup|Query)\//.test(r.path)).map((r) => `${r.path.replace(/^.*\/Rest\//, '')} ${r.query['BusinessObject'] ?? ''}`.trim());
}
