// `mlc sync`: the main job. --dry-run prints what the engine would consider and writes
// nothing, not even the cursor.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

export interface SyncFlags extends CommonOptions {
  flow?: string;
  dryRun?: boolean;
  full?: boolean;
  json?: boolean;
  asOf?: string;
}

export function syncCommand(): Command {
  return withCommon(new Command('sync').description('read BambooHR changes and bring the ERP in step'))
    .addOption(new Option('--flow <name>', 'run one flow only'))
    .addOption(new Option('--dry-run', 'print the plan; write nothing (not even the cursor)'))
    .addOption(new Option('--full', 're-read everything (reconcile); still writes only differences'))
    .addOption(new Option('--json', 'print one JSON object instead of text'))
    .addOption(new Option('--as-of <date>', 'plan as of another business date (YYYY-MM-DD)'))
    .action((opts: SyncFlags) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { MlcError } = await import('../../domain/errors.js');
        const ctx = AppContext.create({ config: opts.config, asOf: opts.asOf, logLevel: logLevelOf(opts) });
        try {
          if (!opts.dryRun) {
            throw new MlcError('usage', 'no flows are configured, so there is nothing to write; run with --dry-run to see what BambooHR reports');
          }
          const { preview } = await import('../../app/preview.js');
          const { previewJson, previewLines } = await import('../format/preview.js');
          const p = await preview(ctx, { full: opts.full ?? false });
          if (opts.json) o.json(previewJson(p));
          else for (const line of previewLines(p)) o.out(line);
          return 0;
        } finally {
          await ctx.close();
        }
      }),
    );
}
