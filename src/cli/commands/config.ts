// `mlc config check` validates the file without running anything; `mlc config schema` prints
// the JSON Schema for editors (yaml-language-server modeline: see README).
import { Command } from 'commander';
import { withCommon } from '../common.js';
import { runCommand, type CommonOptions } from '../run.js';
import { formatProblem } from '../../domain/errors.js';

export function configCommand(): Command {
  const cmd = new Command('config').description('check the configuration file or print its JSON Schema');
  withCommon(cmd.command('check').description('validate the configuration: every problem with file, line and column (exit 2 on errors)')).action(
    (opts: CommonOptions) =>
      runCommand(async (o) => {
        const { loadConfig, configPath } = await import('../../config/load.js');
        const file = configPath(opts.config);
        const { config, warnings } = loadConfig(file);
        for (const w of warnings) o.err(`${o.yellow('warning:')} ${formatProblem(w)}`);
        o.out(`${file}: OK (BambooHR ${config.bamboohr.companyDomain}, ${config.bamboohr.auth}; state ${config.state.path})${warnings.length ? `, ${warnings.length} warning(s)` : ''}`);
      }),
  );
  cmd
    .command('schema')
    .description('print the JSON Schema of the configuration file')
    .action(() =>
      runCommand(async (o) => {
        const { configJsonSchema } = await import('../../config/json-schema.js');
        o.out(JSON.stringify(configJsonSchema(), null, 2));
      }),
    );
  return cmd;
}
