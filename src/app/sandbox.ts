// Starting the simulators for `mlc sandbox`, `mlc demo`, tests and benchmarks: BambooHR with a
// generated company, and one ERP simulator from the registry (src/sim/registry.ts) with what
// its configuration needs (keys generated for the run, lookups that map the company).
import { MlcError } from '../domain/errors.js';
import { startBambooSim, type BambooSim } from '../sim/bamboohr/index.js';
import type { ErpSandbox } from '../sim/erp-sandbox.js';
import type { NetSuiteSim } from '../sim/netsuite/index.js';
import { simErp, simErps } from '../sim/registry.js';
import { sandboxConfigYaml } from './sandbox-config.js';

export interface SandboxOptions {
  seed: number;
  size: number;
  /** Registry name of the ERP simulator (default netsuite). */
  erp?: string | undefined;
  port?: number;
  latencyMs?: number;
  faultRate?: number;
  start?: string;
  /** The simulated ERP's concurrency limit. */
  erpConcurrency?: number;
  /** Another API key for the simulated BambooHR (canary tests). */
  apiKey?: string;
  /** Lifetime of ERP tokens or sessions (fault tests make them end mid-run). */
  sessionTtlSec?: number;
}

export interface Sandbox {
  bamboo: BambooSim;
  erp: ErpSandbox;
  /** The NetSuite simulator, when that is the ERP (many NetSuite tests look inside it). */
  readonly netsuite: NetSuiteSim;
  info: Record<string, unknown>;
  describe(): string[];
  configYaml(opts?: { statePath?: string; lookupFiles?: boolean }): string;
  /** Secrets for mlc as environment variables (BambooHR's and the ERP's). */
  env(o?: { wrongErp?: boolean }): Record<string, string>;
  close(): Promise<void>;
}

export const SIM_API_KEY = 'sim-full-access-key';
export const SIM_RESTRICTED_KEY = 'sim-restricted-key';

function check(o: SandboxOptions): void {
  if (!Number.isInteger(o.size) || o.size < 10 || o.size > 50_000) throw new MlcError('usage', `--size must be an integer from 10 to 50000, got ${o.size}`);
  if (!Number.isInteger(o.seed)) throw new MlcError('usage', `--seed must be an integer, got ${o.seed}`);
  const erp = o.erpConcurrency ?? 5;
  if (!Number.isInteger(erp) || erp < 1 || erp > 100) throw new MlcError('usage', `--erp-concurrency must be an integer from 1 to 100, got ${erp}`);
  const rate = o.faultRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new MlcError('usage', `--fault-rate must be between 0 and 1, got ${rate}`);
  if (!simErp(o.erp ?? 'netsuite')) throw new MlcError('usage', `--erp must be one of: ${simErps().map((e) => e.name).join(', ')}; got "${o.erp}"`);
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  check(opts);
  const rate = opts.faultRate ?? 0;
  const faults = rate > 0 ? { seed: opts.seed, rate, kinds: ['429', '503'] as Array<'429' | '503'> } : undefined;
  const apiKeys = opts.apiKey ? { apiKeys: [{ key: opts.apiKey }, { key: SIM_RESTRICTED_KEY, hiddenFields: ['payRate', 'payType', 'payPer', 'compensation.rate', 'compensation.type', 'compensation.paidPer'] }] } : {};
  const bamboo = await startBambooSim({ ...apiKeys, seed: opts.seed, size: opts.size, port: opts.port ?? 0, latencyMs: opts.latencyMs ?? 0, ...(opts.start ? { start: opts.start } : {}), ...(faults ? { faults } : {}) });
  const entry = simErp(opts.erp ?? 'netsuite')!;
  const erp = await entry.start({ seed: opts.seed, latencyMs: opts.latencyMs ?? 0, faultRate: rate, concurrencyLimit: opts.erpConcurrency, sessionTtlSec: opts.sessionTtlSec }).catch(async (err: unknown) => {
    await bamboo.close();
    throw err;
  });
  const configYaml = (o: { statePath?: string; lookupFiles?: boolean } = {}) => sandboxConfigYaml({ bamboohrUrl: bamboo.url, companyDomain: 'acme', erp }, o);
  const bambooInfo = { url: bamboo.url, companyDomain: 'acme', apiKey: SIM_API_KEY, restrictedApiKey: SIM_RESTRICTED_KEY, clientId: 'sim-client', clientSecret: 'sim-secret' };
  return {
    bamboo,
    erp,
    get netsuite(): NetSuiteSim {
      const ns = (erp as ErpSandbox & { netsuite?: NetSuiteSim }).netsuite;
      if (!ns) throw new Error(`the sandbox runs ${erp.erp}, not NetSuite`);
      return ns;
    },
    info: { bamboohr: bambooInfo, erp: erp.erp, [erp.erp]: erp.info() },
    configYaml,
    env: (o = {}) => ({ MLC_BAMBOOHR_API_KEY: SIM_API_KEY, ...erp.env({ wrong: o.wrongErp ?? false }) }),
    close: async () => {
      await Promise.all([bamboo.close(), erp.close()]);
    },
    describe: () => [
      `BambooHR simulator  ${bamboo.url}   (company "acme", ${opts.size} employees, seed ${opts.seed})`,
      `  API key: ${SIM_API_KEY}   restricted key (no pay fields): ${SIM_RESTRICTED_KEY}`,
      `  OAuth client: sim-client / sim-secret (any http://127.0.0.1 redirect)`,
      ...erp.describe(),
      `control APIs: ${bamboo.url}/_sim/state  ${erp.url}/_sim/state`,
      '',
      // Pasted as is into a shell, so nothing is indented (a heredoc terminator must start
      // its line) and mlc runs through npx (a clone does not put it on PATH).
      'Try it: in another terminal, in this folder, paste these lines:',
      '',
      ...Object.entries({ MLC_BAMBOOHR_API_KEY: SIM_API_KEY, ...erp.env() }).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
      ...Object.entries(erp.files()).flatMap(([name, text]) => [`cat > ${name} <<'EOF'`, ...text.trimEnd().split('\n'), 'EOF']),
      "cat > mlc.yaml <<'EOF'",
      ...configYaml({ lookupFiles: true }).trimEnd().split('\n'),
      'EOF',
      'npx mlc ping && npx mlc sync --dry-run && npx mlc sync',
      '',
      'Press Ctrl-C to stop.',
    ],
  };
}

/** A value for `export NAME=…` that survives any shell: single quotes, ' written as '\''. */
function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}
