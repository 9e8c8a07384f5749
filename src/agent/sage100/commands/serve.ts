// `serve`: load agent.yaml, pick the BOI, start the agent, print where it listens and the
// certificate fingerprint to pin in mlc, and stop cleanly on SIGINT / SIGTERM (a Windows
// service manager such as NSSM sends Ctrl+C, then terminates).
import { createLogger } from '../../../log/logger.js';
import { registerSecret } from '../../../log/redact.js';
import { startAgent, type RunningAgent } from '../agent.js';
import { selectBoi } from '../boi/select.js';
import { loadAgentConfig, resolveIn } from '../config/load.js';
import { agentVersion } from '../version.js';
import { configPath, type CliIo } from './io.js';

export async function serve(option: string | undefined, io: CliIo): Promise<RunningAgent> {
  const { config, dir, file } = loadAgentConfig(configPath(option, io.env));
  for (const name of [config.boi.passwordEnv, config.auth.apiKey?.env]) if (name) registerSecret(io.env[name]);
  const logger = createLogger({ level: config.log.level, file: config.log.file ? resolveIn(dir, config.log.file) : undefined, format: 'json' });
  const boi = await selectBoi(config, dir);
  const agent = await startAgent({ config, dir, boi: boi.factory, implementation: boi.implementation, logger, env: io.env });
  logger.info({ url: agent.url, implementation: boi.implementation, fingerprint: agent.fingerprint, config: file }, 'agent started');
  io.stdout(`mlc-sage100-agent ${agentVersion()} listening on ${agent.url} (BOI ${boi.implementation}, company ${config.boi.company})\n`);
  if (agent.certificateCreated) io.stdout(`created a new certificate: ${resolveIn(dir, config.tls.certFile)}\n`);
  io.stdout(`certificate SHA-256 fingerprint: ${agent.fingerprint}\n`);
  return agent;
}

export function stopOnSignals(agent: RunningAgent, io: CliIo): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    io.stderr(`received ${signal}, stopping\n`);
    agent.close().then(
      () => {
        process.exitCode = 0;
      },
      (err: unknown) => {
        io.stderr(`stop failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 70;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
