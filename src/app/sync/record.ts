// Writing plan items to the audit. Outcomes that need no ERP call (unchanged, scheduled,
// parked for an unmapped value) are recorded at once; operations get a 'planned' row before
// the ERP is called, so a run killed mid-write leaves a trace the next run resolves.
import { keyMatcher, redactPayload } from '../../domain/redact-payload.js';
import type { AuditStatus } from '../../store/audit.js';
import type { State } from '../../store/state.js';
import type { Applied } from './apply.js';
import type { PlanItem } from './plan.js';

export function payloadRedactor(patterns: readonly string[]): (payload: unknown) => string {
  const sensitive = keyMatcher(patterns);
  return (payload) => JSON.stringify(redactPayload(payload, sensitive));
}

function insert(state: State, runId: string, item: PlanItem, status: AuditStatus, redact: (p: unknown) => string, createdAt: string): number {
  return state.audit.insert({
    runId, flow: item.flow, employeeId: item.employeeId, label: item.label, kind: item.kind, status,
    reason: item.reason, errorCode: item.errorCode, effectiveDate: item.effectiveDate, retro: item.retro, sourceHash: item.sourceHash,
    payloadHash: item.payloadHash, payloadJson: item.payload ? redact(item.payload) : null, erpKey: item.erpKey, replayOf: item.replayOf ?? null, createdAt,
  });
}

/** Unchanged, scheduled and parked items. Call inside a transaction. */
export function recordSettled(state: State, runId: string, items: readonly PlanItem[], redact: (p: unknown) => string, now: string): void {
  for (const item of items) {
    if (item.status === 'unchanged') {
      const id = insert(state, runId, item, 'unchanged', redact, now);
      state.audit.resolveOthers(item.flow, item.employeeId, id);
    } else if (item.status === 'scheduled') {
      if (item.effectiveDate && state.audit.scheduledSeen(item.flow, item.employeeId, item.effectiveDate, item.sourceHash)) continue;
      insert(state, runId, item, 'scheduled', redact, now);
    } else if (item.status === 'parked') {
      // The same record parked for the same reason again: count the attempt, keep one open row.
      const same = state.audit.openFor(item.flow, item.employeeId).find((r) => r.status === 'parked' && r.reason === item.reason && r.sourceHash === item.sourceHash);
      if (same) state.audit.countRetry(same.id, now);
      else state.audit.resolveOthers(item.flow, item.employeeId, insert(state, runId, item, 'parked', redact, now));
    }
  }
}

/**
 * 'planned' rows for operations about to be sent. Call inside a transaction. An operation
 * that `waits` for its supervisor's key gets its payload again before it is sent, and that
 * payload is recorded with the outcome: its row starts without one (an initial load would
 * otherwise redact and store every payload twice).
 */
export function recordPlanned(state: State, runId: string, items: readonly PlanItem[], redact: (p: unknown) => string, now: string, waits: (item: PlanItem) => boolean = () => false): Applied[] {
  return items.map((item) => ({ item, auditId: insert(state, runId, waits(item) ? { ...item, payload: null, payloadHash: null } : item, 'planned', redact, now) }));
}

/** Operations a fatal error kept from being sent: failed, open, retried by the next run. */
export function recordNotAttempted(state: State, ops: readonly Applied[], why: string, now: string): void {
  for (const { auditId } of ops) state.audit.finish(auditId, { status: 'failed', errorCode: 'not_attempted', reason: `not attempted: ${why}`, attempts: 0, startedAt: now, finishedAt: now });
}
