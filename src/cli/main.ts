// The commander program. Kept thin and fast: each command's module is small, and heavy
// libraries (SQLite, undici, zod, yaml, pino) load inside the action that needs them, so
// `mlc --version` and `mlc --help` start in well under 150 ms (README, start-up figures).
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { exitCodeTable } from './exit-codes.js';
import { survivePipeClose } from './output.js';
import { auditCommand } from './commands/audit.js';
import { authCommand } from './commands/auth.js';
import { configCommand } from './commands/config.js';
import { demoCommand } from './commands/demo.js';
import { fleetCommand } from './commands/fleet.js';
import { journalCommand } from './commands/journal.js';
import { pingCommand } from './commands/ping.js';
import { replayCommand } from './commands/replay.js';
import { reportCommand } from './commands/report.js';
import { sandboxCommand } from './commands/sandbox.js';
import { statusCommand } from './commands/status.js';
import { syncCommand } from './commands/sync.js';
import { webhookCommand } from './commands/webhook.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('mlc')
    .description('Keeps an ERP\'s people and org data in step with BambooHR, one way.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(`mlc: ${str.replace(/^error: /, 'error: ')}`) })
    .exitOverride((err) => {
      // Usage errors exit 2 (the contract's table); help and version exit 0.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  program.addHelpText('after', `\nExit codes:\n${exitCodeTable.map(([c, m]) => `  ${String(c).padStart(3)}  ${m}`).join('\n')}\n\nEnvironment: MLC_CONFIG (config file), MLC_NOW (business clock, ISO timestamp),\n  MLC_<CONNECTION>_<SECRET> (secrets, e.g. MLC_BAMBOOHR_API_KEY), MLC_LOG_LEVEL, NO_COLOR.`);
  const sub = [syncCommand(), journalCommand(), pingCommand(), replayCommand(), auditCommand(), statusCommand(), reportCommand(), webhookCommand(), configCommand(), authCommand(), sandboxCommand(), demoCommand(), fleetCommand()];
  for (const cmd of sub) program.addCommand(cmd);
  // Subcommands added with addCommand() do not inherit these: usage errors exit 2 everywhere.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program).slice(1)) {
    c.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2)).configureOutput({ outputError: (str, write) => write(`mlc: ${str}`) }).showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

export function main(argv: string[]): void {
  // Before anything writes (help, version, commands, the sandbox's raw JSON line).
  survivePipeClose(process.stdout);
  survivePipeClose(process.stderr);
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      process.stderr.write(`mlc: internal error: ${String(err)}\n`);
      process.exitCode = 70;
    });
}
