// Permissioned webhooks created through the API (reference §4.2): validation, ownership, and
// turning company events into deliveries (event-based `employee.*` or legacy
// `employee_with_fields.*`, which is what a webhook gets when `events` is omitted).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from './clock.js';
import type { CompanyEvent, SimCompany } from './company.js';
import { formatSqlUtc } from './dates.js';
import { findField } from './fields.js';
import type { WebhookDispatcher } from './webhook-delivery.js';
import { eventPayload, formEncode, legacyFormShape, legacyPayload, type Plain } from './webhook-payload.js';

export const EVENT_TYPES = [
  'employee_with_fields.updated', 'employee_with_fields.created', 'employee_with_fields.deleted', 'company-integrations.updated',
  'employee.created', 'employee.updated', 'employee.deleted', 'company.updated', 'company.deleted',
] as const;
const LEGACY_DEFAULT = ['employee_with_fields.updated', 'employee_with_fields.deleted', 'employee_with_fields.created'];

export const NewWebHookSchema = z.object({
  name: z.string().min(1),
  url: z.string().min(1),
  format: z.enum(['json', 'form-encoded']),
  events: z.array(z.enum(EVENT_TYPES)).optional(),
  monitorFields: z.array(z.string()).optional(),
  postFields: z.record(z.string(), z.string()).optional(),
  includeCompanyDomain: z.boolean().optional(),
});

export interface SimWebhook {
  id: string;
  owner: string;
  name: string;
  url: string;
  format: 'json' | 'form-encoded';
  events: string[];
  monitorFields: string[] | null;
  postFields: Record<string, string>;
  includeCompanyDomain: boolean;
  privateKey: string;
  created: string;
  lastSent: string | null;
}

/** A rejected request: status plus the spec's `{"errors": …}` body. */
export class WebhookProblem extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly errors: Plain) {
    super('webhook request rejected');
  }
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export class WebhookRegistry {
  private readonly hooks = new Map<string, SimWebhook>();
  private nextId = 1;

  constructor(
    private readonly company: SimCompany,
    private readonly clock: Clock,
    private readonly dispatcher: WebhookDispatcher,
    private readonly opts: { companyDomain: string; allowHttpWebhooks: boolean | undefined },
  ) {
    company.onEvent((event) => this.dispatch(event));
  }

  /** Validates a NewWebHook body; used by create (new id + key) and update (same id + key). */
  build(owner: string, hidden: ReadonlySet<string>, body: unknown, existing?: SimWebhook): SimWebhook {
    const parsed = NewWebHookSchema.safeParse(body);
    if (!parsed.success) {
      throw new WebhookProblem(400, [{ error: 'Invalid request body', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) }]);
    }
    const input = parsed.data;
    const issues: string[] = [];
    let url: URL | undefined;
    try {
      url = new URL(input.url);
    } catch {
      issues.push('url: not a valid URL');
    }
    // BambooHR only posts to https; plain http is allowed for loopback receivers in tests.
    const httpOk = this.opts.allowHttpWebhooks ?? (url !== undefined && isLoopback(url));
    if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && httpOk)) issues.push('url: must begin with https://');
    const events = input.events && input.events.length > 0 ? input.events : LEGACY_DEFAULT;
    const legacy = events.filter((e) => e.startsWith('employee_with_fields.'));
    if (legacy.length > 0 && legacy.length !== events.length) issues.push('events: cannot mix employee_with_fields events with employee events');
    const needsMonitor = events.some((e) => e.endsWith('.updated') && e.startsWith('employee'));
    if (needsMonitor && (input.monitorFields ?? []).length === 0) issues.push('monitorFields: at least one field is required for update events');
    if (issues.length > 0) throw new WebhookProblem(400, [{ error: 'Invalid request body', issues }]);

    const monitor = input.monitorFields ?? [];
    const unknown = [...monitor, ...Object.keys(input.postFields ?? {})].filter((f) => !findField(f)?.monitor);
    const denied = monitor.filter((f) => findField(f) && hidden.has(findField(f)?.alias ?? f));
    if (unknown.length > 0 || denied.length > 0) {
      throw new WebhookProblem(403, [{
        error: 'Permission denied to the following fields',
        ...(denied.length > 0 ? { monitorFields: denied.map((f) => ({ id: String(findField(f)?.id ?? f), name: findField(f)?.name ?? f })) } : {}),
        ...(unknown.length > 0 ? { unknownFields: unknown.map((f) => ({ id: null, name: f })) } : {}),
      }]);
    }
    return {
      id: existing?.id ?? String(this.nextId++),
      owner,
      name: input.name,
      url: input.url,
      format: input.format,
      events,
      monitorFields: monitor.length > 0 ? monitor.map((f) => findField(f)?.alias ?? f) : null,
      postFields: input.postFields ?? {},
      includeCompanyDomain: input.includeCompanyDomain ?? false,
      privateKey: existing?.privateKey ?? randomBytes(16).toString('hex'),
      created: existing?.created ?? formatSqlUtc(this.clock.now()),
      lastSent: existing?.lastSent ?? null,
    };
  }

  save(hook: SimWebhook): SimWebhook {
    this.hooks.set(hook.id, hook);
    return hook;
  }

  list(owner: string): SimWebhook[] {
    return [...this.hooks.values()].filter((h) => h.owner === owner);
  }

  /** 404 when missing, 403 when another user's (spec Get Webhook). */
  get(owner: string, id: string): SimWebhook {
    const hook = this.hooks.get(id);
    if (!hook) throw new WebhookProblem(404, [{ error: `No webhook was found with ID: ${id}.` }]);
    if (hook.owner !== owner) throw new WebhookProblem(403, { error: `You do not have access to webhook ID: ${id}` });
    return hook;
  }

  remove(owner: string, id: string): void {
    this.get(owner, id);
    this.hooks.delete(id);
  }

  private dispatch(event: CompanyEvent): void {
    for (const hook of this.hooks.values()) {
      const legacy = hook.events[0]?.startsWith('employee_with_fields.') ?? false;
      const type = `${legacy ? 'employee_with_fields' : 'employee'}.${event.kind}`;
      if (!hook.events.includes(type)) continue;
      const changed = event.kind === 'updated' ? event.changedFields.filter((f) => hook.monitorFields?.includes(f)) : [];
      if (event.kind === 'updated' && changed.length === 0) continue;
      const payload = legacy ? legacyPayload(event, changed, this.postFieldValues(hook, event)) : eventPayload(event, this.company.companyId, changed);
      const form = hook.format === 'form-encoded';
      const body = form ? formEncode(legacy ? legacyFormShape(payload) : payload) : JSON.stringify(payload);
      this.dispatcher.enqueue(
        {
          id: hook.id,
          url: hook.url,
          privateKey: hook.privateKey,
          extraHeaders: hook.includeCompanyDomain ? { 'company-domain': this.opts.companyDomain } : {},
          onDelivered: () => (hook.lastSent = formatSqlUtc(this.clock.now())),
        },
        body,
        form ? 'application/x-www-form-urlencoded' : 'application/json',
      );
    }
  }

  private postFieldValues(hook: SimWebhook, event: CompanyEvent): Record<string, string> {
    const e = this.company.get(event.employeeId);
    if (!e || event.kind !== 'updated') return {};
    const view = this.company.view(e);
    const out: Record<string, string> = {};
    for (const [field, externalName] of Object.entries(hook.postFields)) out[externalName] = findField(field)?.value(view) ?? '';
    return out;
  }
}
