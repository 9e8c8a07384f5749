// One run of the engine (a sync or a replay): the state database, the run row and the lock,
// and the ERP sessions it opens, each closed exactly once at the end, also after a failure or
// a stop (DESIGN §8: connect/close always paired; a failing close is reported, not swallowed).
import { existsSync } from 'node:fs';
import type { AdapterMemory, ErpSession, TargetSettings } from '../../adapters/types.js';
import { MlcError } from '../../domain/errors.js';
import type { Lease } from '../../store/lock.js';
import { newRunId } from '../../store/runs.js';
import type { State } from '../../store/state.js';
import type { AppContext } from '../context.js';
import { connectTarget } from './connect.js';

export class Run {
  readonly state: State | undefined;
  readonly runId: string | null;
  readonly asOf: string;
  readonly notes: string[] = [];
  private readonly lease: Lease | undefined;
  private readonly sessions = new Map<string, Promise<ErpSession>>();
  /** Aborted when the run gives up early (BambooHR refused): a prefetching session stops quietly. */
  private readonly abandon = new AbortController();

  constructor(readonly ctx: AppContext, readonly command: string, readonly dryRun: boolean) {
    this.asOf = ctx.clock.today();
    const path = ctx.config.state.path;
    // A dry run writes nothing, not even a new state file.
    this.state = dryRun ? (existsSync(path) ? ctx.openState(true) : undefined) : ctx.openState();
    this.runId = dryRun ? null : newRunId(new Date());
    this.lease = this.runId ? this.state!.lock.acquire({ command: command.split(' ')[0]!, staleAfterMs: ctx.config.state.lockStaleAfterMs }) : undefined;
    if (this.runId) {
      const now = this.now();
      this.state!.transaction(() => {
        this.state!.runs.markInterrupted(this.runId!, now);
        this.state!.runs.start({ id: this.runId!, command, startedAt: now, asOf: this.asOf, dryRun: false });
        this.state!.audit.failInterrupted(this.runId!);
      });
    }
  }

  private lastMs = -1;
  private lastIso = '';

  /** The instant as ISO text; made once per millisecond (a big run asks several times a record). */
  now(): string {
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }

  /** The target's session for this run, connected on first use. */
  session(target: TargetSettings): Promise<ErpSession> {
    if (!this.sessions.has(target.name)) {
      const s = connectTarget(this.ctx, target, AbortSignal.any([this.ctx.stop, this.abandon.signal]), this.memory(target.name));
      s.catch(() => undefined); // observed by whoever awaits it
      this.sessions.set(target.name, s);
    }
    return this.sessions.get(target.name)!;
  }

  /** The target's share of the state's kv store; a dry run reads it and writes nothing. */
  private memory(target: string): AdapterMemory | undefined {
    const state = this.state;
    if (!state) return undefined;
    const key = (k: string) => `adapter.${target}.${k}`;
    return { get: (k) => state.kv.get(key(k)), put: (k, v) => (this.runId ? state.kv.put(key(k), v, this.now()) : undefined) };
  }

  /** Whether a session for the target was asked for. */
  hasSession(target: TargetSettings): boolean {
    return this.sessions.has(target.name);
  }

  /** Stops what was started ahead (prefetched sessions) without a word: the run failed before. */
  abandonPrefetch(): void {
    this.abandon.abort('abandoned');
  }

  finish(status: 'ok' | 'partial' | 'failed', summary: unknown): void {
    if (this.runId) this.state!.runs.finish(this.runId, { finishedAt: this.now(), status, summary });
  }

  fail(err: unknown): void {
    if (!this.runId || !this.state?.db.open) return;
    const e = err instanceof MlcError ? err : undefined;
    this.state.runs.finish(this.runId, { finishedAt: this.now(), status: 'failed', errorCode: e?.code ?? 'internal', errorMessage: e?.message ?? String(err) });
  }

  /** Closes every session (logoff) and the lock. Close failures become notes and warnings. */
  async close(): Promise<void> {
    for (const [name, s] of this.sessions) {
      const session = await s.catch(() => undefined);
      if (!session) continue;
      try {
        await session.close();
      } catch (err) {
        const msg = `closing the ${name} session failed: ${err instanceof Error ? err.message : String(err)}`;
        this.ctx.logger.warn({ target: name }, msg);
        this.notes.push(msg);
      }
    }
    this.sessions.clear();
    this.lease?.release();
  }
}
