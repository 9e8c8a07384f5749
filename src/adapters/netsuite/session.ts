// One NetSuite session per run: token, client, reference data read once with SuiteQL and
// cached for the run, and apply() for upserts.
import { isMlcError, MlcError } from '../../domain/errors.js';
import type { ErpOp, ErpSession, OpOutcome, ReferenceRecord } from '../types.js';
import { assertSafeExternalId, type NetSuiteClient } from './client.js';
import type { NetSuiteSettings } from './config.js';

const TABLES = new Set(['department', 'classification', 'location', 'subsidiary']);

export class NetSuiteSession implements ErpSession {
  readonly concurrency: number;
  /** NetSuite REST has no bulk create (erps.md §4.6): one record per call. */
  readonly batchSize = 1;
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

  async applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    return Promise.all(ops.map((op) => this.apply(op)));
  }

  private async apply(op: ErpOp): Promise<OpOutcome> {
    try {
      assertSafeExternalId(op.key);
      const res = await this.client.upsertEmployee(op.key, op.payload);
      // The internal id is what other records reference (a supervisor); ask only if not told.
      const internalId = res.internalId ?? op.erpKey ?? (await this.client.employeeId(op.key));
      return { ok: true, erpKey: internalId ?? `eid:${op.key}`, response: { status: res.status, internalId: internalId ?? null }, attempts: res.attempts };
    } catch (err) {
      // Per-record refusals come back as outcomes; an outage is thrown on for the whole run.
      if (isMlcError(err) && (err.code === 'record_rejected' || err.code === 'record_failed')) return { ok: false, error: err };
      throw err instanceof Error ? err : new MlcError('internal', String(err));
    }
  }

  async close(): Promise<void> {}

  private async readTable(t: string): Promise<ReferenceRecord[]> {
    const rows = await this.client.suiteql(`SELECT id, name, isinactive FROM ${t}`);
    return rows.map((r) => ({ id: String(r.id), name: String(r.name ?? ''), active: r.isinactive !== 'T' && r.isinactive !== true }));
  }
}
