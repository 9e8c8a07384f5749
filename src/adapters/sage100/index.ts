// The Sage 100 adapter: static facts in config.ts and options.ts, the agent's protocol in
// client.ts, pure planning in map.ts (sub-account values with headcount, GL accounts), checks
// and busy retries in session.ts. Setup on the Sage side: README.md here and the agent's own.
import { MlcError } from '../../domain/errors.js';
import { registerSecret } from '../../log/redact.js';
import type { Adapter, AdapterDeps, ErpSession } from '../types.js';
import { AgentClient, PROTOCOL } from './client.js';
import { sage100Spec, type Sage100Settings } from './config.js';
import { formatFromRows, maskOf, sameFormat } from './format.js';
import { planReferences } from './map.js';
import { Sage100Session } from './session.js';

async function apiKey(s: Sage100Settings, deps: AdapterDeps): Promise<string | undefined> {
  if (s.auth === 'mtls') return undefined;
  const key = (await deps.secrets.require({ connection: s.name, name: 'api_key' }, `run \`mlc-sage100-agent gen-key\` on the Sage server, then \`mlc auth set ${s.name} api_key\``)).value.trim();
  registerSecret(key);
  return key;
}

export const sage100Adapter: Adapter<Sage100Settings> = {
  spec: sage100Spec as Adapter<Sage100Settings>['spec'],
  version: '1',
  planReferences,
  async connect(s: Sage100Settings, deps: AdapterDeps): Promise<ErpSession> {
    const key = await apiKey(s, deps);
    const http = deps.http({ system: s.name, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, retry: s.retry, tls: s.tls });
    const client = new AgentClient(http, s.name, s.baseUrl, key);
    const info = await client.info();
    client.pageSize = Math.min(client.pageSize, info.capabilities.paging.maxLimit);
    if (!info.protocol.versions.includes(PROTOCOL)) {
      throw new MlcError('http_status', `${s.name}: the agent speaks protocol ${info.protocol.versions.map((v) => `v${v}`).join(', ')}; this mlc speaks v${PROTOCOL}`, { hint: 'install an agent of the same release as mlc' });
    }
    // Planning used the configured structure (it runs before the agent is asked): the two
    // must agree before anything is written, or every code and account would be wrong.
    const structure = formatFromRows(await client.rows('GL_AccountStructure'));
    if (!structure) throw new MlcError('bad_response', `${s.name}: the agent reports no usable GL_AccountStructure`);
    if (!sameFormat(structure, s.structure)) {
      throw new MlcError('config_invalid', `targets.${s.name}.structure is ${maskOf(s.structure)}, but Sage 100 company ${info.boi.company} has the account format ${maskOf(structure)}`, {
        hint: `set targets.${s.name}.structure: ${maskOf(structure)} (General Ledger > Setup > Account Structure)`,
      });
    }
    return new Sage100Session(s, client, info, structure, deps);
  },
};
