// Starting the simulators for `mlc sandbox`, `mlc demo`, tests and benchmarks.
import { MlcError } from '../domain/errors.js';
import { startBambooSim, type BambooSim } from '../sim/bamboohr/index.js';
import { sandboxConfigYaml } from './sandbox-config.js';

export interface SandboxOptions {
  seed: number;
  size: number;
  port?: number;
  latencyMs?: number;
  faultRate?: number;
  start?: string;
}

export interface SandboxInfo {
  bamboohr: { url: string; companyDomain: string; apiKey: string; restrictedApiKey: string; clientId: string; clientSecret: string };
}

export interface Sandbox {
  bamboo: BambooSim;
  info: SandboxInfo;
  describe(): string[];
  close(): Promise<void>;
}

export const SIM_API_KEY = 'sim-full-access-key';
export const SIM_RESTRICTED_KEY = 'sim-restricted-key';

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  if (!Number.isInteger(opts.size) || opts.size < 10 || opts.size > 50_000) throw new MlcError('usage', `--size must be an integer from 10 to 50000, got ${opts.size}`);
  if (!Number.isInteger(opts.seed)) throw new MlcError('usage', `--seed must be an integer, got ${opts.seed}`);
  const rate = opts.faultRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new MlcError('usage', `--fault-rate must be between 0 and 1, got ${rate}`);
  const bamboo = await startBambooSim({
    seed: opts.seed,
    size: opts.size,
    port: opts.port ?? 0,
    latencyMs: opts.latencyMs ?? 0,
    ...(opts.start ? { start: opts.start } : {}),
    ...(rate > 0 ? { faults: { seed: opts.seed, rate, kinds: ['429', '503'] } } : {}),
  });
  const info: SandboxInfo = {
    bamboohr: { url: bamboo.url, companyDomain: 'acme', apiKey: SIM_API_KEY, restrictedApiKey: SIM_RESTRICTED_KEY, clientId: 'sim-client', clientSecret: 'sim-secret' },
  };
  return {
    bamboo,
    info,
    close: () => bamboo.close(),
    describe: () => [
      `BambooHR simulator  ${bamboo.url}   (company "acme", ${opts.size} employees, seed ${opts.seed})`,
      `  API key: ${SIM_API_KEY}   restricted key (no pay fields): ${SIM_RESTRICTED_KEY}`,
      `  OAuth client: sim-client / sim-secret (any http://127.0.0.1 redirect)`,
      `  control API: ${bamboo.url}/_sim/state`,
      '',
      'Try it:',
      `  export MLC_BAMBOOHR_API_KEY=${SIM_API_KEY}`,
      "  cat > mlc.yaml <<'EOF'",
      ...sandboxConfigYaml({ bamboohrUrl: bamboo.url, companyDomain: 'acme' }).trimEnd().split('\n').map((l) => `  ${l}`),
      '  EOF',
      '  mlc ping && mlc sync --dry-run',
      '',
      'Press Ctrl-C to stop.',
    ],
  };
}
