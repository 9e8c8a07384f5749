// `mlc status [--max-age 26h]`: cursors, last runs, open records, last good run.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { ExitCode } from '../exit-codes.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';
import { table } from '../format/table.js';

export function statusCommand(): Command {
  return withCommon(new Command('status').description('cursors, recent runs, open (parked or failed) records and the last good run'))
    .addOption(new Option('--max-age <duration>', `exit ${ExitCode.stale} when the last good run is older than this (e.g. 26h)`))
    .addOption(new Option('--json', 'print as JSON'))
    .action((opts: CommonOptions & { maxAge?: string; json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { status } = await import('../../app/status.js');
        const { parseDuration, formatDuration } = await import('../../domain/duration.js');
        const { MlcError } = await import('../../domain/errors.js');
        const { redactor } = await import('../../domain/redact-payload.js');
        const maxAge = opts.maxAge === undefined ? undefined : parseDuration(opts.maxAge);
        if (opts.maxAge !== undefined && maxAge === undefined) throw new MlcError('usage', `--max-age: expected a duration such as 26h, got "${opts.maxAge}"`);
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          const r = status(ctx);
          const redact = redactor(ctx.config.audit.redact);
          const stale = maxAge !== undefined && (r.lastGoodAgeMs === null || r.lastGoodAgeMs > maxAge);
          if (opts.json) o.json({ ...r, runs: r.runs.map((x) => ({ ...x, errorMessage: redact.maybe(x.errorMessage) })), stale });
          else {
            o.out(`state: ${r.state}`);
            o.out(r.lastGood ? `last good run: ${r.lastGood.id}, finished ${r.lastGood.finishedAt} (${formatDuration(r.lastGoodAgeMs ?? 0)} ago)` : 'last good run: none');
            if (r.lock) o.out(`running now: pid ${r.lock.pid} on ${r.lock.host} since ${r.lock.since} (heartbeat ${r.lock.heartbeat})`);
            o.out('');
            const cursors = r.cursors.map((c) => [c.flow, c.value, c.sweptThrough ?? '', c.updatedAt]);
            for (const line of cursors.length ? table(['FLOW', 'CURSOR (BambooHR latest)', 'SWEPT THROUGH', 'UPDATED'], cursors) : ['no cursors yet']) o.out(line);
            o.out('');
            const runs = r.runs.map((x) => {
              const c = (x.summary as { counts?: Record<string, number> } | null)?.counts;
              const what = c ? `${c.created ?? 0} created, ${c.updated ?? 0} updated, ${c.deactivated ?? 0} deactivated, ${c.parked ?? 0} parked, ${c.failed ?? 0} failed` : redact.text(x.errorMessage ?? '');
              return [x.id, x.command, x.status, x.startedAt, what];
            });
            for (const line of table(['RUN', 'COMMAND', 'STATUS', 'STARTED', 'OUTCOME'], runs, 90)) o.out(line);
            o.out('');
            o.out(r.open.length ? `open records: ${r.open.map((x) => `${x.count} ${x.status} in ${x.flow}`).join(', ')} (mlc audit list --status open)` : 'open records: none');
          }
          if (stale) {
            o.err(`mlc: last good run is ${r.lastGoodAgeMs === null ? 'missing' : `${formatDuration(r.lastGoodAgeMs)} old`}, more than --max-age ${opts.maxAge}`);
            return ExitCode.stale;
          }
          return 0;
        } finally {
          await ctx.close();
        }
      }),
    );
}
