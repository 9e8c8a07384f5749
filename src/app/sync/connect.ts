// Opening an ERP session for a target, with the run's shared logger, counters and secrets.
import { adapterFor } from '../../adapters/registry.js';
import type { ErpSession, TargetSettings } from '../../adapters/types.js';
import { HttpClient } from '../../http/client.js';
import { AdaptiveGate } from '../../http/gate.js';
import type { AppContext } from '../context.js';

export async function connectTarget(ctx: AppContext, target: TargetSettings): Promise<ErpSession> {
  const adapter = adapterFor(target.type);
  const gate = new AdaptiveGate(target.concurrency);
  return adapter.connect(target, {
    secrets: ctx.secrets,
    logger: ctx.logger,
    counter: ctx.counter,
    http: (o) => {
      const http = new HttpClient({ ...o, logger: ctx.logger, counter: ctx.counter, gate, stop: ctx.stop });
      ctx.onClose(() => http.close());
      return http;
    },
  });
}
