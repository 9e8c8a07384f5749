// Opening an ERP session for a target, with the run's shared logger, counters and secrets.
// Adapters get an HTTP client factory that honours a customer's certificate trust (CA file or
// pinned fingerprint) and their own dispatcher where they bring one (NTLM).
import { loadAdapter } from '../../adapters/registry.js';
import type { AdapterMemory, ErpSession, TargetSettings } from '../../adapters/types.js';
import { HttpClient } from '../../http/client.js';
import { AdaptiveGate } from '../../http/gate.js';
import { trustedAgent } from '../../http/tls.js';
import type { AppContext } from '../context.js';

export async function connectTarget(ctx: AppContext, target: TargetSettings, stop: AbortSignal = ctx.stop, memory?: AdapterMemory): Promise<ErpSession> {
  const adapter = await loadAdapter(target.type);
  const gate = new AdaptiveGate(target.concurrency);
  return adapter.connect(target, {
    secrets: ctx.secrets,
    logger: ctx.logger,
    counter: ctx.counter,
    stop,
    memory,
    http: (o) => {
      const dispatcher = o.dispatcher ?? (o.tls && (o.tls.caFile || o.tls.pinSha256 || o.tls.clientCertFile) ? trustedAgent(o.system, o.tls) : undefined);
      const http = new HttpClient({ system: o.system, baseUrl: o.baseUrl, timeoutMs: o.timeoutMs, retry: o.retry, logger: ctx.logger, counter: ctx.counter, gate, stop, ...(dispatcher ? { dispatcher } : {}) });
      ctx.onClose(async () => {
        await http.close();
        // A dispatcher made here is ours to close (HttpClient closes only the one it made).
        if (dispatcher && !o.dispatcher) await dispatcher.close();
      });
      return http;
    },
  });
}
