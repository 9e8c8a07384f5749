// `mlc ping`: authenticate to every configured system and make one cheap read.
import { Command, Option } from 'commander';
import { exitCodeFor } from '../exit-codes.js';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

export function pingCommand(): Command {
  return withCommon(new Command('ping').description('test credentials: authenticate to each system and read one record'))
    .addOption(new Option('--json', 'print the results as JSON'))
    .action((opts: CommonOptions & { json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { ping } = await import('../../app/ping.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          const results = await ping(ctx);
          if (opts.json) o.json(results.map(({ cause: _c, ...r }) => r));
          for (const r of results) {
            const creds = Object.entries(r.credentials).map(([k, v]) => `${k} from ${v}`).join(', ') || 'none found';
            if (opts.json) continue;
            if (r.ok) o.out(`${o.green('ok')}   ${r.system}  ${r.latencyMs} ms  ${r.auth}: ${creds}  ${r.detail ?? ''}`.trimEnd());
            else {
              o.out(`${o.red('FAIL')} ${r.system}  ${r.latencyMs} ms  ${r.auth}: ${creds}  ${r.error?.message ?? ''}`);
              if (r.error?.hint) o.out(`     hint: ${r.error.hint}`);
            }
          }
          const failed = results.find((r) => !r.ok);
          return failed ? exitCodeFor(failed.cause) : 0;
        } finally {
          await ctx.close();
        }
      }),
    );
}
