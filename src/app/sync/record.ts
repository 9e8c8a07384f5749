// Writing plan items to the audit, links and owed references. Outcomes that need no ERP call
// (unchanged, scheduled, skipped, parked for an unmapped value) are recorded at once;
// operations get a 'planned' row before the ERP is called, so a run killed mid-write leaves
// a trace the next run resolves. Call everything here inside a transaction.
import type { OpOutcome } from '../../adapters/types.js';
import type { MlcError } from '../../domain/errors.js';
import { keyMatcher, redactedJson } from '../../domain/redact-payload.js';
import type { AuditStatus } from '../../store/audit.js';
import type { State } from '../../store/state.js';
import type { Applied } from './apply.js';
import type { PlanItem } from './plan.js';

export function payloadRedactor(patterns: readonly string[]): (payload: unknown) => string {
  const sensitive = keyMatcher(patterns);
  return (payload) => redactedJson(payload, sensitive);
}

function insert(state: State, runId: string, item: PlanItem, status: AuditStatus, redact: (p: unknown) => string, createdAt: string): number {
  return state.audit.insert({
    runId, flow: item.flow, family: item.family, employeeId: item.employeeId, label: item.label, kind: item.kind, status,
    reason: item.reason, errorCode: item.errorCode, effectiveDate: item.effectiveDate, retro: item.retro, sourceHash: item.sourceHash,
    payloadHash: item.payloadHash, payloadJson: item.payload ? redact(item.payload) : null, erpKey: item.erpKey, replayOf: item.replayOf ?? null, createdAt,
  });
}

const resolveOthers = (state: State, item: PlanItem, id: number) => state.audit.resolveOthers(item.flow, item.employeeId, id, item.family);

/** Unchanged, scheduled, skipped, parked and failed-before-sending items. */
export function recordSettled(state: State, runId: string, items: readonly PlanItem[], redact: (p: unknown) => string, now: string): void {
  for (const item of items) {
    if (item.status === 'unchanged') resolveOthers(state, item, insert(state, runId, item, 'unchanged', redact, now));
    else if (item.status === 'scheduled') {
      if (item.effectiveDate && state.audit.scheduledSeen(item.flow, item.employeeId, item.effectiveDate, item.sourceHash)) continue;
      insert(state, runId, item, 'scheduled', redact, now);
    } else if (item.status === 'skipped') {
      // Nothing to do for this record any more (terminated, filtered out, deleted): what was
      // open for it is closed, with the reason (issue 8 §3), and it owes nothing. No row when
      // nothing was open.
      if (state.audit.openFor(item.flow, item.employeeId, item.family).length > 0) resolveOthers(state, item, insert(state, runId, item, 'skipped', redact, now));
      state.owed.pay(item.flow, item.family, item.employeeId);
    } else if (item.status === 'parked' || item.status === 'failed') {
      // The same record refused for the same reason again: count the attempt, keep one open row.
      const same = state.audit.openFor(item.flow, item.employeeId, item.family).find((r) => r.status === item.status && r.reason === item.reason && r.sourceHash === item.sourceHash);
      if (same) state.audit.countRetry(same.id, now);
      else resolveOthers(state, item, insert(state, runId, item, item.status, redact, now));
    }
  }
}

/**
 * 'planned' rows for operations about to be sent. An operation that waits for another
 * record's key gets its payload again before it is sent, and that payload is recorded with
 * the outcome: its row starts without one (an initial load would otherwise redact and store
 * every payload twice).
 */
export function recordPlanned(state: State, runId: string, items: readonly PlanItem[], redact: (p: unknown) => string, now: string): Applied[] {
  return items.map((item) => ({ item, auditId: insert(state, runId, item.waitsFor.length > 0 ? { ...item, payload: null, payloadHash: null } : item, 'planned', redact, now) }));
}

/** Operations a fatal error kept from being sent: failed, open, retried by the next run. */
export function recordNotAttempted(state: State, ops: readonly Applied[], why: string, now: string): void {
  for (const { auditId } of ops) state.audit.finish(auditId, { status: 'failed', errorCode: 'not_attempted', reason: `not attempted: ${why}`, attempts: 0, startedAt: now, finishedAt: now });
}

type Sent = Extract<OpOutcome, { ok: true }> & { startedAt: string; finishedAt: string; payloadJson?: string | null; payloadHash?: string | null };

/** A write the ERP took: audit outcome, link, earlier open rows closed, owed links settled. */
export function recordApplied(state: State, runId: string, item: PlanItem, auditId: number, o: Sent): void {
  state.audit.finish(auditId, { status: 'applied', attempts: o.attempts ?? 1, startedAt: o.startedAt, finishedAt: o.finishedAt, responseJson: JSON.stringify(o.response), erpKey: o.erpKey, payloadJson: o.payloadJson ?? null, payloadHash: o.payloadHash ?? null });
  state.links.put({
    flow: item.flow, family: item.family, employeeId: item.employeeId, erpKey: o.erpKey, payloadHash: item.payloadHash, sourceHash: item.sourceHash,
    erpState: item.kind === 'deactivate' ? 'inactive' : 'active', appliedAt: o.finishedAt,
  });
  resolveOthers(state, item, auditId);
  recordOwed(state, runId, item, o.finishedAt);
}

/**
 * What the written record still lacks: each optional need it was sent without is owed until
 * the record it points at has an ERP key (issue 8 §1). A deactivated record owes nothing.
 */
export function recordOwed(state: State, runId: string, item: PlanItem, at: string): void {
  state.owed.pay(item.flow, item.family, item.employeeId);
  if (item.kind === 'deactivate') return;
  for (const n of item.needs) {
    if (!n.required && (item.linked[n.slot] ?? null) === null) state.owed.owe({ flow: item.flow, family: item.family, sourceKey: item.employeeId, slot: n.slot, on: n.on, sinceRun: runId, sinceAt: at });
  }
}

export interface Refusal {
  status: 'parked' | 'failed';
  error: MlcError;
  attempts: number;
  startedAt: string;
  finishedAt: string;
  /** A record-level refusal supersedes earlier open rows; an outage leaves them be. */
  resolve: boolean;
  payloadJson?: string | null;
  payloadHash?: string | null;
}

export function recordRefused(state: State, item: PlanItem, auditId: number, r: Refusal): void {
  state.audit.finish(auditId, { status: r.status, errorCode: r.error.code, reason: r.error.message, attempts: r.attempts, startedAt: r.startedAt, finishedAt: r.finishedAt, payloadJson: r.payloadJson ?? null, payloadHash: r.payloadHash ?? null });
  if (r.resolve) resolveOthers(state, item, auditId);
}
