// The fleet digest (fleet.yaml `digest:`): one message per fleet run listing the companies
// that failed, parked records or went stale, sent only when that list changed since the last
// message, with the companies resolved since then named once (the same report-once rule as
// each company's own notify.ts). Each company's own `notify:` still works as before: its
// child process sends it. The URL is the fleet's own secret, MLC_FLEET_NOTIFY_URL.
import { hostname } from 'node:os';
import type { FleetSettings } from '../../config/fleet.js';
import { formatDuration } from '../../domain/duration.js';
import { HttpClient } from '../../http/client.js';
import { RequestCounter } from '../../http/counter.js';
import type { Logger } from '../../log/logger.js';
import { EnvBackend } from '../../secrets/env.js';
import { KeychainBackend } from '../../secrets/keychain.js';
import { SecretStore } from '../../secrets/store.js';
import { readMemory, writeMemory } from './memory.js';
import type { CompanyResult } from './outcome.js';
import { maxAgeText } from './age.js';
import { companyStatus } from './status.js';

export interface DigestProblem {
  company: string;
  fingerprint: string;
  text: string;
  isNew: boolean;
}

export interface DigestOutcome {
  kind: string;
  sent: boolean;
  problems: DigestProblem[];
  resolved: string[];
  /** Why nothing went out although something changed (no URL, the hook refused…). */
  error: string | null;
}

const FAILED = new Set(['crashed', 'internal', 'auth', 'guard', 'config', 'unreachable']);

export const DIGEST_SECRET = { connection: 'notify', name: 'url' };

/** MLC_FLEET_NOTIFY_URL or notify.url in the keychain service mlc:fleet; never a company's. */
export function digestSecrets(env: NodeJS.ProcessEnv): SecretStore {
  return new SecretStore([new EnvBackend(env, { company: 'FLEET', plain: false }), new KeychainBackend('mlc:fleet', env)], 'FLEET');
}

interface DigestInput {
  dir: string;
  settings: FleetSettings;
  results: readonly CompanyResult[];
  names: string[];
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/** A company's problem now: undefined when fine, 'unknown' when this run cannot tell. */
async function problemOf(r: CompanyResult, i: DigestInput): Promise<Omit<DigestProblem, 'isNew'> | undefined | 'unknown'> {
  const s = await companyStatus(r, { env: i.env, names: i.names, maxAgeMs: i.settings.maxAgeMs });
  const age = s.lastGoodAgeMs === null ? 'no good run yet' : `last good run ${formatDuration(s.lastGoodAgeMs)} ago`;
  if (FAILED.has(r.status)) {
    const why = (r.error ?? '').split('\n')[0];
    return { company: r.name, fingerprint: `failed:${r.status}`, text: `${r.status} (exit ${String(r.exitCode)}): ${why}${s.stale ? `; ${age}` : ''}` };
  }
  if (r.status === 'partial') return { company: r.name, fingerprint: `parked:${s.open}`, text: `${s.open} record(s) parked or failed (mlc audit list --status open --config ${r.file})` };
  if (s.stale) return { company: r.name, fingerprint: 'stale', text: `stale: ${age} (max age ${maxAgeText(i.settings.maxAgeMs)})` };
  // Locked or stopped, and not stale yet: another run is at work, or someone stopped this one.
  return r.status === 'ok' ? undefined : 'unknown';
}

export async function sendDigest(i: DigestInput): Promise<DigestOutcome> {
  const kind = i.settings.digest!.kind;
  const memory = readMemory(i.dir);
  const reported = { ...memory.reported };
  const problems: DigestProblem[] = [];
  const resolved: string[] = [];
  for (const r of i.results) {
    if (r.status === 'not started') continue;
    const p = await problemOf(r, i);
    if (p === 'unknown') continue;
    if (p) {
      problems.push({ ...p, isNew: reported[r.name] !== p.fingerprint });
      reported[r.name] = p.fingerprint;
    } else if (reported[r.name] !== undefined) {
      resolved.push(r.name);
      delete reported[r.name];
    }
  }
  const changed = problems.some((p) => p.isNew) || resolved.length > 0;
  const outcome: DigestOutcome = { kind, sent: false, problems, resolved, error: null };
  // healthchecks wants a ping every run (its "late" alarm is the missing ping); chat only on change.
  if (!changed && kind !== 'healthchecks') return outcome;
  try {
    await post(kind, i, digestText(i.dir, problems, resolved), { problems, resolved });
    writeMemory(i.dir, { version: 1, reported, reportedAt: new Date().toISOString() });
    outcome.sent = true;
  } catch (err) {
    // The digest never fails the fleet; the memory stays, so the next run tries again.
    outcome.error = err instanceof Error ? err.message : String(err);
    i.logger.warn({ err: outcome.error }, 'fleet digest not sent');
  }
  return outcome;
}

export function digestText(dir: string, problems: readonly DigestProblem[], resolved: readonly string[]): string {
  const head = problems.length
    ? `mlc fleet on ${hostname()} (${dir}): ${problems.length} ${problems.length === 1 ? 'company needs' : 'companies need'} attention`
    : `mlc fleet on ${hostname()} (${dir}): every company is fine again`;
  const lines = problems.map((p) => `• ${p.company}: ${p.text}${p.isNew ? ' [new]' : ''}`);
  return [head, ...lines, ...(resolved.length ? [`Resolved: ${resolved.join(', ')}`] : [])].join('\n');
}

async function post(kind: string, i: DigestInput, text: string, detail: { problems: DigestProblem[]; resolved: string[] }): Promise<void> {
  const url = await digestSecrets(i.env).get(DIGEST_SECRET);
  if (!url) throw new Error('fleet.yaml asks for a digest but MLC_FLEET_NOTIFY_URL is not set (nor notify.url in the keychain service mlc:fleet)');
  const http = new HttpClient({ system: 'notify', timeoutMs: 10_000, retry: { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 5000, budgetMs: 20_000 }, logger: i.logger, counter: new RequestCounter() });
  try {
    const base = url.value.replace(/\/+$/, '');
    const res =
      kind === 'healthchecks'
        ? detail.problems.length === 0
          ? await http.send({ method: 'GET', url: url.value })
          : await http.send({ method: 'POST', url: `${base}/fail`, body: text, idempotent: true })
        : await http.send({ method: 'POST', url: url.value, headers: { 'content-type': 'application/json' }, body: JSON.stringify(kind === 'json' ? { event: 'fleet_digest', text, ...detail } : { text }), idempotent: true });
    if (res.status < 200 || res.status > 299) throw new Error(`the digest URL answered HTTP ${res.status}`);
  } finally {
    await http.close();
  }
}
