// Applying planned operations through the port (DESIGN §8): up to `concurrency` applyBatch()
// calls in flight, each with up to `batchSize` operations, one outcome per operation. An
// operation that waits for a record created in the same run (a report and its new manager)
// is held back until that record's outcome is known, then mapped again with its key. Each
// outcome (audit row, link, owed references) is recorded in short batched transactions,
// never across an await. A rejection parks the record with the ERP's words, a per-record
// failure leaves it open for the next run; auth, reachability and throttling failures stop
// the run (fatal).
import type { ErpSession, OpOutcome } from '../../adapters/types.js';
import { isMlcError, MlcError } from '../../domain/errors.js';
import { failpoint } from '../../domain/failpoints.js';
import { collectGarbage } from '../../domain/memory.js';
import { interruptedError } from '../../domain/stop.js';
import type { Logger } from '../../log/logger.js';
import { scrub } from '../../log/redact.js';
import type { State } from '../../store/state.js';
import { OutcomeWriter } from './outcomes.js';
import type { PlanItem } from './plan.js';
import { recordApplied, recordRefused } from './record.js';
import { refKey, Scheduler, type Scheduled } from './scheduler.js';

export interface Applied {
  item: PlanItem;
  auditId: number;
}

/** An operation to send: its 'planned' audit row is already written. */
export type Pending = Scheduled;

export interface ApplyDeps {
  state: State;
  session: ErpSession;
  logger: Logger;
  runId: string;
  now: () => string;
  /** Runs inside the transaction that records the last outcome (the cursor commit). */
  commitLast?: (() => void) | undefined;
  /** Awaited before that transaction. */
  beforeCommit?: (() => Promise<void>) | undefined;
  /** Maps a waiting operation again with the keys it waited for: the item to send, or nothing left to send. */
  resolve?: ((item: PlanItem, auditId: number, linked: Record<string, string | null>) => Promise<PlanItem | undefined>) | undefined;
  /** Redacted JSON of a payload, for the audit. */
  redact?: ((payload: unknown) => string) | undefined;
  onDone?: (() => void) | undefined;
  /** Asked to stop: start nothing more, let what is in flight finish and record it. */
  stop?: AbortSignal | undefined;
  /** A reason to stop writing at once (the change set could not be stored). */
  halted?: (() => MlcError | undefined) | undefined;
}

export interface ApplyTally {
  applied: PlanItem[];
  parked: PlanItem[];
  failed: PlanItem[];
  fatal: MlcError | undefined;
  notAttempted: Applied[];
}

function asMlcError(err: unknown): MlcError {
  return isMlcError(err) ? err : new MlcError('internal', scrub(String(err instanceof Error ? (err.stack ?? err.message) : err)), { cause: err });
}

export async function applyItems(ops: readonly Pending[], deps: ApplyDeps): Promise<ApplyTally> {
  const { state, session, logger } = deps;
  const tally: ApplyTally = { applied: [], parked: [], failed: [], fatal: undefined, notAttempted: [] };
  const writer = new OutcomeWriter(state);
  const sched = new Scheduler(
    ops,
    (op, linked) => deps.resolve?.(op.item, op.auditId, linked) ?? Promise.resolve(op.item),
    // Nothing left to send after all: the resolver recorded what happened instead.
    (_op, item) => void (item ? undefined : deps.onDone?.()),
    (_op, err) => void (tally.fatal ??= asMlcError(err)),
  );
  let done = 0;
  const onStop = () => {
    tally.fatal ??= interruptedError(deps.stop!);
    logger.warn({ inFlight: sched.inFlight }, 'stopping: no new writes; finishing the ones in flight');
  };
  if (deps.stop?.aborted) onStop();
  else deps.stop?.addEventListener('abort', onStop, { once: true });
  try {
    const lanes = Array.from({ length: Math.max(1, Math.min(session.concurrency, ops.length)) }, () =>
      sched.lane(session.batchSize, () => (tally.fatal ??= deps.halted?.()) !== undefined, async (batch) => {
        const { outcomes, startedAt, finishedAt } = await send(batch);
        for (const [i, op] of batch.entries()) {
          settle(op, outcomes[i]!, startedAt, finishedAt);
          deps.onDone?.();
          if (++done % 5000 === 0) collectGarbage();
        }
      }),
    );
    await Promise.all(lanes);
  } finally {
    deps.stop?.removeEventListener('abort', onStop);
    sched.releaseAll();
    // The cursor moves in the transaction of the last outcome, and only after a clean run.
    if (!tally.fatal && deps.commitLast) await deps.beforeCommit?.().catch((err: unknown) => void (tally.fatal = asMlcError(err)));
    writer.flush(tally.fatal ? undefined : deps.commitLast);
  }
  tally.notAttempted = sched.unsent();
  return tally;

  async function send(batch: Pending[]): Promise<{ outcomes: OpOutcome[]; startedAt: string; finishedAt: string }> {
    const startedAt = deps.now();
    let outcomes: OpOutcome[];
    try {
      outcomes = await session.applyBatch(batch.map(({ item }) => ({
        family: item.family, type: item.type, kind: item.kind as Exclude<PlanItem['kind'], 'none'>, sourceKey: item.employeeId, key: item.key, erpKey: item.erpKey, payload: item.payload ?? {},
      })));
      if (outcomes.length !== batch.length) throw new MlcError('internal', `the adapter answered ${outcomes.length} outcomes for ${batch.length} operations`);
    } catch (err) {
      const error = asMlcError(err);
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    const finishedAt = deps.now();
    // Once per record the ERP answered, so erp-written@n means the n-th record for batched ERPs too.
    for (let i = 0; i < batch.length; i++) failpoint('erp-written');
    return { outcomes, startedAt, finishedAt };
  }

  // Outcomes are built field by field, not spread: a spread that adds properties takes V8's
  // slow path (~2 µs an object on Node 20, measured), and this runs once per record written.
  function settle(op: Pending, o: OpOutcome, startedAt: string, finishedAt: string): void {
    const { item, auditId } = op;
    // A remapped payload (a key it waited for added) replaces the one the planned row recorded.
    const remapped = op.remapped && item.payload && deps.redact;
    const payloadJson = remapped ? deps.redact!(item.payload!) : null;
    const payloadHash = remapped ? item.payloadHash : null;
    const attempts = o.attempts ?? 1;
    if (o.ok) {
      sched.resolved(refKey(item.family, item.employeeId), o.erpKey);
      const sent = { ok: true as const, erpKey: o.erpKey, response: o.response, attempts, startedAt, finishedAt, payloadJson, payloadHash };
      writer.add(() => recordApplied(state, deps.runId, item, auditId, sent));
      tally.applied.push(item);
      // Sent and recorded (redacted) in the audit: the payload is not needed any more, and
      // 50,000 of them would otherwise stay in memory until the run ends.
      item.payload = null;
      return;
    }
    sched.resolved(refKey(item.family, item.employeeId), null);
    const e = o.error;
    const outage = e.code !== 'record_rejected' && e.code !== 'record_failed';
    if (outage) tally.fatal ??= e;
    else logger.warn({ flow: item.flow, record: item.employeeId, code: e.code }, e.message);
    const status = e.code === 'record_rejected' ? 'parked' : 'failed';
    writer.add(() => recordRefused(state, item, auditId, { status, error: e, attempts, startedAt, finishedAt, resolve: !outage, payloadJson, payloadHash }));
    (status === 'parked' ? tally.parked : tally.failed).push({ ...item, reason: e.message, errorCode: e.code });
  }
}
