// `mlc webhook serve|register|list|delete`: near-real-time syncs from BambooHR's webhooks.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';
import { table } from '../format/table.js';

export function webhookCommand(): Command {
  const cmd = new Command('webhook').description('BambooHR webhooks: receive signed events, register the webhook');

  withCommon(cmd.command('serve').description('receive deliveries (verified, queued in the inbox) and sync the employees they name'))
    .addOption(new Option('--no-sync', 'only queue deliveries in the inbox; leave syncing to cron'))
    .action((opts: CommonOptions & { sync: boolean }) =>
      runCommand(
        async (o) => {
          const { serveWebhooks } = await import('../../app/webhook/serve.js');
          const { envLogLevel } = await import('../../log/levels.js');
          await serveWebhooks({ config: opts.config, logLevel: logLevelOf(opts) ?? envLogLevel(process.env), sync: opts.sync, print: (l) => o.err(l) });
          return 0;
        },
        { keepAlive: true },
      ).then(() => process.exit()),
    );

  withCommon(cmd.command('register').description("create the webhook in BambooHR and store its private key (shown only once)"))
    .addOption(new Option('--url <url>', 'https address BambooHR posts to (default: webhook.publicUrl)'))
    .addOption(new Option('--replace', 'delete an existing webhook for the same URL first'))
    .action((opts: CommonOptions & { url?: string; replace?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { registerWebhook } = await import('../../app/webhook/register.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          const r = await registerWebhook(ctx, { url: opts.url, replace: opts.replace ?? false });
          o.out(`created webhook ${r.id} → ${r.url} (events employee.created, employee.updated, employee.deleted)`);
          o.out(`monitoring: ${r.monitorFields.join(', ')}`);
          if (r.unavailable.length) o.err(`note: not monitorable for this key: ${r.unavailable.join(', ')}`);
          o.out(`private key stored in the ${r.keyStoredIn} as bamboohr.webhook_key`);
        } finally {
          await ctx.close();
        }
      }),
    );

  withCommon(cmd.command('list').description('webhooks created with these credentials'))
    .addOption(new Option('--json', 'print as JSON'))
    .action((opts: CommonOptions & { json?: boolean }) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          const { webhooks } = await (await ctx.bamboo()).listWebhooks();
          if (opts.json) return void o.json(webhooks);
          if (!webhooks.length) return void o.out('no webhooks');
          for (const line of table(['ID', 'NAME', 'URL', 'CREATED', 'LAST SENT'], webhooks.map((w) => [w.id, w.name ?? '', w.url ?? '', w.created ?? '', w.lastSent ?? '']), 80)) o.out(line);
        } finally {
          await ctx.close();
        }
      }),
    );

  withCommon(cmd.command('delete').argument('<id>', 'webhook id (mlc webhook list)').description('delete a webhook in BambooHR'))
    .action((id: string, opts: CommonOptions) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts) });
        try {
          await (await ctx.bamboo()).deleteWebhook(id);
          o.out(`deleted webhook ${id}`);
        } finally {
          await ctx.close();
        }
      }),
    );
  return cmd;
}
