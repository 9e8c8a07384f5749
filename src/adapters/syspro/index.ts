// The SYSPRO adapter (e.net Solutions REST): static facts in config.ts and options.ts, the
// operator's session in session.ts, calls in client.ts, pure mapping in map.ts and
// documents.ts, errors in errors.ts. Setup notes for users: README.md here.
import type { Adapter, AdapterDeps, ErpSession } from '../types.js';
import { sysproSpec, type SysproSettings } from './config.js';
import { SysproConnection } from './connection.js';
import { mapEmployee } from './map.js';
import { EnetSession } from './session.js';

export const sysproAdapter: Adapter<SysproSettings> = {
  spec: sysproSpec as Adapter<SysproSettings>['spec'],
  version: '1',
  mapEmployee,
  async connect(s: SysproSettings, deps: AdapterDeps): Promise<ErpSession> {
    const operator = await deps.secrets.require({ connection: s.name, name: 'operator_password' });
    // Companies without a password are common: an absent secret is an empty one (erps.md §1.2).
    const company = await deps.secrets.get({ connection: s.name, name: 'company_password' });
    const http = deps.http({ system: s.name, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, retry: s.retry, tls: s.tls });
    const session = new EnetSession(s, http, { operatorPassword: operator.value, companyPassword: company?.value ?? '' }, deps.logger, deps.stop);
    return new SysproConnection(s, session, deps.logger);
  },
};
