// The agent's answers classified into mlc's codes (agent README "Errors"): 401 is a refused
// credential (exit 4); 503 boi_unavailable is an outage the HTTP layer retried (exit 3);
// a refused setup (502), a missing right (403) or an answer to a request mlc should never
// have sent stop the run too, with the agent's words. Per record: `rejected` parks it with
// Sage's LastErrorMsg, `busy` beyond the budget fails it (left open, the next run retries).
import { MlcError } from '../../domain/errors.js';
import type { HttpResponse } from '../../http/client.js';
import { peerFingerprint } from '../../http/tls.js';
import { scrub } from '../../log/redact.js';
import type { WriteResult } from './schemas.js';

const HINTS: Record<string, string> = {
  unauthorized: 'check the api_key secret (mlc auth set <target> api_key; the agent prints a new one with `mlc-sage100-agent gen-key`) or the client certificate',
  object_not_writable: "add the object to boi.writableObjects in the agent's agent.yaml",
  boi_setup_failed: "the agent's Sage user, company or task rights: see the agent's log and its README (Installing on the Sage server)",
  unsupported_protocol_version: 'install an agent of the same release as mlc',
  payload_too_large: 'lower batchSize of the target',
};

function agentErrorBody(res: Pick<HttpResponse, 'text'>): { code: string; message: string } | undefined {
  try {
    const doc = JSON.parse(res.text()) as { error?: { code?: unknown; message?: unknown } };
    if (doc.error && typeof doc.error.code === 'string') return { code: doc.error.code, message: typeof doc.error.message === 'string' ? doc.error.message : '' };
  } catch {
    // not the agent's JSON: a proxy, or not the agent at all
  }
  return undefined;
}

export function agentError(system: string, res: HttpResponse, what: string): MlcError {
  const body = agentErrorBody(res);
  const words = body ? `${body.code}: ${body.message}` : `HTTP ${res.status}${res.text() ? ` ${res.text().slice(0, 120)}` : ''}`;
  const text = scrub(`${system}: ${what}: ${words}`);
  const hint = body ? HINTS[body.code] : undefined;
  const details = { status: res.status, code: body?.code ?? null };
  if (res.status === 401 || (res.status === 403 && body?.code !== 'object_not_writable')) return new MlcError('auth_refused', `${system}: the Sage 100 agent refused the credentials (${words})`, { hint: HINTS.unauthorized, details });
  // The agent sends no 429; a proxy in front of it may.
  if (res.status === 429) return new MlcError('rate_limited', `${text} (still refused after ${res.attempts} attempts)`, { retryable: true, details });
  if (res.status === 503 || (res.status === 502 && body?.code !== 'boi_setup_failed')) {
    return new MlcError('unreachable', `${text} (still unavailable after ${res.attempts} attempts)`, { retryable: true, details, ...(hint ? { hint } : {}) });
  }
  if (!body) return new MlcError('bad_response', `${text}: not an answer of the mlc Sage 100 agent`, { details });
  return new MlcError('http_status', text, { details, ...(hint ? { hint } : {}) });
}

/** Node's codes for a certificate it does not trust (self-signed, unknown CA, wrong name, expired). */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED',
]);

function causeCode(err: MlcError): string | undefined {
  const cause = err.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = cause?.code ?? cause?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * An agent certificate mlc does not trust (first setup: nothing pinned yet) is an
 * authentication problem, not an outage: exit 4 with the fingerprint the agent presents, so
 * the user can compare it with the one the agent printed and pin it.
 */
export async function untrustedCertificate(system: string, baseUrl: string, err: unknown): Promise<MlcError | undefined> {
  if (!(err instanceof MlcError) || err.code !== 'unreachable') return undefined;
  const code = causeCode(err);
  if (!code || !CERT_CODES.has(code)) return undefined;
  const seen = (await peerFingerprint(baseUrl)) ?? '(could not be read)';
  return new MlcError('auth_refused', `${system}: the agent's certificate is not trusted (${code}); it presents SHA-256 fingerprint ${seen}`, {
    hint: `compare it with the fingerprint \`mlc-sage100-agent fingerprint\` prints on the Sage server; if they are equal, set targets.${system}.tls.pinSha256: ${seen}`,
    cause: err,
  });
}

export function describeKey(r: Pick<WriteResult, 'object' | 'key'>): string {
  return `${r.object} ${Object.values(r.key).join(' ')}`;
}

/** Sage refused the record: its LastErrorMsg, and where the BOI said no. */
export function rejection(r: WriteResult): MlcError {
  const at = r.failedAt ? ` (at ${r.failedAt.call}${r.failedAt.field ? ` ${r.failedAt.field}` : ''})` : '';
  return new MlcError('record_rejected', `Sage 100 refused ${describeKey(r)}: ${r.lastErrorMsg || 'no message'}${at}`, { details: { outcome: r.outcome, failedAt: r.failedAt ?? null } });
}

export function stillBusy(r: WriteResult, attempts: number, ms: number): MlcError {
  return new MlcError('record_failed', `${describeKey(r)} is busy in Sage 100 (another user has it open: ${r.lastErrorMsg || 'record busy'}); still busy after ${attempts} attempts over ${(ms / 1000).toFixed(1)} s: the next run tries again`, {
    retryable: true,
    details: { outcome: 'busy', attempts },
  });
}
