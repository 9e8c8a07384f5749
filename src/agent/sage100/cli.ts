// mlc-sage100-agent: the agent's own command line (bin/mlc-sage100-agent.js). A separate
// program from `mlc` because it runs on the Sage server, as a Windows service, with its own
// config and lifecycle, and needs none of mlc's state or keychain (README "Why a separate bin").
import { Command, CommanderError } from 'commander';
import { BoiUnavailableError } from './boi/port.js';
import { configPath, EXIT, processIo, type CliIo } from './commands/io.js';
import { fingerprint, genKey } from './commands/keys.js';
import { serve, stopOnSignals } from './commands/serve.js';
import { AgentConfigError, loadAgentConfig } from './config/load.js';
import { BoiSetupFailed, BoiUnavailable } from './protocol/errors.js';
import { ApiKeyMissing } from './server/api-key.js';
import { agentVersion } from './version.js';

function exitCodeFor(err: unknown): number {
  if (err instanceof AgentConfigError || err instanceof ApiKeyMissing) return EXIT.usage;
  if (err instanceof BoiUnavailableError || err instanceof BoiUnavailable || err instanceof BoiSetupFailed) return EXIT.boiUnavailable;
  return EXIT.internal;
}

function program(io: CliIo, done: (code: number) => void): Command {
  const p = new Command('mlc-sage100-agent').description('HTTPS agent exposing Sage 100 BOI to mlc').version(agentVersion()).exitOverride();
  p.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const config = ['-c, --config <file>', 'agent.yaml (default $MLC_SAGE100_AGENT_CONFIG or ./agent.yaml)'] as const;
  p.command('serve').description('start the agent').option(...config).action(async (o: { config?: string }) => {
    stopOnSignals(await serve(o.config, io), io);
    done(EXIT.ok);
  });
  p.command('fingerprint').description("print the certificate's SHA-256 fingerprint (creates the certificate if missing)").option(...config).action(async (o: { config?: string }) => done(await fingerprint(o.config, io)));
  p.command('gen-key').description('create a new API key; print it once, keep only its hash').option(...config).option('--force', 'replace an existing key').action((o: { config?: string; force?: boolean }) => done(genKey(o.config, o.force === true, io)));
  p.command('check').description('validate agent.yaml and say what it configures').option(...config).action((o: { config?: string }) => {
    const { config: c, file } = loadAgentConfig(configPath(o.config, io.env));
    const auth = [c.auth.apiKey ? 'API key' : '', c.auth.mtls ? 'mutual TLS' : ''].filter(Boolean).join(' + ');
    io.stdout(`${file}: OK — BOI ${c.boi.implementation}, company ${c.boi.company}, listen ${c.listen.host}:${c.listen.port}, auth ${auth}\n`);
    done(EXIT.ok);
  });
  return p;
}

/** Runs one command; resolves to its exit code (also set on process.exitCode when run from the bin). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) code = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    else {
      code = exitCodeFor(err);
      io.stderr(`mlc-sage100-agent: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (io === processIo && code !== EXIT.ok) process.exitCode = code;
  return code;
}
