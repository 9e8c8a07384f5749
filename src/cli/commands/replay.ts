// `mlc replay <operation-id|run-id>`: re-apply one audited operation, or every open one of a run.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

export function replayCommand(): Command {
  return withCommon(
    new Command('replay').argument('<id>', 'an operation id (mlc audit list) or a run id (mlc status)').description('re-read the employee(s), plan again and apply; the new audit rows point to the old ones'),
  )
    .addOption(new Option('--as-recorded', 're-send the payload recorded in the audit instead of planning again'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .action((id: string, opts: CommonOptions & { asRecorded?: boolean; json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { replay } = await import('../../app/replay.js');
        const { planLines, planJson } = await import('../format/plan.js');
        const { redactor } = await import('../../domain/redact-payload.js');
        const { stopOnSignals } = await import('../signals.js');
        const signals = stopOnSignals(o);
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts), stop: signals.stop });
        try {
          const r = await replay(ctx, id, { asRecorded: opts.asRecorded ?? false });
          const redact = redactor(ctx.config.audit.redact);
          if (opts.json) o.json(planJson(r, redact));
          else for (const line of planLines(r, redact, { all: true })) o.out(line.replace(/^mlc sync /, 'mlc replay '));
          return r.summary.status === 'ok' ? 0 : 1;
        } finally {
          signals.dispose();
          await ctx.close();
        }
      }),
    );
}
