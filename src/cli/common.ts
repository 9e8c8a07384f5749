// Options and argument parsers shared by the commands.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LOG_LEVELS } from '../log/levels.js';

/** Adds the options every config-reading command shares. */
export function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('-c, --config <file>', 'configuration file (default: $MLC_CONFIG or ./mlc.yaml)'))
    .addOption(new Option('--log-level <level>', 'log level for this run (default: $MLC_LOG_LEVEL, then logging.level)').choices(LOG_LEVELS))
    .option('-v, --verbose', 'log progress (info level) to stderr');
}

/** commander argParser: a whole number ≥ 1 (a usage error, exit 2, otherwise). */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number such as 100, got "${value}".`);
  return Number(value);
}
