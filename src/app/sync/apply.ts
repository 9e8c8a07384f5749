// Applying planned operations: bounded concurrency per the target's limit, and each outcome
// (audit row + link) recorded in short batched transactions, never across an await. A
// rejection parks the record with the ERP's words, a per-record failure leaves it open for
// the next run; auth, reachability and throttling failures stop the run (fatal).
import type { ErpSession } from '../../adapters/types.js';
import { isMlcError, MlcError } from '../../domain/errors.js';
import type { Logger } from '../../log/logger.js';
import { scrub } from '../../log/redact.js';
import type { State } from '../../store/state.js';
import type { PlanItem } from './plan.js';
import { failpoint } from '../../domain/failpoints.js';
import { interruptedError } from '../../domain/stop.js';
import { collectGarbage } from '../../domain/memory.js';
import { OutcomeWriter } from './outcomes.js';
import { runPool } from './pool.js';

export interface Applied {
  item: PlanItem;
  auditId: number;
}

/**
 * An operation to send (its 'planned' audit row already written). One created in the same run
 * as the supervisor it names waits for that supervisor's ERP key (`dependsOn`), then gets its
 * payload again: no wave barrier, so the ERP never idles while reports wait for managers.
 */
export interface Pending {
  item: PlanItem;
  auditId: number;
  dependsOn?: string | undefined;
}

export interface ApplyDeps {
  state: State;
  session: ErpSession;
  logger: Logger;
  now: () => string;
  /** Runs inside the transaction that records the last outcome (the cursor commit). */
  commitLast?: (() => void) | undefined;
  /** Awaited before that transaction. */
  beforeCommit?: (() => Promise<void>) | undefined;
  /** Plans a waiting operation again with its supervisor's key; the item to send, or nothing left to send. */
  resolve?: ((item: PlanItem, auditId: number, supervisorKey: string | null) => Promise<PlanItem | undefined>) | undefined;
  /** Redacted JSON of a payload, for the audit. */
  redact?: ((payload: unknown) => string) | undefined;
  onDone?: (() => void) | undefined;
  /** Asked to stop: start nothing more, let what is in flight finish and record it. */
  stop?: AbortSignal | undefined;
}

export interface ApplyTally {
  applied: PlanItem[];
  parked: PlanItem[];
  failed: PlanItem[];
  fatal: MlcError | undefined;
  notAttempted: Applied[];
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export async function applyItems(ops: readonly Pending[], deps: ApplyDeps): Promise<ApplyTally> {
  const { state, session, logger } = deps;
  const tally: ApplyTally = { applied: [], parked: [], failed: [], fatal: undefined, notAttempted: [] };
  const writer = new OutcomeWriter(state);
  // ERP key of each employee of this batch once written (null: not written).
  const keys = new Map(ops.map((o) => [o.item.employeeId, deferred<string | null>()]));
  const sent = new Set<Pending>();
  let done = 0;
  const onStop = () => {
    tally.fatal ??= interruptedError(deps.stop!);
    logger.warn({ inFlight: Math.max(0, sent.size - done) }, 'stopping: no new writes; finishing the ones in flight');
  };
  if (deps.stop?.aborted) onStop();
  else deps.stop?.addEventListener('abort', onStop, { once: true });
  try {
    await runPool(
      ops,
      session.concurrency,
      async (op) => {
        let { item } = op;
        try {
          if (op.dependsOn !== undefined) {
            const key = await keys.get(op.dependsOn)?.promise;
            if (tally.fatal) return;
            const ready = await deps.resolve?.(item, op.auditId, key ?? null);
            sent.add(op);
            if (!ready) return;
            item = ready;
          }
          sent.add(op);
          await applyOne(item, op.auditId, op.dependsOn !== undefined);
        } finally {
          keys.get(op.item.employeeId)?.resolve(null); // no-op once resolved with a key
          deps.onDone?.();
          if (++done % 5000 === 0) collectGarbage();
        }
      },
      () => tally.fatal !== undefined,
    );
  } finally {
    deps.stop?.removeEventListener('abort', onStop);
    for (const k of keys.values()) k.resolve(null);
    // The cursor moves in the transaction of the last outcome, and only after a clean run.
    if (!tally.fatal && deps.commitLast) await deps.beforeCommit?.();
    writer.flush(tally.fatal ? undefined : deps.commitLast);
  }
  tally.notAttempted = ops.filter((o) => !sent.has(o)).map((o) => ({ item: o.item, auditId: o.auditId }));
  return tally;

  async function applyOne(item: PlanItem, auditId: number, remapped: boolean): Promise<void> {
    // A remapped payload (its supervisor added) replaces the one the planned row recorded.
    const sentPayload = remapped && item.payload && deps.redact ? { payloadJson: deps.redact(item.payload), payloadHash: item.payloadHash } : {};
    const startedAt = deps.now();
    try {
      const res = await session.apply({ kind: item.kind as Exclude<PlanItem['kind'], 'none'>, employeeId: item.employeeId, key: item.key, erpKey: item.erpKey, payload: item.payload ?? {} });
      const finishedAt = deps.now();
      failpoint('erp-written');
      keys.get(item.employeeId)?.resolve(res.erpKey);
      writer.add(() => {
        state.audit.finish(auditId, { status: 'applied', attempts: res.attempts ?? 1, startedAt, finishedAt, responseJson: JSON.stringify(res.response), erpKey: res.erpKey, ...sentPayload });
        state.links.put({
          flow: item.flow, employeeId: item.employeeId, erpKey: res.erpKey, payloadHash: item.payloadHash, sourceHash: item.sourceHash,
          erpState: item.kind === 'deactivate' ? 'inactive' : 'active', appliedAt: finishedAt,
        });
        state.audit.resolveOthers(item.flow, item.employeeId, auditId);
      });
      tally.applied.push(item);
      // Sent and recorded (redacted) in the audit: the payload is not needed any more, and
      // 50,000 of them would otherwise stay in memory until the run ends.
      item.payload = null;
    } catch (err) {
      const e = isMlcError(err) ? err : new MlcError('internal', scrub(String(err instanceof Error ? (err.stack ?? err.message) : err)), { cause: err });
      const finishedAt = deps.now();
      if (e.code !== 'record_rejected' && e.code !== 'record_failed') {
        tally.fatal ??= e;
        tally.failed.push({ ...item, reason: e.message, errorCode: e.code });
        writer.add(() => state.audit.finish(auditId, { status: 'failed', errorCode: e.code, reason: e.message, attempts: 1, startedAt, finishedAt, ...sentPayload }));
        return;
      }
      const status = e.code === 'record_rejected' ? 'parked' : 'failed';
      logger.warn({ flow: item.flow, employee: item.employeeId, code: e.code }, e.message);
      writer.add(() => {
        state.audit.finish(auditId, { status, errorCode: e.code, reason: e.message, attempts: 1, startedAt, finishedAt, ...sentPayload });
        state.audit.resolveOthers(item.flow, item.employeeId, auditId);
      });
      (status === 'parked' ? tally.parked : tally.failed).push({ ...item, reason: e.message, errorCode: e.code });
    }
  }
}
