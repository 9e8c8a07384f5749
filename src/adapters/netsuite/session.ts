// One NetSuite session per run: token, client, reference data read once with SuiteQL and
// cached for the run, and apply() for upserts.
import type { ApplyResult, ErpOp, ErpSession, ReferenceRecord } from '../types.js';
import { assertSafeExternalId, type NetSuiteClient } from './client.js';
import type { NetSuiteSettings } from './config.js';

const TABLES = new Set(['department', 'classification', 'location', 'subsidiary']);

export class NetSuiteSession implements ErpSession {
  readonly concurrency: number;
  private readonly cache = new Map<string, Promise<ReferenceRecord[]>>();

  constructor(
    private readonly s: NetSuiteSettings,
    private readonly client: NetSuiteClient,
  ) {
    this.concurrency = s.concurrency;
  }

  async ping(): Promise<string> {
    const subs = await this.client.suiteql('SELECT id, name FROM subsidiary');
    return `account ${this.s.accountId}: ${subs.length} subsidiaries visible`;
  }

  async references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    const wanted = recordTypes.filter((t) => TABLES.has(t));
    // All queries go out together (one round trip, not one per type); each is cached for the run.
    for (const t of wanted) if (!this.cache.has(t)) this.cache.set(t, this.readTable(t));
    const read = await Promise.all(wanted.map((t) => this.cache.get(t)!));
    return Object.fromEntries(wanted.map((t, i) => [t, read[i]!]));
  }

  async apply(op: ErpOp): Promise<ApplyResult> {
    assertSafeExternalId(op.key);
    const res = await this.client.upsertEmployee(op.key, op.payload);
    // The internal id is what other records reference (a supervisor); ask only if not told.
    const internalId = res.internalId ?? op.erpKey ?? (await this.client.employeeId(op.key));
    return { erpKey: internalId ?? `eid:${op.key}`, response: { status: res.status, internalId: internalId ?? null }, attempts: res.attempts };
  }

  async close(): Promise<void> {}

  private async readTable(t: string): Promise<ReferenceRecord[]> {
    const rows = await this.client.suiteql(`SELECT id, name, isinactive FROM ${t}`);
    return rows.map((r) => ({ id: String(r.id), name: String(r.name ?? ''), active: r.isinactive !== 'T' && r.isinactive !== true }));
  }
}
