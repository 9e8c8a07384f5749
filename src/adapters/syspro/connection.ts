// One SYSPRO connection per run, behind the port (DESIGN §8): the operator's e.net session
// (session.ts), reference data read once (references.ts), batched Setup writes (writer.ts)
// and their validation-only twin for `mlc sync --dry-run --online` (ValidateOnly=Y, erps.md
// §1.6), and Logoff in close(), which the engine always calls, after a failure or a stop too.
import type { FlowSettings } from '../../config/types.js';
import { isMlcError, MlcError } from '../../domain/errors.js';
import { isTlsCode } from '../../http/net-errors.js';
import { peerFingerprint } from '../../http/tls.js';
import type { Logger } from '../../log/logger.js';
import type { ErpOp, ErpSession, OpOutcome, ReferenceRecord, SelfCheckFinding } from '../types.js';
import { EnetClient } from './client.js';
import type { SysproSettings } from './config.js';
import { SysproReferences } from './references.js';
import { selfCheck } from './selfcheck.js';
import { SetupSender } from './sender.js';
import type { EnetSession } from './session.js';
import { writeBatch, type WriteContext } from './writer.js';

export class SysproConnection implements ErpSession {
  /** One session per operator, and its calls one at a time (erps.md §1.3). */
  readonly concurrency = 1;
  readonly batchSize: number;
  private readonly client: EnetClient;
  private readonly refs: SysproReferences;
  private readonly sender: SetupSender;
  private readonly ctx: WriteContext;

  constructor(
    private readonly s: SysproSettings,
    private readonly session: EnetSession,
    logger: Logger,
  ) {
    this.batchSize = s.batchSize;
    this.client = new EnetClient(s, session);
    this.refs = new SysproReferences(this.client, s);
    this.sender = new SetupSender(this.client, s, logger);
    this.ctx = { s, sender: this.sender, workCentres: this.refs.workCentres, employees: this.refs.employees };
  }

  /**
   * Logs on (credentials checked) and reads the version; the engine's close() logs off. Over
   * https it names the server certificate's fingerprint, for pinning it (tls.pinSha256).
   */
  async ping(): Promise<string> {
    try {
      await this.session.open();
    } catch (err) {
      throw await this.withFingerprint(err);
    }
    const version = await this.client.version();
    const fp = this.s.baseUrl.startsWith('https:') ? await peerFingerprint(this.s.baseUrl) : undefined;
    return `SYSPRO e.net ${version}: operator ${this.s.operator} logged on to company ${this.s.companyId}${fp ? `; server certificate SHA-256 ${fp}` : ''}`;
  }

  /** A certificate mlc does not trust (yet): the hint says how to pin the one the server shows. */
  private async withFingerprint(err: unknown): Promise<unknown> {
    if (!isMlcError(err) || !isTlsCode(err.details?.['code'] as string | undefined)) return err;
    const fp = await peerFingerprint(this.s.baseUrl);
    if (!fp) return err;
    return new MlcError(err.code, err.message, { retryable: err.retryable, details: err.details, cause: err, hint: `if ${fp} is the SYSPRO server's own certificate, pin it: targets.${this.s.name}.tls.pinSha256: "${fp}" (or give its CA as tls.caFile)` });
  }

  references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    return this.refs.records(recordTypes);
  }

  applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    return writeBatch(this.ctx, ops, false);
  }

  validateBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    return writeBatch(this.ctx, ops, true);
  }

  selfCheck(flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
    return selfCheck({ s: this.s, client: this.client, refs: this.refs, sender: this.sender }, flows);
  }

  close(): Promise<void> {
    return this.session.logoff();
  }
}
