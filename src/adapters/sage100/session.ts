// One Sage 100 session per run: the agent was asked who it is and which account structure it
// reports (index.ts), its tables are read when a check needs them and kept for the run, and
// applyBatch() sends the records that pass the checks in one /v1/batch, trying busy ones
// again. The agent has no logon of its own (every request carries the key), so close() has
// nothing to end; the engine closes the HTTP client.
import type { FlowSettings } from '../../config/types.js';
import { MlcError } from '../../domain/errors.js';
import { peerFingerprint } from '../../http/tls.js';
import type { Logger } from '../../log/logger.js';
import type { ErpOp, ErpSession, OpOutcome, ReferenceRecord, SelfCheckFinding } from '../types.js';
import type { AgentClient } from './client.js';
import { SLOTS, type Sage100Settings, type Slot } from './config.js';
import { rejection, stillBusy } from './errors.js';
import { maskOf, type AccountFormat } from './format.js';
import { Guards, OpPayload } from './guards.js';
import type { InfoAnswer } from './schemas.js';
import { selfCheck } from './self-check.js';
import { BatchWriter, type Written } from './writes.js';

export class Sage100Session implements ErpSession {
  readonly concurrency: number;
  readonly batchSize: number;
  readonly guards: Guards;
  private readonly writer: BatchWriter;

  constructor(
    private readonly s: Sage100Settings,
    client: AgentClient,
    readonly info: InfoAnswer,
    readonly structure: AccountFormat,
    deps: { logger: Logger; stop: AbortSignal },
  ) {
    this.concurrency = s.concurrency;
    // The agent refuses a larger batch whole (agent README "POST /v1/batch").
    this.batchSize = Math.max(1, Math.min(s.batchSize, info.capabilities.batch.maxWrites));
    this.guards = new Guards(client, info);
    this.writer = new BatchWriter(client, s, deps.logger, deps.stop);
  }

  async ping(): Promise<string> {
    // The fingerprint the agent presents, read without trusting it, for pinning on first setup.
    const seen = (await peerFingerprint(this.s.baseUrl)) ?? 'unknown';
    const trust = this.s.tls.pinSha256 ? 'pinned' : this.s.tls.caFile ? 'CA file' : 'trusted by this machine';
    const { agent, boi } = this.info;
    return `${agent.name} ${agent.version} (protocol v1, ${boi.implementation} BOI, company ${boi.company}); account format ${maskOf(this.structure)}; certificate SHA-256 ${seen} (${trust})`;
  }

  async references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    const wanted = recordTypes.filter((t): t is Slot => (SLOTS as readonly string[]).includes(t) && this.s.segments[t as Slot] !== undefined);
    if (wanted.length === 0) return {};
    const subs = [...(await this.guards.subAccounts()).values()];
    return Object.fromEntries(wanted.map((t) => [t, subs.filter((r) => r['SegmentNo'] === this.s.segments[t]).map((r) => ({ id: String(r['SubAccountCode']), name: String(r['SubAccountDesc'] ?? ''), active: r['Status'] === 'A' }))]));
  }

  async applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    const outcomes: OpOutcome[] = new Array<OpOutcome>(ops.length);
    const send: Array<{ at: number; p: OpPayload }> = [];
    for (const [at, op] of ops.entries()) {
      const p = OpPayload.safeParse(op.payload);
      if (!p.success) {
        outcomes[at] = { ok: false, error: new MlcError('record_rejected', `not a Sage 100 write mlc understands (${p.error.issues[0]?.message ?? 'bad payload'}): was it recorded by another release?`) };
        continue;
      }
      const verdict = await this.guards.check(op, p.data);
      if (verdict) outcomes[at] = verdict;
      else send.push({ at, p: p.data });
    }
    if (send.length === 0) return outcomes;
    const written = await this.writer.write(send.map(({ p }) => ({ object: p.object, key: p.key, fields: p.fields })));
    for (const [k, { at, p }] of send.entries()) outcomes[at] = await this.outcome(ops[at]!, p, written[k]!);
    return outcomes;
  }

  /**
   * `mlc sync --dry-run --online`: the checks mlc makes before writing, against the agent's
   * tables (a lookup's code exists and is active, a provisioned code is free, the main
   * account exists with its type). The BOI has no validation-only write (erps.md §2.2), so
   * what only Sage's own field rules would refuse shows on the real run.
   */
  async validateBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    const out: OpOutcome[] = [];
    for (const op of ops) {
      const p = OpPayload.safeParse(op.payload);
      const verdict = p.success ? await this.guards.check(op, p.data) : undefined;
      out.push(verdict ?? { ok: true, erpKey: op.key, response: { validated: 'mlc checks only' } });
    }
    return out;
  }

  async selfCheck(flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
    return selfCheck(this.s, this.info, this.guards, flows);
  }

  async close(): Promise<void> {}

  private async outcome(op: ErpOp, p: OpPayload, w: Written): Promise<OpOutcome> {
    const r = w.result;
    if (r.outcome === 'rejected') return { ok: false, error: rejection(r), attempts: w.attempts };
    if (r.outcome === 'busy') return { ok: false, error: stillBusy(r, w.attempts, w.ms), attempts: w.attempts };
    await this.guards.remember(p);
    const response = { outcome: r.outcome, setKey: r.setKey, changed: r.changed, ...(r.warnings.length ? { warnings: r.warnings } : {}) };
    return { ok: true, erpKey: op.key, response, attempts: w.attempts };
  }
}
