// The configuration file as the user writes it. Pure validation, no transforms: normalize.ts
// turns it into the runtime Config. Every object is strict (an unknown key is an error, so a
// typo never silently disables a setting) and every field carries a description, so the JSON
// Schema printed by `mlc config schema` documents and completes mlc.yaml in editors.
import { z } from 'zod';
import { TargetConfig } from '../adapters/registry.js';
import { Duration, isTimeZone, Name, Retry } from './common.js';
import { Flows } from './flows.js';
import { LOG_LEVELS } from '../log/levels.js';

export const BambooHrTable = z.enum(['jobInfo', 'employmentStatus', 'compensation']);

const OAuth = z
  .strictObject({
    clientId: z.string().min(1).describe('OAuth client id from the BambooHR developer portal (not secret).'),
    redirectUri: z
      .url()
      .default('http://127.0.0.1:8765/callback')
      .describe('Redirect URI registered for the app; mlc listens on its port during `mlc auth login bamboohr`.'),
    scopes: z
      .array(z.string().min(1))
      .default(['offline_access', 'public.integration', 'employee', 'employee:job', 'employee:compensation', 'report', 'field', 'webhooks'])
      .describe('Scopes requested at login; offline_access is needed for a refresh token.'),
  })
  .describe('OAuth 2.0 authorization code settings (auth: oauth).');

export const BambooHrConfig = z
  .strictObject({
    companyDomain: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'expected the subdomain only, e.g. "acme" for acme.bamboohr.com')
      .describe('Company subdomain: "acme" for https://acme.bamboohr.com.'),
    baseUrl: z.url().optional().describe('Overrides https://<companyDomain>.bamboohr.com (sandbox, proxy, tests).'),
    auth: z.enum(['apiKey', 'oauth']).default('apiKey').describe('apiKey: HTTP Basic with secret api_key. oauth: authorization code.'),
    oauth: OAuth.optional(),
    tables: z.array(BambooHrTable).default(['jobInfo', 'employmentStatus', 'compensation']).describe('Effective-dated tables to read.'),
    fields: z.array(z.string().min(1)).default([]).describe('Extra employee fields to read besides the ones mlc needs.'),
    allowMissingFields: z
      .union([z.boolean(), z.array(z.string().min(1))])
      .default(false)
      .describe('Fields allowed to be absent from answers (BambooHR drops fields the key cannot read). false: any missing field stops the run with exit 6.'),
    changedOverlap: Duration.default('5m').describe('How far before the cursor each incremental read starts.'),
    perEmployeeMax: z.int().min(0).max(50).default(1).describe('Read up to this many changed employees one by one; more use the bulk read.'),
    bulkRead: z
      .enum(['auto', 'datasets', 'report'])
      .default('auto')
      .describe(
        'How many employees are read at once. datasets: POST /api/v2/datasets/employee/data, paged. report: the deprecated custom report. ' +
          'auto: datasets, and the custom report from the first time BambooHR refuses datasets (403/404/422), remembered in the state.',
      ),
    timeout: Duration.default('30s').describe('Per-request timeout.'),
    maxResponseBytes: z.int().min(1024).default(536_870_912).describe('Largest answer accepted; a larger one is refused, not buffered.'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '2m', budget: '5m' }),
  })
  .describe('BambooHR, the source.');

const State = z
  .strictObject({
    path: z.string().min(1).default('./mlc.db').describe('SQLite state file, relative to this config file. Holds personal data: mode 0600.'),
    busyTimeout: Duration.default('10s').describe('How long to wait for a SQLite write lock.'),
    lockStaleAfter: Duration.default('15m').describe('A run lock whose heartbeat is older than this is taken over.'),
  })
  .describe('Local state: cursors, dated rows, links, audit, lock.');

const Secrets = z
  .strictObject({
    keychainService: z.string().min(1).optional().describe('Keychain service name; default "mlc:<companyDomain>".'),
    file: z.string().min(1).optional().describe('Owner-only (0600) JSON file for headless hosts; wins over the keychain.'),
  })
  .describe('Where secrets live besides MLC_<CONNECTION>_<SECRET> environment variables (which always win).');

