// Every command's action goes through here: one place turns errors into messages and exit
// codes (exit-codes.ts), and the process is made to end once the work is done, so a stray
// keep-alive socket can never leave a cron job hanging. Logs are written synchronously, so
// nothing is lost by ending.
import { exitCodeFor } from './exit-codes.js';
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

export function logLevelOf(opts: CommonOptions): 'debug' | 'info' | undefined {
  if (opts.logLevel === 'debug' || opts.logLevel === 'info') return opts.logLevel;
  return opts.verbose ? 'info' : undefined;
}
