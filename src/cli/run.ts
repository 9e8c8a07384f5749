// Every command's action goes through here: one place turns errors into messages and exit
// codes (exit-codes.ts), and the process is made to end once the work is done, so a stray
// keep-alive socket can never leave a cron job hanging. Logs are written synchronously, so
// nothing is lost by ending.
import { exitCodeFor } from './exit-codes.js';
import type { LogLevel } from '../log/levels.js';
import { createOutput, reportError, type Output } from './output.js';

export async function runCommand(body: (o: Output) => Promise<number | void>, opts: { keepAlive?: boolean } = {}): Promise<void> {
  const o = createOutput();
  try {
    process.exitCode = (await body(o)) ?? 0;
  } catch (err) {
    reportError(o, err);
    process.exitCode = exitCodeFor(err);
  }
  if (!opts.keepAlive) setTimeout(() => process.exit(), 1500).unref();
}

/** Options every command that reads the config accepts. */
export interface CommonOptions {
  config?: string;
  logLevel?: string;
  verbose?: boolean;
}

/** --log-level (commander checked it against LOG_LEVELS), else info with --verbose. */
export function logLevelOf(opts: CommonOptions): LogLevel | undefined {
  if (opts.logLevel) return opts.logLevel as LogLevel;
  return opts.verbose ? 'info' : undefined;
}