const Logging = z
  .strictObject({
    level: z.enum(LOG_LEVELS).default('warn').describe('Log level (--log-level and MLC_LOG_LEVEL override it).'),
    file: z.string().min(1).optional().describe('Log file (JSON lines); default stderr.'),
    format: z.enum(['json', 'pretty']).optional().describe('Default: pretty on a terminal, JSON otherwise.'),
  })
  .describe('Logs (pino), never written to stdout.');

/** Payload keys masked in audit rows (any depth, case-insensitive; `*` matches any run of characters). */
export const DEFAULT_REDACT = ['payRate', 'rate', 'salary', 'pay*', 'compensation*', 'birthDate', 'dateOfBirth', 'homeEmail', 'personalEmail', 'ssn', 'nationalId*', 'socialSecurityNumber'];

const Audit = z
  .strictObject({
    redact: z.array(z.string().min(1)).default(DEFAULT_REDACT).describe('Payload keys masked in audit rows (pay, personal e-mail, birth date…).'),
  })
  .describe('The audit trail in the state database.');

const Notify = z
  .strictObject({
    kind: z
      .enum(['slack', 'teams', 'healthchecks', 'json'])
      .describe('slack/teams: incoming webhook messages on failures, parked records and resolutions; healthchecks: a ping on success and /fail on failure; json: the run summary as JSON. The URL is the secret notify.url (MLC_NOTIFY_URL).'),
  })
  .describe('Where run outcomes are reported.');

const Webhook = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1').describe('Address `mlc webhook serve` listens on; loopback behind a TLS reverse proxy is the usual setup.'),
    port: z.int().min(1).max(65535).default(8787).describe('Port `mlc webhook serve` listens on.'),
    path: z.string().regex(/^\/[^\s?#]*$/, 'expected a path such as /bamboohr/webhook').default('/bamboohr/webhook').describe('Path BambooHR posts to.'),
    publicUrl: z.url().optional().describe('The https address BambooHR reaches (your reverse proxy); used by `mlc webhook register`.'),
    tls: z
      .strictObject({ cert: z.string().min(1), key: z.string().min(1) })
      .optional()
      .describe('Serve TLS directly with this certificate and key (PEM files, relative to this file).'),
    maxBodyBytes: z.int().min(1024).max(10_485_760).default(262_144).describe('Larger deliveries are refused with 413.'),
    timestampTolerance: Duration.default('5m').describe('Deliveries whose X-BambooHR-Timestamp is further from now are refused; 0s turns the check off.'),
    debounce: Duration.default('5s').describe('How long to gather deliveries before the sync they trigger.'),
    name: z.string().min(1).default('mlc').describe('Name given to the webhook at registration.'),
  })
  .describe('BambooHR webhooks: `mlc webhook serve` and `mlc webhook register`. Secret: bamboohr.webhook_key.');

const Report = z
  .strictObject({
    names: z.boolean().default(true).describe("Show employees' names in `mlc report` (false: BambooHR ids only, for a page that travels further)."),
  })
  .describe('`mlc report`: the HTML status page. It never shows pay, personal e-mail or birth dates.');

export const WrittenConfig = z
  .strictObject({
    version: z.literal(1).default(1).describe('Configuration format version.'),
    timezone: z
      .string()
      .min(1)
      .refine(isTimeZone, { message: 'unknown time zone; use an IANA name such as America/Denver or Europe/London' })
      .describe('IANA time zone of the company, e.g. America/Denver: "today" for effective dates.'),
    state: State.default({ path: './mlc.db', busyTimeout: '10s', lockStaleAfter: '15m' }),
    secrets: Secrets.default({}),
    logging: Logging.default({ level: 'warn' }),
    bamboohr: BambooHrConfig,
    targets: z.record(Name, TargetConfig).default({}).describe('ERP connections, by name; the name prefixes their secrets (MLC_<NAME>_<SECRET>).'),
    flows: Flows,
    audit: Audit.default({ redact: DEFAULT_REDACT }),
    notify: Notify.optional(),
    webhook: Webhook.optional(),
    report: Report.default({ names: true }),
  })
  .describe('mlc configuration (https://github.com/ml-connector/mlc).');

export type WrittenConfig = z.infer<typeof WrittenConfig>;
export type BambooHrTable = z.infer<typeof BambooHrTable>;
