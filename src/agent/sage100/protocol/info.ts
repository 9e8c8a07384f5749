// GET /v1/info: what this agent is and can do, so a client checks capabilities before it
// relies on them (the versioning rule in README "Protocol v1").
import { TABLE_NAMES, type ObjectName, type UdfSpec } from '../boi/catalog.js';
import type { Probe } from '../boi-host.js';
import { PROTOCOL_VERSION } from './errors.js';

export interface InfoFacts {
  agentVersion: string;
  implementation: 'com' | 'memory';
  company: string;
  fingerprint: string;
  authMethods: string[];
  clientCertificates: boolean;
  prEmployeeBus: Probe;
  writableObjects: readonly ObjectName[];
  udfs: readonly UdfSpec[];
  batchMaxWrites: number;
  maxLimit: number;
}

export function infoBody(f: InfoFacts): Record<string, unknown> {
  return {
    agent: { name: 'mlc-sage100-agent', version: f.agentVersion },
    protocol: { version: PROTOCOL_VERSION, versions: [PROTOCOL_VERSION] },
    boi: { implementation: f.implementation, company: f.company, accountStructureSource: f.implementation === 'memory' ? 'memory' : 'config' },
    capabilities: {
      prEmployeeBus: f.prEmployeeBus.available,
      ...(f.prEmployeeBus.reason ? { prEmployeeBusReason: f.prEmployeeBus.reason } : {}),
      tables: TABLE_NAMES,
      writableObjects: f.writableObjects,
      batch: { maxWrites: f.batchMaxWrites },
      filters: ['where', 'prefix'],
      paging: { maxLimit: f.maxLimit },
      udfs: { GL_SubAccount: f.udfs },
    },
    tls: { fingerprint256: f.fingerprint, clientCertificates: f.clientCertificates ? 'required' : 'not-requested' },
    auth: { methods: f.authMethods },
    time: new Date().toISOString(),
  };
}
