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
import { OutcomeWriter } from './outcomes.js';
import { runPool } from './pool.js';

export interface Applied {
  item: PlanItem;
  auditId: number;
}

export interface ApplyDeps {
  state: State;
  session: ErpSession;
  logger: Logger;
  now: () => string;
  /** Runs inside the transaction that records the last outcome (the cursor commit). */
  commitLast?: (() => void) | undefined;
  onDone?: (() => void) | undefined;
}

export interface ApplyTally {
  applied: PlanItem[];
  parked: PlanItem[];
  failed: PlanItem[];
  fatal: MlcError | undefined;
  notAttempted: Applied[];
}

export async function applyItems(ops: readonly Applied[], deps: ApplyDeps): Promise<ApplyTally> {
  const { state, session, logger } = deps;
  const tally: ApplyTally = { applied: [], parked: [], failed: [], fatal: undefined, notAttempted: [] };
  const started = new Set<number>();
  const writer = new OutcomeWriter(state);
  try {
    await runPool(
      ops,
      session.concurrency,
      async ({ item, auditId }) => {
        started.add(auditId);
        const startedAt = deps.now();
        try {
          const res = await session.apply({ kind: item.kind as Exclude<PlanItem['kind'], 'none'>, employeeId: item.employeeId, key: item.key, erpKey: item.erpKey, payload: item.payload ?? {} });
          const finishedAt = deps.now();
          failpoint('erp-written');
          writer.add(() => {
            state.audit.finish(auditId, { status: 'applied', attempts: res.attempts ?? 1, startedAt, finishedAt, responseJson: JSON.stringify(res.response), erpKey: res.erpKey });
            state.links.put({
              flow: item.flow, employeeId: item.employeeId, erpKey: res.erpKey, payloadHash: item.payloadHash, sourceHash: item.sourceHash,
              erpState: item.kind === 'deactivate' ? 'inactive' : 'active', appliedAt: finishedAt,
            });
            state.audit.resolveOthers(item.flow, item.employeeId, auditId);
          });
          tally.applied.push(item);
        } catch (err) {
          const e = isMlcError(err) ? err : new MlcError('internal', scrub(String(err instanceof Error ? (err.stack ?? err.message) : err)), { cause: err });
          const finishedAt = deps.now();
          if (e.code !== 'record_rejected' && e.code !== 'record_failed') {
            tally.fatal ??= e;
            tally.failed.push({ ...item, reason: e.message, errorCode: e.code });
            writer.add(() => state.audit.finish(auditId, { status: 'failed', errorCode: e.code, reason: e.message, attempts: 1, startedAt, finishedAt }));
            return;
          }
          const status = e.code === 'record_rejected' ? 'parked' : 'failed';
          logger.warn({ flow: item.flow, employee: item.employeeId, code: e.code }, e.message);
          writer.add(() => {
            state.audit.finish(auditId, { status, errorCode: e.code, reason: e.message, attempts: 1, startedAt, finishedAt });
            state.audit.resolveOthers(item.flow, item.employeeId, auditId);
          });
          (status === 'parked' ? tally.parked : tally.failed).push({ ...item, reason: e.message, errorCode: e.code });
        } finally {
          deps.onDone?.();
        }
      },
      () => tally.fatal !== undefined,
    );
  } finally {
    // The cursor moves in the transaction of the last outcome, and only after a clean run.
    writer.flush(tally.fatal ? undefined : deps.commitLast);
  }
  tally.notAttempted = ops.filter((o) => !started.has(o.auditId));
  return tally;
}
