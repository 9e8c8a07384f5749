// The Dynamics GP adapter (SBA, Windows authentication): static facts in config.ts, NTLM in
// auth.ts and transport.ts, requests in client.ts, pure mapping in map.ts, classification in
// errors.ts, reference caching in cache.ts, journals in journals.ts. Setup: README.md here.
import { Client } from '../../http/undici.js';
import { trustedConnector } from '../../http/tls.js';
import { envVarName } from '../../secrets/env.js';
import type { Adapter, AdapterDeps, ErpSession } from '../types.js';
import { GpClient } from './client.js';
import { gpSpec, type GpSettings } from './config.js';
import { mapEmployee } from './map.js';
import { GpSession, GpTables } from './session.js';
import { NtlmPool } from './transport.js';

async function account(s: GpSettings, deps: AdapterDeps) {
  const get = (name: string) => deps.secrets.require({ connection: s.name, name }, `run \`mlc auth set ${s.name} ${name}\` or set ${envVarName({ connection: s.name, name })} (the Windows account GP maps to a GP user)`);
  const [domain, user, password] = await Promise.all([get('domain'), get('user'), get('password')]);
  return { domain: domain.value, user: user.value, password: password.value, workstation: s.workstation };
}

export const gpAdapter: Adapter<GpSettings> = {
  spec: gpSpec as Adapter<GpSettings>['spec'],
  version: '1',
  mapEmployee,
  async connect(s: GpSettings, deps: AdapterDeps): Promise<ErpSession> {
    const connect = s.tls && (s.tls.caFile || s.tls.pinSha256) ? trustedConnector(s.name, s.tls) : undefined;
    const pool = new NtlmPool({
      system: s.name,
      size: s.concurrency,
      account: await account(s, deps),
      // One connection per Client: NTLM authenticates the connection (erps.md §3.1, DESIGN §8).
      client: () => new Client(s.baseUrl, { pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, ...(connect ? { connect } : {}) }),
      lane: (client) => deps.http({ system: s.name, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, retry: s.retry, dispatcher: client }),
    });
    const client = new GpClient(s, pool);
    return new GpSession(s, client, new GpTables(client, deps.memory), () => pool.close(deps.stop.aborted));
  },
};
