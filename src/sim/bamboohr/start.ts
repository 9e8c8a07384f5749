// Wires the simulator together: clock, generated company, OAuth, webhooks, faults, routes,
// HTTP server. One function so tests, `mlc sandbox` and benchmarks start it the same way.
import { authenticate } from './auth.js';
import { Clock } from './clock.js';
import { SimCompany } from './company.js';
import type { ApiContext } from './context.js';
import { controlRouter, type ControlContext } from './control.js';
import { DEFAULT_DATASET_SETTINGS, type DatasetSettings } from './dataset-query.js';
import { FaultInjector } from './faults.js';
import { generateCompany } from './generator.js';
import { OAuthServer } from './oauth.js';
import type { BambooSim, BambooSimOptions, RecordedRequest, SimApiKey, SimDatasetOptions } from './options.js';
import { apiRouter } from './routes/index.js';
import { listen } from './server.js';
import { WebhookDispatcher } from './webhook-delivery.js';
import { WebhookRegistry } from './webhooks.js';

const RESTRICTED_FIELDS = ['payRate', 'payType', 'payPer', 'payFrequency', 'compensation.rate', 'compensation.type', 'compensation.paidPer'];
const DEFAULT_RETRY_DELAYS_MS = [300_000, 600_000, 1_200_000, 2_400_000, 4_800_000];

export async function startBambooSim(opts: BambooSimOptions = {}): Promise<BambooSim> {
  const start = opts.start === undefined ? new Date() : new Date(opts.start);
  if (Number.isNaN(start.getTime())) throw new RangeError(`start must be an ISO timestamp: ${opts.start ?? ''}`);
  const clock = new Clock(start, opts.timeZone ?? 'America/Denver');
  const data = generateCompany({ seed: opts.seed ?? 1, size: opts.size ?? 200, today: clock.today(), now: start.toISOString() });
  const company = new SimCompany(data, clock, opts.bumpLastChangedOnEffectiveDate ?? false);
  const companyDomain = opts.companyDomain ?? 'acme';
  const first = data.employees[0]?.id;
  const keys: SimApiKey[] = opts.apiKeys ?? [
    { key: 'sim-full-access-key', employeeId: first },
    { key: 'sim-restricted-key', employeeId: data.employees[1]?.id, hiddenFields: RESTRICTED_FIELDS },
  ];

  let baseUrl = '';
  let latencyMs = opts.latencyMs ?? 0;
  const requests: RecordedRequest[] = [];
  const oauth = new OAuthServer(opts.oauth ?? {}, companyDomain, () => baseUrl, keys[0]?.employeeId ?? first);
  const dispatcher = new WebhookDispatcher(opts.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
  const webhooks = new WebhookRegistry(company, clock, dispatcher, { companyDomain, allowHttpWebhooks: opts.allowHttpWebhooks });
  const faults = new FaultInjector(opts.faults);
  const datasets: DatasetSettings = { ...DEFAULT_DATASET_SETTINGS };
  const setDatasets = (patch: SimDatasetOptions): void => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(datasets, { [k]: v });
  };
  setDatasets(opts.datasets ?? {});
  const controlContext: ControlContext = { company, clock, faults, setLatency: (ms) => (latencyMs = ms), requests, oauth, dispatcher, datasets, setDatasets };

  const listening = await listen(
    {
      api: apiRouter(),
      control: controlRouter(),
      controlContext,
      apiContext: (principal): ApiContext => ({ company, clock, principal, webhooks, companyDomain, datasets }),
      authenticate: (req) => authenticate(req, keys, (t) => oauth.check(t), `${companyDomain}.bamboohr.com`),
      oauth,
      faults,
      latencyMs: () => latencyMs,
      requests,
      company,
      companyDomain,
    },
    opts.host ?? '127.0.0.1',
    opts.port ?? 0,
  );
  const host = opts.host ?? '127.0.0.1';
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;

  return {
    url: baseUrl,
    port: listening.port,
    company,
    clock,
    setFaults: (f) => faults.set(f),
    setLatency: (ms) => (latencyMs = ms),
    setInvisible: (key, ids) => {
      const k = keys.find((x) => x.key === key);
      if (!k) throw new RangeError(`no API key ${key}`);
      k.invisibleEmployees = [...ids];
    },
    requests,
    oauth: {
      expireAccessTokens: () => oauth.expireAccessTokens(),
      revokeRefreshTokens: () => oauth.revokeRefreshTokens(),
      issuedRefreshTokens: () => oauth.issuedRefreshTokens(),
    },
    webhooks: { deliveries: dispatcher.deliveries, flush: () => dispatcher.flush() },
    datasets,
    setDatasets,
    async close() {
      dispatcher.close();
      await listening.close();
    },
  };
}
