// The NetSuite adapter: static facts in config.ts, transport in client.ts, pure mapping in
// map.ts, error classification in errors.ts. Setup notes for users: README.md here.
import { MlcError } from '../../domain/errors.js';
import type { Adapter, AdapterDeps, ErpSession } from '../types.js';
import { NetSuiteTokens } from './auth.js';
import { NetSuiteClient } from './client.js';
import { netsuiteSpec, type NetSuiteSettings } from './config.js';
import { mapEmployee } from './map.js';
import { NetSuiteSession } from './session.js';

/** A PEM pasted into an environment variable often arrives with literal "\n" sequences. */
function pem(value: string): string {
  return value.includes('\\n') && !value.includes('\n') ? value.replace(/\\n/g, '\n') : value;
}

export const netsuiteAdapter: Adapter<NetSuiteSettings> = {
  spec: netsuiteSpec as Adapter<NetSuiteSettings>['spec'],
  // 2: legal first names by default (issue 8 §5); records written by 1 get a planned update.
  version: '2',
  mapEmployee,
  async connect(s: NetSuiteSettings, deps: AdapterDeps): Promise<ErpSession> {
    const key = await deps.secrets.require({ connection: s.name, name: 'private_key' });
    if (!key.value.includes('PRIVATE KEY')) {
      throw new MlcError('auth_required', `secret ${s.name}.private_key is not a PEM private key`, { hint: `store the PKCS#8 PEM: mlc auth set ${s.name} private_key < key.pem` });
    }
    const http = deps.http({ system: s.name, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, retry: s.retry });
    const tokens = new NetSuiteTokens(s, http, pem(key.value));
    return new NetSuiteSession(s, new NetSuiteClient(http, tokens));
  },
};
