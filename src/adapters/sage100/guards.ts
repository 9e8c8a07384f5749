// What the session checks before it lets a write go to Sage, with what the agent's tables
// say (read once per session, kept current with what the session writes). SetKey creates a
// record for any valid key (erps.md §2.2), so without these checks a lookup pointing at a
// code that does not exist would create a bare sub-account, and a provisioned code that
// happens to exist would rename someone else's value. Each refusal parks the record with a
// reason a person can act on.
import { z } from 'zod';
import { MlcError } from '../../domain/errors.js';
import type { ErpOp, OpOutcome } from '../types.js';
import type { AgentClient } from './client.js';
import { subAccountKey } from './format.js';
import type { InfoAnswer, Row } from './schemas.js';

/** The payload map.ts plans: the agent write, plus what to check first. */
export const OpPayload = z.strictObject({
  object: z.enum(['GL_SubAccount_bus', 'GL_Account_bus', 'GL_MainAccount_bus']),
  key: z.record(z.string(), z.string()),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  /** exists: a lookup's value, must be in Sage; owned: mlc's own value; createOnly: never change it once it exists. */
  guard: z.enum(['exists', 'owned', 'createOnly']).optional(),
  main: z.strictObject({ code: z.string(), type: z.string().optional() }).optional(),
});
export type OpPayload = z.infer<typeof OpPayload>;

const reject = (message: string): OpOutcome => ({ ok: false, error: new MlcError('record_rejected', message) });

/** `department=Marketing` → `"Marketing"`: the BambooHR name a lookup record stands for. */
const mapped = (sourceKey: string): string => `"${sourceKey.slice(sourceKey.indexOf('=') + 1)}"`;

export class Guards {
  private subs: Promise<Map<string, Row>> | undefined;
  private mains: Promise<Map<string, Row>> | undefined;

  constructor(
    private readonly client: AgentClient,
    private readonly info: InfoAnswer,
  ) {}

  subAccounts(): Promise<Map<string, Row>> {
    this.subs ??= this.client.rows('GL_SubAccount').then((rows) => new Map(rows.map((r) => [subAccountKey(String(r['SegmentNo']), String(r['SubAccountCode'])), r])));
    this.subs.catch(() => (this.subs = undefined)); // a failed read is tried again, not remembered
    return this.subs;
  }

  mainAccounts(): Promise<Map<string, Row>> {
    this.mains ??= this.client.rows('GL_MainAccount').then((rows) => new Map(rows.map((r) => [String(r['MainAccountCode']), r])));
    this.mains.catch(() => (this.mains = undefined));
    return this.mains;
  }

  /** A refusal, an answer without a write (the record is as it must be), or undefined: send it. */
  async check(op: ErpOp, p: OpPayload): Promise<OpOutcome | undefined> {
    if (p.guard === 'createOnly') return this.mainAccount(op, p);
    if (!this.info.capabilities.writableObjects.includes(p.object)) return reject(`the agent does not let mlc write ${p.object}: add it to boi.writableObjects in the agent's agent.yaml`);
    if (p.object === 'GL_SubAccount_bus') return this.subAccount(op, p);
    if (p.main && op.kind !== 'deactivate') return this.mainOf(p.main);
    return undefined;
  }

  /** What a successful write changed, so later checks of this session see it. */
  async remember(p: OpPayload): Promise<void> {
    if (p.object === 'GL_SubAccount_bus' && this.subs) {
      const map = await this.subs.catch(() => undefined);
      const key = subAccountKey(p.key['SegmentNo'] ?? '', p.key['SubAccountCode'] ?? '');
      map?.set(key, { ...map.get(key), ...p.key, Status: 'A', ...p.fields });
    }
    if (p.object === 'GL_MainAccount_bus' && this.mains) {
      const map = await this.mains.catch(() => undefined);
      map?.set(p.key['MainAccountCode'] ?? '', { ...p.key, Status: 'A', ...p.fields });
    }
  }

  private async subAccount(op: ErpOp, p: OpPayload): Promise<OpOutcome | undefined> {
    const { SegmentNo: no = '', SubAccountCode: code = '' } = p.key;
    const row = (await this.subAccounts()).get(subAccountKey(no, code));
    if (p.guard === 'exists') {
      if (!row) return reject(`Sage 100 has no sub-account ${code} in segment ${no}, which the lookup maps ${mapped(op.sourceKey)} to: create it in General Ledger > Sub Account Maintenance, or correct the lookup`);
      if (row['Status'] !== 'A') return reject(`sub-account ${code} of segment ${no} ("${String(row['SubAccountDesc'] ?? '')}") is not active in Sage 100 (Status ${String(row['Status'])}); the lookup maps ${mapped(op.sourceKey)} to it`);
      return undefined;
    }
    // A value mlc creates may already be there: its own from a run cut short (same
    // description), or the customer's (a different one), which mlc must not take over.
    const desc = p.fields['SubAccountDesc'];
    if (op.kind === 'create' && row && desc !== undefined && row['SubAccountDesc'] !== desc) {
      return reject(`sub-account ${code} of segment ${no} already exists in Sage 100 as "${String(row['SubAccountDesc'])}", not made by mlc: change provision.code, or map the BambooHR value to it in the lookup`);
    }
    return undefined;
  }

  private async mainOf(main: NonNullable<OpPayload['main']>): Promise<OpOutcome | undefined> {
    const row = (await this.mainAccounts()).get(main.code);
    if (!row) return reject(`main account ${main.code} does not exist in Sage 100: create it in General Ledger > Main Account Maintenance, or give the account rule a mainDescription (and type) so mlc creates it`);
    if (main.type !== undefined && row['AccountType'] !== main.type) return reject(`main account ${main.code} has AccountType ${String(row['AccountType'])} in Sage 100; the flow's account rule says ${main.type}`);
    return undefined;
  }

  private async mainAccount(op: ErpOp, p: OpPayload): Promise<OpOutcome | undefined> {
    const code = p.key['MainAccountCode'] ?? '';
    const row = (await this.mainAccounts()).get(code);
    const type = p.fields['AccountType'];
    if (row) {
      if (type !== undefined && row['AccountType'] !== type) return reject(`main account ${code} exists in Sage 100 with AccountType ${String(row['AccountType'])}; the flow's account rule says ${type}`);
      return { ok: true, erpKey: op.key, response: { outcome: 'exists', setKey: 'existing' } };
    }
    if (!this.info.capabilities.writableObjects.includes('GL_MainAccount_bus')) {
      return reject(`main account ${code} does not exist in Sage 100, and the agent does not let mlc create it: add GL_MainAccount_bus to boi.writableObjects in agent.yaml, or create it in General Ledger > Main Account Maintenance`);
    }
    return undefined;
  }
}
