// `mlc audit list|show`: what happened to whom, and why. Reasons are shown whole (wrapped on a
// terminal; --wide for one line each), and every reason and payload passes through the
// redactor (audit.redact), which also covers rows written before a pattern was added.
import { Command, Option } from 'commander';
import { positiveInt, withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

const STATUSES = ['open', 'planned', 'applied', 'unchanged', 'scheduled', 'parked', 'failed'];

interface ListFlags extends CommonOptions {
  status?: string;
  employee?: string;
  run?: string;
  flow?: string;
  limit: number;
  wide?: boolean;
  json?: boolean;
}

export function auditCommand(): Command {
  const cmd = new Command('audit').description('the audit trail: every operation, its outcome and why');
  withCommon(cmd.command('list').description('list audited operations, newest first'))
    .addOption(new Option('--status <status>', 'only this status (open = parked or failed, not yet resolved)').choices(STATUSES))
    .addOption(new Option('--employee <id>', 'only this BambooHR employee id'))
    .addOption(new Option('--run <id>', 'only this run'))
    .addOption(new Option('--flow <name>', 'only this flow'))
    .addOption(new Option('--limit <n>', 'at most this many rows').default(100).argParser(positiveInt))
    .addOption(new Option('--wide', 'one line per operation: no column clipped, reasons not wrapped'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((f: ListFlags) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { redactor } = await import('../../domain/redact-payload.js');
        const { auditJson, auditLines } = await import('../format/audit.js');
        const { existsSync } = await import('node:fs');
        const ctx = AppContext.create({ config: f.config, logLevel: logLevelOf(f) });
        try {
          if (!existsSync(ctx.config.state.path)) return void o.out(`no operations yet: ${ctx.config.state.path} does not exist (mlc sync has not run with this configuration)`);
          const redact = redactor(ctx.config.audit.redact);
          // One row more than asked tells whether the limit cut the list short.
          const found = ctx.openState(true).audit.list({ status: f.status as never, employeeId: f.employee, runId: f.run, flow: f.flow, limit: f.limit + 1 });
          const rows = found.slice(0, f.limit);
          const more = found.length > f.limit ? `(stopped at --limit ${f.limit}: older operations match too; raise --limit or narrow with --status, --employee, --run or --flow)` : undefined;
          if (f.json) {
            o.json(rows.map((r) => auditJson(r, redact)));
            if (more) o.err(`mlc: ${more}`);
            return;
          }
          if (rows.length === 0) return void o.out('no matching operations');
          const wrapAt = process.stdout.isTTY ? process.stdout.columns : undefined;
          for (const line of auditLines(rows, redact, { wide: f.wide ?? false, wrapAt })) o.out(line);
          if (more) o.out(more);
        } finally {
          await ctx.close();
        }
      }),
    );
  withCommon(cmd.command('show').argument('<id>', 'operation id (from audit list)').description('one operation in full: payload sent (sensitive fields redacted), answer, replays'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((id: string, f: CommonOptions & { json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { MlcError } = await import('../../domain/errors.js');
        const { redactor } = await import('../../domain/redact-payload.js');
        const { auditJson, auditShowLines } = await import('../format/audit.js');
        if (!/^\d+$/.test(id)) throw new MlcError('usage', `expected an operation id (a number from mlc audit list), got "${id}"`);
        const ctx = AppContext.create({ config: f.config, logLevel: logLevelOf(f) });
        try {
          const row = ctx.openState(true).audit.get(Number(id));
          if (!row) throw new MlcError('usage', `no audited operation ${id}`, { hint: 'mlc audit list shows the ids' });
          const view = auditJson(row, redactor(ctx.config.audit.redact));
          if (f.json) return void o.json(view);
          for (const line of auditShowLines(view)) o.out(line);
        } finally {
          await ctx.close();
        }
      }),
    );
  return cmd;
}
