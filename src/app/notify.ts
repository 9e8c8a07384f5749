// Telling people when runs go wrong (and right again). Slack and Teams incoming webhooks get
// a message when a run fails or parks records; a problem already reported is not sent again,
// and when a later run clears it a "resolved" message follows (Celigo's digest behaviour,
// peers.md §0.9). A healthchecks-style URL gets a ping on every run, /fail on a bad one. The
// URL is a secret (notify.url). Notification trouble is logged, never fails the run.
import { hostname } from 'node:os';
import { isMlcError } from '../domain/errors.js';
import { stableHash } from '../domain/hash.js';
import { redactor } from '../domain/redact-payload.js';
import { HttpClient } from '../http/client.js';
import type { AppContext } from './context.js';
import type { RunSummary } from './sync/summary.js';

interface Last {
  problem: boolean;
  fingerprint: string | null;
}

type Event = { kind: 'problem'; text: string; fingerprint: string; summary?: RunSummary } | { kind: 'ok'; summary?: RunSummary };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isSafeUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
  } catch {
    return false;
  }
}

export async function notifyRun(ctx: AppContext, summary: RunSummary): Promise<void> {
  if (summary.status === 'ok') return send(ctx, { kind: 'ok', summary });
  const state = ctx.openState();
  const open = state.audit.list({ status: 'open', limit: 200 });
  const redact = redactor(ctx.config.audit.redact); // a chat channel is an output too
  const lines = open.slice(0, 10).map((r) => `• employee ${r.employeeId}${r.label ? ` (${r.label})` : ''} ${r.status}: ${redact.text(r.reason ?? r.errorCode ?? '')}`);
  const c = summary.counts;
  const text = [`mlc sync on ${hostname()} finished with ${c.parked} parked and ${c.failed} failed record(s) (run ${summary.runId}).`, ...lines, open.length > 10 ? `…and ${open.length - 10} more: mlc audit list --status open` : 'Details: mlc audit list --status open'].join('\n');
  await send(ctx, { kind: 'problem', text, fingerprint: stableHash(open.map((r) => [r.flow, r.employeeId, r.status, r.reason])), summary });
}

export async function notifyFailure(ctx: AppContext, err: unknown): Promise<void> {
  const message = redactor(ctx.config.audit.redact).text(err instanceof Error ? err.message : String(err));
  const code = isMlcError(err) ? err.code : 'internal';
  if (code === 'lock_held') return; // another run is at work: nothing is wrong
  if (code === 'interrupted') return; // someone (or the host) stopped it on purpose; --max-age catches a run that never finishes
  await send(ctx, { kind: 'problem', text: `mlc sync on ${hostname()} failed (${code}): ${message}`, fingerprint: stableHash([code, message]) });
}

async function send(ctx: AppContext, ev: Event): Promise<void> {
  const kind = ctx.config.notify?.kind;
  if (!kind) return;
  const log = ctx.logger;
  try {
    const url = await ctx.secrets.get({ connection: 'notify', name: 'url' });
    if (!url) return void log.warn('notify is configured but the secret notify.url is not set (mlc auth set notify url, or MLC_NOTIFY_URL)');
    // A webhook URL is a credential and the message names people: never over plain http to
    // another host (issue 8 §6); loopback (a local relay) is fine.
    if (!isSafeUrl(url.value)) return void log.warn('notification not sent: notify.url must be https (plain http only to this machine)');
    const state = ctx.openState();
    const last = JSON.parse(state.kv.get('notify.last') ?? '{"problem":false,"fingerprint":null}') as Last;
    const http = new HttpClient({ system: 'notify', timeoutMs: 10_000, retry: { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 5000, budgetMs: 20_000 }, logger: log, counter: ctx.counter });
    ctx.onClose(() => http.close());
    const post = (body: unknown) => http.send({ method: 'POST', url: url.value, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), idempotent: true });
    if (kind === 'healthchecks') {
      // Every run pings: success to the URL, problems to URL/fail with the text as the body.
      if (ev.kind === 'ok') await http.send({ method: 'GET', url: url.value });
      else await http.send({ method: 'POST', url: `${url.value.replace(/\/+$/, '')}/fail`, body: ev.text, idempotent: true });
    } else if (ev.kind === 'problem' && ev.fingerprint !== last.fingerprint) {
      await post(kind === 'json' ? { event: 'problem', text: ev.text, summary: ev.summary ?? null } : { text: ev.text });
    } else if (ev.kind === 'ok' && last.problem) {
      const text = `mlc sync on ${hostname()}: resolved; run ${ev.summary?.runId ?? ''} finished cleanly.`;
      await post(kind === 'json' ? { event: 'resolved', text, summary: ev.summary ?? null } : { text });
    }
    state.kv.put('notify.last', JSON.stringify({ problem: ev.kind === 'problem', fingerprint: ev.kind === 'problem' ? ev.fingerprint : null }), new Date().toISOString());
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'notification not sent');
  }
}
