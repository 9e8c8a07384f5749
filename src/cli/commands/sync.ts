// `mlc sync`: the main job. --dry-run prints the plan and writes nothing, not even the cursor.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

export interface SyncFlags extends CommonOptions {
  flow?: string[];
  dryRun?: boolean;
  full?: boolean;
  json?: boolean;
  asOf?: string;
  all?: boolean;
  online?: boolean;
}

export function syncCommand(): Command {
  return withCommon(new Command('sync').description('read BambooHR changes and bring the ERP in step'))
    .addOption(new Option('--flow <name...>', 'run these flows only'))
    .addOption(new Option('--dry-run', 'print the plan; write nothing (not even the cursor)'))
    .addOption(new Option('--full', 're-read everything (reconcile); still writes only differences'))
    .addOption(new Option('--json', 'print one JSON object instead of text'))
    .addOption(new Option('--as-of <date>', 'plan as of another business date (YYYY-MM-DD; with --dry-run)'))
    .addOption(new Option('--all', 'with --dry-run, also list unchanged and out-of-scope records'))
    .addOption(new Option('--online', "with --dry-run, have the ERP validate each write where it can (SYSPRO ValidateOnly); writes nothing"))
    .action((opts: SyncFlags) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { MlcError } = await import('../../domain/errors.js');
        if (opts.asOf && !opts.dryRun) throw new MlcError('usage', '--as-of plans another day and needs --dry-run (to move the business clock of a real run, set MLC_NOW)');
        if (opts.online && !opts.dryRun) throw new MlcError('usage', '--online validates a plan and needs --dry-run');
        const { stopOnSignals } = await import('../signals.js');
        const signals = stopOnSignals(o);
        const ctx = AppContext.create({ config: opts.config, asOf: opts.asOf, logLevel: logLevelOf(opts), stop: signals.stop });
        try {
          if (ctx.config.flows.length === 0 && opts.dryRun) return await bambooOnly(ctx, opts, o);
          const { runSync } = await import('../../app/sync/engine.js');
          const { planJson, planLines } = await import('../format/plan.js');
          const { redactor } = await import('../../domain/redact-payload.js');
          const redact = redactor(ctx.config.audit.redact);
          const { progressBar } = await import('../progress.js');
          const { notifyFailure, notifyRun } = await import('../../app/notify.js');
          const bar = await progressBar(!opts.json && !opts.dryRun);
          const outcome = await runSync(ctx, { flows: opts.flow, dryRun: opts.dryRun ?? false, full: opts.full ?? false, online: opts.online ?? false, onProgress: bar.update })
            .catch(async (err: unknown) => {
              if (!opts.dryRun) await notifyFailure(ctx, err);
              throw err;
            })
            .finally(() => bar.stop());
          if (opts.json) o.json(planJson(outcome, redact));
          else for (const line of planLines(outcome, redact, { all: opts.all, table: opts.dryRun ?? false })) o.out(line);
          if (!opts.dryRun) await notifyRun(ctx, outcome.summary);
          return outcome.summary.status === 'ok' ? 0 : 1;
        } finally {
          signals.dispose();
          await ctx.close();
        }
      }),
    );
}

/** With no flows yet, a dry run still shows what BambooHR reports (the source side alone). */
async function bambooOnly(ctx: import('../../app/context.js').AppContext, opts: SyncFlags, o: import('../output.js').Output): Promise<number> {
  const { preview } = await import('../../app/preview.js');
  const { previewJson, previewLines } = await import('../format/preview.js');
  const { redactor } = await import('../../domain/redact-payload.js');
  const redact = redactor(ctx.config.audit.redact);
  const p = await preview(ctx, { full: opts.full ?? false });
  if (opts.json) o.json(previewJson(p, redact));
  else for (const line of previewLines(p, redact)) o.out(line);
  return 0;
}
