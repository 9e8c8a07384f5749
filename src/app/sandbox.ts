// Starting the simulators for `mlc sandbox`, `mlc demo`, tests and benchmarks: BambooHR with
// a generated company, NetSuite with a freshly generated M2M key pair registered (the private
// key is written owner-only to a temporary folder, never committed anywhere).
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlcError } from '../domain/errors.js';
import { startBambooSim, type BambooSim } from '../sim/bamboohr/index.js';
import { startNetSuiteSim, type NetSuiteSim } from '../sim/netsuite/index.js';
import { sandboxConfigYaml } from './sandbox-config.js';

export interface SandboxOptions {
  seed: number;
  size: number;
  port?: number;
  latencyMs?: number;
  faultRate?: number;
  start?: string;
  netsuiteConcurrency?: number;
  /** Another API key for the simulated BambooHR (canary tests). */
  apiKey?: string;
  /** Lifetime of NetSuite access tokens (fault tests make them expire mid-run). */
  netsuiteTokenTtlSec?: number;
}

export interface SandboxInfo {
  bamboohr: { url: string; companyDomain: string; apiKey: string; restrictedApiKey: string; clientId: string; clientSecret: string };
  netsuite: { url: string; accountId: string; clientId: string; certificateId: string; algorithm: string; privateKeyFile: string };
}

export interface Sandbox {
  bamboo: BambooSim;
  netsuite: NetSuiteSim;
  info: SandboxInfo;
  privateKeyPem: string;
  describe(): string[];
  configYaml(opts?: { statePath?: string; departmentsFile?: string }): string;
  close(): Promise<void>;
}

export const SIM_API_KEY = 'sim-full-access-key';
export const SIM_RESTRICTED_KEY = 'sim-restricted-key';
const NS_CLIENT = 'mlc-sandbox-client';
const NS_CERT = 'mlc-sandbox-cert';

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  if (!Number.isInteger(opts.size) || opts.size < 10 || opts.size > 50_000) throw new MlcError('usage', `--size must be an integer from 10 to 50000, got ${opts.size}`);
  if (!Number.isInteger(opts.seed)) throw new MlcError('usage', `--seed must be an integer, got ${opts.seed}`);
  const erp = opts.netsuiteConcurrency ?? 5;
  if (!Number.isInteger(erp) || erp < 1 || erp > 100) throw new MlcError('usage', `--erp-concurrency must be an integer from 1 to 100, got ${erp}`);
  const rate = opts.faultRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new MlcError('usage', `--fault-rate must be between 0 and 1, got ${rate}`);
  const pair = await generateKeyPair('ES256', { extractable: true });
  const privateKeyPem = await exportPKCS8(pair.privateKey);
  const dir = mkdtempSync(join(tmpdir(), 'mlc-sandbox-'));
  const keyFile = join(dir, 'netsuite-private-key.pem');
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
  const faults = rate > 0 ? { seed: opts.seed, rate, kinds: ['429', '503'] as Array<'429' | '503'> } : undefined;
  const apiKeys = opts.apiKey ? { apiKeys: [{ key: opts.apiKey }, { key: SIM_RESTRICTED_KEY, hiddenFields: ['payRate', 'payType', 'payPer', 'compensation.rate', 'compensation.type', 'compensation.paidPer'] }] } : {};
  const bamboo = await startBambooSim({ ...apiKeys, seed: opts.seed, size: opts.size, port: opts.port ?? 0, latencyMs: opts.latencyMs ?? 0, ...(opts.start ? { start: opts.start } : {}), ...(faults ? { faults } : {}) });
  const netsuite = await startNetSuiteSim({
    clients: [{ clientId: NS_CLIENT, certificateId: NS_CERT, publicKeyPem: await exportSPKI(pair.publicKey), algorithms: ['ES256'] }],
    latencyMs: opts.latencyMs ?? 0,
    concurrencyLimit: erp,
    ...(opts.netsuiteTokenTtlSec ? { accessTokenTtlSec: opts.netsuiteTokenTtlSec } : {}),
    ...(faults ? { faults } : {}),
  });
  const info: SandboxInfo = {
    bamboohr: { url: bamboo.url, companyDomain: 'acme', apiKey: SIM_API_KEY, restrictedApiKey: SIM_RESTRICTED_KEY, clientId: 'sim-client', clientSecret: 'sim-secret' },
    netsuite: { url: netsuite.url, accountId: netsuite.accountId, clientId: NS_CLIENT, certificateId: NS_CERT, algorithm: 'ES256', privateKeyFile: keyFile },
  };
  const configYaml = (o: { statePath?: string; departmentsFile?: string } = {}) =>
    sandboxConfigYaml({ bamboohrUrl: bamboo.url, companyDomain: 'acme', netsuite: { url: netsuite.url, accountId: netsuite.accountId, clientId: NS_CLIENT, certificateId: NS_CERT, algorithm: 'ES256' } }, o);
  return {
    bamboo,
    netsuite,
    info,
    privateKeyPem,
    configYaml,
    close: async () => {
      await Promise.all([bamboo.close(), netsuite.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
    describe: () => [
      `BambooHR simulator  ${bamboo.url}   (company "acme", ${opts.size} employees, seed ${opts.seed})`,
      `  API key: ${SIM_API_KEY}   restricted key (no pay fields): ${SIM_RESTRICTED_KEY}`,
      `  OAuth client: sim-client / sim-secret (any http://127.0.0.1 redirect)`,
      `NetSuite simulator  ${netsuite.url}   (account ${netsuite.accountId})`,
      `  M2M client ${NS_CLIENT}, certificate ${NS_CERT}, ES256 private key in ${keyFile}`,
      `control APIs: ${bamboo.url}/_sim/state  ${netsuite.url}/_sim/state`,
      '',
      // Pasted as is into a shell, so nothing is indented (a heredoc terminator must start
      // its line) and mlc runs through npx (a clone does not put it on PATH).
      'Try it: in another terminal, in this folder, paste these lines:',
      '',
      `export MLC_BAMBOOHR_API_KEY=${SIM_API_KEY}`,
      `export MLC_NETSUITE_PRIVATE_KEY="$(cat ${keyFile})"`,
      "cat > mlc.yaml <<'EOF'",
      ...configYaml().trimEnd().split('\n'),
      'EOF',
      'npx mlc ping && npx mlc sync --dry-run && npx mlc sync',
      '',
      'Press Ctrl-C to stop.',
    ],
  };
}
