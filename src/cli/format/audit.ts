// Renderings of audit rows for `mlc audit list|show`. The audit holds payloads redacted when
// written, but reasons and answers as they came, and rows from before a pattern was added:
// everything is redacted again here, on the way out.
import type { Redactor } from '../../domain/redact-payload.js';
import type { AuditRow } from '../../store/audit.js';
import { textTable } from './table.js';

export type AuditView = Omit<AuditRow, 'payloadJson' | 'responseJson'> & { payload: unknown; response: unknown };

function parsed(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

export function auditJson(r: AuditRow, redact: Redactor): AuditView {
  const { payloadJson, responseJson, ...rest } = r;
  const scrubbed = (v: unknown): unknown => (typeof v === 'string' ? redact.text(v) : redact.payload(v));
  return { ...rest, reason: redact.maybe(r.reason), payload: scrubbed(parsed(payloadJson)), response: scrubbed(parsed(responseJson)) };
}

export function auditLines(rows: readonly AuditRow[], redact: Redactor, opts: { wide: boolean; wrapAt?: number | undefined }): string[] {
  const cells = rows.map((r) => [String(r.id), r.runId, r.flow, r.employeeId, r.label ?? '', r.kind, r.status + (r.resolvedBy ? ' (resolved)' : ''), r.createdAt, redact.text(r.reason ?? r.errorCode ?? '')]);
  return textTable(['ID', 'RUN', 'FLOW', 'EMPLOYEE', 'NAME', 'KIND', 'STATUS', 'WHEN', 'REASON'], cells, { maxWidth: 32, wide: opts.wide, wrapAt: opts.wrapAt });
}

export function auditShowLines(view: AuditView): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(view)) {
    if (v === undefined || k === 'payload' || k === 'response') continue;
    lines.push(`${k.padEnd(14)} ${v === null ? '' : String(v)}`);
  }
  lines.push(`payload        ${JSON.stringify(view.payload, null, 2).replace(/\n/g, '\n               ')}`);
  lines.push(`response       ${JSON.stringify(view.response)}`);
  return lines;
}
