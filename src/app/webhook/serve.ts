// `mlc webhook serve`: the receiver plus the debounced sync, until SIGTERM or SIGINT; then
// stop accepting, finish the requests in flight and the sync in progress, and exit 0.
import { MlcError } from '../../domain/errors.js';
import { AppContext, type ContextOptions } from '../context.js';
import { runSync } from '../sync/engine.js';
import { WebhookReceiver } from './receiver.js';
import { SyncTrigger } from './trigger.js';

export const WEBHOOK_KEY = { connection: 'bamboohr', name: 'webhook_key' };

export interface ServeOptions extends ContextOptions {
  /** false: only fill the inbox; cron's `mlc sync` drains it. */
  sync: boolean;
  print: (line: string) => void;
}

export async function serveWebhooks(opts: ServeOptions): Promise<void> {
  const ctx = AppContext.create({ ...opts, logLevel: opts.logLevel ?? 'info' });
  const key = await ctx.secrets.require(WEBHOOK_KEY, 'run `mlc webhook register` (it stores the key BambooHR returns), or set MLC_BAMBOOHR_WEBHOOK_KEY');
  const state = ctx.openState();
  const trigger = new SyncTrigger(
    ctx.config.webhook.debounceMs,
    async () => {
      // A fresh context per sync: the config (lookups included) is read again each time.
      const run = AppContext.create({ ...opts, logLevel: opts.logLevel ?? 'info' });
      try {
        const out = await runSync(run, { dryRun: false, full: false });
        ctx.logger.info({ runId: out.summary.runId, counts: out.summary.counts }, 'webhook-triggered sync done');
      } catch (err) {
        if (err instanceof MlcError && err.code === 'lock_held') {
          ctx.logger.info('another run holds the lock; the events wait in the inbox for it');
          return;
        }
        throw err;
      } finally {
        await run.close();
      }
    },
    ctx.logger,
  );
  const receiver = new WebhookReceiver({ settings: ctx.config.webhook, key: key.value, inbox: state.inbox, logger: ctx.logger, onAccepted: () => opts.sync && trigger.poke() });
  const url = await receiver.start();
  opts.print(`listening on ${url} (key from ${key.source}${opts.sync ? `, sync ${ctx.config.webhook.debounceMs / 1000} s after the last delivery` : ', inbox only'})`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  opts.print('stopping: finishing the requests in flight');
  await receiver.stop();
  await trigger.drain();
  await ctx.close();
}
