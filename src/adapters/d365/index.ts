// The Dynamics 365 Finance & Operations adapter: static facts in config.ts and slots.ts,
// Entra tokens in auth.ts, transport in client.ts (and batch.ts), pure mapping in map.ts and
// display.ts, the upsert in upsert.ts, error classification in errors.ts. Setup notes for
// users: README.md here.
import { registerSecret } from '../../log/redact.js';
import type { Adapter, AdapterDeps, ErpSession } from '../types.js';
import { certificateCredential, EntraTokens, type Credential } from './auth.js';
import { D365Client } from './client.js';
import { d365Spec, type D365Settings } from './config.js';
import { mapEmployee, planReferences } from './map.js';
import { D365Session } from './session.js';

/** A PEM pasted into an environment variable often arrives with literal "\n" sequences. */
const pem = (value: string) => (value.includes('\\n') && !value.includes('\n') ? value.replace(/\\n/g, '\n') : value);

async function credentialOf(s: D365Settings, deps: AdapterDeps): Promise<Credential> {
  if (s.credential === 'secret') {
    const secret = (await deps.secrets.require({ connection: s.name, name: 'client_secret' })).value;
    registerSecret(secret);
    return { kind: 'secret', secret };
  }
  const [cert, key] = await Promise.all([
    deps.secrets.require({ connection: s.name, name: 'certificate' }),
    deps.secrets.require({ connection: s.name, name: 'certificate_key' }),
  ]);
  registerSecret(key.value);
  return certificateCredential(s.name, pem(cert.value), pem(key.value));
}

export const d365Adapter: Adapter<D365Settings> = {
  spec: d365Spec as Adapter<D365Settings>['spec'],
  version: '1',
  mapEmployee,
  planReferences,
  async connect(s: D365Settings, deps: AdapterDeps): Promise<ErpSession> {
    const credential = await credentialOf(s, deps);
    // One client for the token endpoint and the environment: both count as this target's requests.
    const http = deps.http({ system: s.name, baseUrl: `${s.baseUrl}/`, timeoutMs: s.timeoutMs, retry: s.retry });
    return new D365Session(s, new D365Client(s, http, new EntraTokens(s, http, credential)));
  },
};
