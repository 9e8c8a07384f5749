// `mlc webhook register|list|delete`. Registration creates an event-based webhook (the
// recommended family; reference §4.1) that monitors the fields the flows depend on, and
// stores the private key at once: BambooHR shows it only in the creation answer. If it cannot
// be stored, the new webhook is deleted again rather than left sending unverifiable events.
import { isMlcError, MlcError } from '../../domain/errors.js';
import { registerSecret } from '../../log/redact.js';
import { CORE_FIELDS } from '../../source/bamboohr/fields.js';
import type { AppContext } from '../context.js';
import { WEBHOOK_KEY } from './serve.js';

const EVENTS = ['employee.created', 'employee.updated', 'employee.deleted'];
// BambooHR aliases of mlc's source names where they differ (reference §2.6).
const ALIAS: Record<string, string> = { employmentStatus: 'employmentHistoryStatus', supervisorEId: 'reportsTo' };

/** Fields whose change matters to the flows, as BambooHR monitor-field aliases. */
export function monitoredFields(ctx: AppContext): string[] {
  const wanted = new Set<string>(CORE_FIELDS.filter((f) => f !== 'lastChanged' && f !== 'employeeNumber'));
  for (const f of ctx.config.flows) {
    for (const k of Object.keys(f.filter)) wanted.add(k);
    for (const v of Object.values(f.fields)) wanted.add(v);
    for (const r of Object.values(f.references)) if (r.kind === 'lookup') wanted.add(r.from);
  }
  if (ctx.config.bamboohr.tables.includes('compensation')) ['payRate', 'payType', 'payPer'].forEach((f) => wanted.add(f));
  wanted.delete('id');
  return [...new Set([...wanted].map((f) => ALIAS[f] ?? f))].sort();
}

/**
 * BambooHR answering 400/422 to the creation refused what we asked for (an http URL, a bad
 * field): the command line or the config must change, so a usage error with BambooHR's own
 * words, not "unreachable" (exit 3 would tell cron to try again later).
 */
function refusal(err: unknown, url: string): unknown {
  const status = isMlcError(err) ? err.details?.status : undefined;
  if (!isMlcError(err) || err.code !== 'http_status' || (status !== 400 && status !== 422)) return err;
  const https = !url.startsWith('https://');
  return new MlcError('usage', `BambooHR refused the webhook for ${url}: ${err.message.replace(/^BambooHR POST \/api\/v1\/webhooks: HTTP \d+ ?/, '')}`, {
    hint: https ? 'BambooHR delivers only to https: put a TLS reverse proxy in front of `mlc webhook serve` and pass its https address (README, Webhooks)' : 'fix what BambooHR names, then register again',
    cause: err,
  });
}

export interface Registered {
  id: string;
  url: string;
  monitorFields: string[];
  unavailable: string[];
  keyStoredIn: string;
}

export async function registerWebhook(ctx: AppContext, opts: { url?: string | undefined; replace: boolean }): Promise<Registered> {
  const url = opts.url ?? ctx.config.webhook.publicUrl;
  if (!url) throw new MlcError('usage', 'no URL: pass --url or set webhook.publicUrl (the https address of your reverse proxy)');
  const client = await ctx.bamboo();
  const existing = (await client.listWebhooks()).webhooks.filter((w) => w.url === url);
  if (existing.length > 0 && !opts.replace) {
    throw new MlcError('usage', `a webhook for ${url} already exists (id ${existing.map((w) => w.id).join(', ')}); pass --replace to delete and recreate it`);
  }
  const available = new Set((await client.monitorFields()).fields.map((f) => f.alias).filter((a): a is string => !!a));
  const wanted = monitoredFields(ctx);
  const monitorFields = wanted.filter((f) => available.has(f));
  const created = await client.createWebhook({ name: ctx.config.webhook.name, url, format: 'json', events: EVENTS, monitorFields, includeCompanyDomain: false }).catch((err: unknown) => {
    throw refusal(err, url);
  });
  registerSecret(created.privateKey);
  let where: string;
  try {
    where = await ctx.secrets.set(WEBHOOK_KEY, created.privateKey);
  } catch (err) {
    await client.deleteWebhook(created.id).catch(() => undefined);
    throw new MlcError('secret_store_unavailable', `the webhook's private key could not be stored (${(err as Error).message}); the webhook was deleted again`, {
      hint: 'configure secrets.file or run where the keychain is reachable, then register again',
    });
  }
  for (const old of existing) await client.deleteWebhook(old.id);
  return { id: created.id, url, monitorFields, unavailable: wanted.filter((f) => !available.has(f)), keyStoredIn: where };
}
