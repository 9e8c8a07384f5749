// Upserting a batch of operations (erps.md §5.3, §8 A.6: no documented upsert): read the
// records, then POST the absent ones and PATCH the differences of the others, all in one
// $batch with one changeset per record (or one request per record with `batch: false`). An
// answer that says the state moved meanwhile — a create meeting its duplicate key (a
// re-delivered event, a killed run's write that landed), an update meeting no record, an
// update conflict, a changeset left unanswered or refused for now (429/503) — sends that
// record round again: read, decide, write. So a record is never created twice, whatever was delivered or resent.
import { isMlcError, MlcError } from '../../domain/errors.js';
import type { ErpOp, OpOutcome } from '../types.js';
import type { BatchAnswer, BatchRequest } from './batch.js';
import type { D365Client } from './client.js';
import type { D365Settings } from './config.js';
import { entitiesFor, entityOf, keyPath, type Entities, type Entity, type StepContext } from './entities.js';
import { classifyWrite } from './errors.js';
import { readCurrent } from './reads.js';

const ROUNDS = 4;
const TRANSIENT_PART = new Set([429, 503, 504]);

interface Work {
  op: ErpOp;
  entity: Entity;
  index: number;
  afterDuplicate: boolean;
}

interface Send {
  w: Work;
  request: BatchRequest & { method: 'POST' | 'PATCH' };
}

export type Context = (ops: readonly ErpOp[]) => Promise<Omit<StepContext, 'afterDuplicate'>>;

export class Upserter {
  private readonly entities: Entities;

  constructor(
    private readonly s: D365Settings,
    private readonly client: D365Client,
    private readonly context: Context,
  ) {
    this.entities = entitiesFor(s);
  }

  async apply(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    const outcomes: Array<OpOutcome | undefined> = ops.map(() => undefined);
    let work: Work[] = ops.map((op, index) => ({ op, entity: entityOf(this.entities, op), index, afterDuplicate: false }));
    const ctx = await this.context(ops);
    for (let round = 1; work.length > 0 && round <= ROUNDS; round++) {
      const current = await readCurrent(this.client, work);
      const sends: Send[] = [];
      for (const w of work) {
        const step = w.entity.step(w.op, current.get(w.op), { ...ctx, afterDuplicate: w.afterDuplicate });
        if ('error' in step) outcomes[w.index] = { ok: false, error: step.error, attempts: round };
        else if (step.send === 'none') outcomes[w.index] = { ok: true, erpKey: w.op.key, response: { unchanged: true, note: step.note }, attempts: round };
        else sends.push({ w, request: { method: step.send, url: this.target(w, step.send), body: step.body } });
      }
      const answers = await this.write(sends);
      work = [];
      sends.forEach((send, i) => {
        const again = this.settle(send, answers[i], round, outcomes);
        if (again) work.push(again);
      });
    }
    for (const w of work) {
      outcomes[w.index] = { ok: false, error: new MlcError('record_failed', `D365 ${w.entity.what(w.op)}: still changing under mlc after ${ROUNDS} rounds (read, write); the next run tries again`, { retryable: true }), attempts: ROUNDS };
    }
    return outcomes.map((o) => o!);
  }

  private target(w: Work, method: 'POST' | 'PATCH'): string {
    // cross-company: the legal entity is the flow's, not necessarily the integration user's default (erps.md §5.2).
    return this.client.url(method === 'POST' ? w.entity.set : `${keyPath(w.entity, w.op)}?cross-company=true`);
  }

  /** The answer of each send, in order; undefined where a $batch left one unanswered. */
  private async write(sends: readonly Send[]): Promise<Array<BatchAnswer | undefined>> {
    if (sends.length === 0) return [];
    if (this.s.batch) {
      const answers = await this.client.batch(sends.map((x) => x.request));
      // By Content-ID (a failed changeset answers once, erps.md §8 A.4); by position if the server sends none.
      const byId = answers.some((a) => a.contentId !== undefined);
      return sends.map((_, i) => (byId ? answers.find((a) => a.contentId === String(i + 1)) : answers[i]));
    }
    return Promise.all(sends.map(async (x) => {
      const res = await this.client.write(x.request.method, x.request.url, x.request.body);
      return { contentId: undefined, status: res.status, text: res.text() };
    }));
  }

  /** Records the outcome of one send, or returns the work to do again next round. */
  private settle(send: Send, answer: BatchAnswer | undefined, round: number, outcomes: Array<OpOutcome | undefined>): Work | undefined {
    const { w, request } = send;
    if (!answer) return w; // the batch stopped before this changeset: it did not run
    // A changeset refused for now (the batch itself went through): it rolled back, send it again.
    if (this.s.batch && TRANSIENT_PART.has(answer.status)) return w;
    const verdict = classifyWrite(answer.status, answer.text, request.method, w.entity.what(w.op));
    switch (verdict.kind) {
      case 'ok':
        outcomes[w.index] = { ok: true, erpKey: w.op.key, response: { method: request.method, status: answer.status, fields: Object.keys(request.body as object) }, attempts: round };
        return undefined;
      case 'duplicate':
        return { ...w, afterDuplicate: true };
      case 'missing':
      case 'conflict':
        return w;
      case 'error':
        if (isOutage(verdict.error)) throw verdict.error;
        outcomes[w.index] = { ok: false, error: verdict.error, attempts: round };
        return undefined;
    }
  }
}

/** Per-record refusals and failures are outcomes; anything else stops the run (auth, throttling, setup). */
const isOutage = (e: MlcError): boolean => isMlcError(e) && e.code !== 'record_rejected' && e.code !== 'record_failed';
