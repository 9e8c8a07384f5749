// `mlc audit list|show`: what happened to whom, and why.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { runCommand, type CommonOptions } from '../run.js';
import { table } from '../format/table.js';

const STATUSES = ['open', 'planned', 'applied', 'unchanged', 'scheduled', 'parked', 'failed'];

interface ListFlags extends CommonOptions {
  status?: string;
  employee?: string;
  run?: string;
  flow?: string;
  limit: string;
  json?: boolean;
}

export function auditCommand(): Command {
  const cmd = new Command('audit').description('the audit trail: every operation, its outcome and why');
  withCommon(cmd.command('list').description('list audited operations, newest first'))
    .addOption(new Option('--status <status>', 'only this status (open = parked or failed, not yet resolved)').choices(STATUSES))
    .addOption(new Option('--employee <id>', 'only this BambooHR employee id'))
    .addOption(new Option('--run <id>', 'only this run'))
    .addOption(new Option('--flow <name>', 'only this flow'))
    .addOption(new Option('--limit <n>', 'at most this many rows').default('100'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((f: ListFlags) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const ctx = AppContext.create({ config: f.config });
        try {
          const rows = ctx.openState(true).audit.list({ status: f.status as never, employeeId: f.employee, runId: f.run, flow: f.flow, limit: Number(f.limit) });
          if (f.json) return void o.json(rows.map((r) => ({ ...r, payload: r.payloadJson ? JSON.parse(r.payloadJson) : null, payloadJson: undefined, response: r.responseJson ? JSON.parse(r.responseJson) : null, responseJson: undefined })));
          if (rows.length === 0) return void o.out('no matching operations');
          const out = rows.map((r) => [String(r.id), r.runId, r.flow, r.employeeId, r.label ?? '', r.kind, r.status + (r.resolvedBy ? ' (resolved)' : ''), r.reason ?? r.errorCode ?? '', r.createdAt]);
          for (const line of table(['ID', 'RUN', 'FLOW', 'EMPLOYEE', 'NAME', 'KIND', 'STATUS', 'REASON', 'WHEN'], out, 70)) o.out(line);
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
        const ctx = AppContext.create({ config: f.config });
        try {
          const row = ctx.openState(true).audit.get(Number(id));
          if (!row || !/^\d+$/.test(id)) throw new MlcError('usage', `no audited operation ${id}`);
          const view = { ...row, payload: row.payloadJson ? JSON.parse(row.payloadJson) : null, response: row.responseJson ? JSON.parse(row.responseJson) : null, payloadJson: undefined, responseJson: undefined };
          if (f.json) return void o.json(view);
          for (const [k, v] of Object.entries(view)) {
            if (v === undefined || k === 'payload' || k === 'response') continue;
            o.out(`${k.padEnd(14)} ${v === null ? '' : String(v)}`);
          }
          o.out(`payload        ${JSON.stringify(view.payload, null, 2).replace(/\n/g, '\n               ')}`);
          o.out(`response       ${JSON.stringify(view.response)}`);
        } finally {
          await ctx.close();
        }
      }),
    );
  return cmd;
}
