// Starts the agent: certificate (first start: generated), auth policy, the BOI session
// (opened before listening, so a bad logon fails the start, not the first request), the
// PR_Employee_bus probe (erps.md §8 D.3), then the HTTPS listener.
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { localYyyymmdd, taskNames } from './boi/catalog.js';
import { BoiHost, type BoiFactory, type Probe } from './boi-host.js';
import { resolveIn } from './config/load.js';
import type { AgentConfig } from './config/schema.js';
import { errorResponse, ApiError } from './protocol/errors.js';
import type { InfoFacts } from './protocol/info.js';
import { protocolHandler } from './protocol/routes.js';
import { loadApiKeyHash } from './server/api-key.js';
import { authMethods, type AuthPolicy } from './server/auth.js';
import { loadOrCreateCertificate } from './server/certificate.js';
import { listenHttps } from './server/https.js';
import { pipeline } from './server/pipeline.js';
import type { Intercept } from './server/types.js';
import { agentVersion } from './version.js';

export interface AgentOptions {
  config: AgentConfig;
  /** Folder relative paths in the config are resolved against (the config file's folder). */
  dir: string;
  boi: BoiFactory;
  implementation: 'com' | 'memory';
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Simulator only: runs around the protocol handler (faults, latency, recording, /_sim). */
  intercept?: Intercept;
}

export interface RunningAgent {
  url: string;
  port: number;
  fingerprint: string;
  certPem: string;
  certificateCreated: boolean;
  host: BoiHost;
  info(): InfoFacts;
  close(): Promise<void>;
}

function boiPassword(config: AgentConfig, dir: string, env: NodeJS.ProcessEnv): string {
  const fromEnv = env[config.boi.passwordEnv];
  if (fromEnv !== undefined) return fromEnv;
  return config.boi.passwordFile ? readFileSync(resolveIn(dir, config.boi.passwordFile), 'utf8').trimEnd() : '';
}

function authPolicy(config: AgentConfig, dir: string, env: NodeJS.ProcessEnv): { policy: AuthPolicy; clientCaPem?: string } {
  const { apiKey, mtls } = config.auth;
  const policy: AuthPolicy = { mtls: mtls !== undefined };
  if (apiKey) policy.apiKeyHash = loadApiKeyHash(resolveIn(dir, apiKey.hashFile), apiKey.env, env);
  return mtls ? { policy, clientCaPem: readFileSync(resolveIn(dir, mtls.caFile), 'utf8') } : { policy };
}

export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const { config, dir, logger } = opts;
  const env = opts.env ?? process.env;
  const cert = await loadOrCreateCertificate({ ...config.tls, certFile: resolveIn(dir, config.tls.certFile), keyFile: resolveIn(dir, config.tls.keyFile) });
  if (cert.looseKeyPermissions) logger.warn({ file: config.tls.keyFile }, 'the TLS key file is readable by other users; restrict it to the service account');
  const { policy, clientCaPem } = authPolicy(config, dir, env);
  const host = new BoiHost({ factory: opts.boi, user: config.boi.user, password: boiPassword(config, dir, env), company: config.boi.company, tasks: taskNames(config.boi.tasks), today: () => localYyyymmdd() });
  let prEmployeeBus: Probe;
  try {
    prEmployeeBus = await host.probe('PR_Employee_bus', 'P/R', 'PR_Employee_ui');
  } catch (err) {
    await host.close();
    throw err;
  }
  const writable = new Set(config.boi.writableObjects);
  const udfs = config.boi.udfs.GL_SubAccount;
  const facts = (): InfoFacts => ({
    agentVersion: agentVersion(), implementation: opts.implementation, company: config.boi.company, fingerprint: cert.fingerprint,
    authMethods: authMethods(policy), clientCertificates: policy.mtls, prEmployeeBus, writableObjects: [...writable], udfs,
    batchMaxWrites: config.limits.batchMaxWrites, maxLimit: config.limits.pageMaxRows,
  });
  const handler = protocolHandler({
    auth: policy,
    info: facts,
    tables: { host, udfs, defaultLimit: Math.min(config.limits.pageDefaultRows, config.limits.pageMaxRows), maxLimit: config.limits.pageMaxRows },
    writes: { host, writable, busyPatterns: config.boi.busyPatterns.map((p) => new RegExp(p, 'i')), batchMaxWrites: config.limits.batchMaxWrites, busyRetryAfterSec: config.limits.busyRetryAfterSec },
  });
  const listening = await listenHttps(
    { certPem: cert.certPem, keyPem: cert.keyPem, ...(clientCaPem ? { clientCaPem } : {}), host: config.listen.host, port: config.listen.port, ...timeouts(config) },
    pipeline({ handler, intercept: opts.intercept, maxBodyBytes: config.limits.bodyBytes, logger }),
    (err, res) => {
      logger.error({ error: err instanceof Error ? err.name : 'unknown' }, 'request failed');
      const r = errorResponse(new ApiError(500, 'internal_error', 'the agent failed unexpectedly; see its log'));
      res.writeHead(r.status, r.headers).end(r.body);
    },
  );
  const shownHost = config.listen.host === '0.0.0.0' || config.listen.host === '::' ? '127.0.0.1' : config.listen.host;
  return {
    url: `https://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${listening.port}`,
    port: listening.port,
    fingerprint: cert.fingerprint,
    certPem: cert.certPem,
    certificateCreated: cert.created,
    host,
    info: facts,
    async close() {
      await listening.close();
      await host.close();
    },
  };
}

function timeouts(config: AgentConfig): { requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number } {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs } = config.limits;
  return { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs };
}
