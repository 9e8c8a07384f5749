// One SYSPRO connection per run, behind the port (DESIGN §8): the operator's e.net session
// (session.ts), reference data read once (references.ts), batched Setup writes (writer.ts)
// and their validation-only twin for `mlc sync --dry-run --online` (ValidateOnly=Y, erps.md
// §1.6), and Logoff in close(), which the engine always calls, after a failure or a stop too.
import type { FlowSettings } from '../../config/types.js';
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

  /** Logs on (credentials checked) and reads the version; the engine's close() logs off. */
  async ping(): Promise<string> {
    await this.session.open();
    const version = await this.client.version();
    return `SYSPRO e.net ${version}: operator ${this.s.operator} logged on to company ${this.s.companyId}`;
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
