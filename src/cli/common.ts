// Options shared by every command that reads the configuration.
import { Option, type Command } from 'commander';

/** Adds the options every config-reading command shares. */
export function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('-c, --config <file>', 'configuration file (default: $MLC_CONFIG or ./mlc.yaml)'))
    .addOption(new Option('--log-level <level>', 'log level for this run').choices(['debug', 'info']))
    .option('-v, --verbose', 'log progress (info level) to stderr');
}
