// `mlc config check` validates the file without running anything; `mlc config schema` prints
// the JSON Schema for editors (yaml-language-server modeline: see README).
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';
import { formatProblem } from '../../domain/errors.js';

export function configCommand(): Command {
  const cmd = new Command('config').description('check the configuration file or print its JSON Schema');
  withCommon(cmd.command('check').description('validate the configuration: every problem with file, line and column (exit 2 on errors)'))
    .addOption(new Option('--online', 'also check every lookup target in the ERP and list BambooHR values no lookup covers'))
    .action((opts: CommonOptions & { online?: boolean }) =>
      runCommand(async (o) => {
        const { loadConfig, configPath } = await import('../../config/load.js');
        const { stateWriteProblem } = await import('../../app/check-state.js');
        const { envLogLevel } = await import('../../log/levels.js');
        const { MlcError } = await import('../../domain/errors.js');
        envLogLevel(process.env);
        const file = configPath(opts.config);
        const { config, warnings } = loadConfig(file);
        for (const w of warnings) o.err(`${o.yellow('warning:')} ${formatProblem(w)}`);
        const unwritable = stateWriteProblem(config.state.path);
        if (unwritable) {
          throw new MlcError('state_access', `state.path ${config.state.path}: ${unwritable}`, { hint: 'the user that runs mlc (cron, the service) must be able to write there; or point state.path elsewhere (relative to the config file)' });
        }
        const flows = config.flows.map((f) => `${f.name} → ${f.target}`).join(', ') || 'no flows';
        o.out(`${file}: OK (BambooHR ${config.bamboohr.companyDomain}, ${config.bamboohr.auth}; ${flows}; state ${config.state.path}, writable)${warnings.length ? `, ${warnings.length} warning(s)` : ''}`);
        if (!opts.online) return 0;
        const { AppContext } = await import('../../app/context.js');
        const { checkOnline } = await import('../../app/check-online.js');
        const ctx = AppContext.create({ config: file, logLevel: logLevelOf(opts) });
        try {
          const findings = await checkOnline(ctx);
          for (const f of findings) o.out(`${f.severity === 'error' ? o.red('error:') : o.yellow('warning:')} ${f.where}: ${f.message}`);
          const errors = findings.filter((f) => f.severity === 'error').length;
          o.out(`online check: ${errors} error(s), ${findings.length - errors} warning(s)`);
          return errors > 0 ? 2 : 0;
        } finally {
          await ctx.close();
        }
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
