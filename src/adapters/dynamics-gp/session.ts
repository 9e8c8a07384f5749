// One GP session per run: the NTLM pool, the cached reference tables, and the writes. SBA
// has no upsert and no batch (erps.md §8 B.1: PATCH needs an existing object), so each record
// is looked up before it is created: the vendor (or employee) table, read with a ModifiedDate
// filter and cached between runs, says whether the key exists; a POST answered 409 (it exists
// after all: an earlier run was killed after its POST) becomes a PATCH, a PATCH answered 404
// (deleted in GP) a POST. That guard makes a write safe to send again after a lost answer.
import { isMlcError, MlcError } from '../../domain/errors.js';
import type { FlowSettings } from '../../config/types.js';
import type { AdapterMemory, ErpOp, ErpSession, JournalPort, OpOutcome, ReferenceRecord, SelfCheckFinding } from '../types.js';
import { CachedTable } from './cache.js';
import type { GpClient } from './client.js';
import type { GpSettings } from './config.js';
import { gpError } from './errors.js';
import { selfCheck } from './help.js';
import { GpJournals } from './journals.js';
import { TABLES, type AccountRow } from './tables.js';

export class GpTables {
  readonly vendors;
  readonly employees;
  readonly accounts;
  readonly costCenters;
  readonly periods;

  constructor(client: GpClient, memory: AdapterMemory | undefined) {
    this.vendors = new CachedTable(client, TABLES.vendors, memory);
    this.employees = new CachedTable(client, TABLES.employees, memory);
    this.accounts = new CachedTable(client, TABLES.accounts, memory);
    this.costCenters = new CachedTable(client, TABLES.costCenters, memory);
    this.periods = new CachedTable(client, TABLES.periods, memory);
  }
}

/** Location segments: the values the chart of accounts uses at that position (GP has no SBA object for segments). */
export function locationSegments(accounts: Iterable<AccountRow>, position: number): ReferenceRecord[] {
  const out = new Map<string, ReferenceRecord>();
  for (const a of accounts) {
    const seg = a.AccountNumber.split('-')[position - 1];
    if (seg === undefined) continue;
    const had = out.get(seg);
    out.set(seg, { id: seg, name: seg, active: (had?.active ?? false) || a.IsActive });
  }
  return [...out.values()];
}

export class GpSession implements ErpSession {
  readonly concurrency: number;
  readonly batchSize = 1;
  readonly journals: JournalPort;

  constructor(
    private readonly s: GpSettings,
    private readonly client: GpClient,
    readonly tables: GpTables,
    private readonly closeTransport: () => Promise<void>,
  ) {
    this.concurrency = s.concurrency;
    this.journals = new GpJournals(s, client, tables);
  }

  async ping(): Promise<string> {
    const companies = await this.client.companies();
    const mine = companies.find((c) => c.Name === this.s.company);
    if (!mine) throw new MlcError('config_invalid', `${this.s.name}: company "${this.s.company}" is not among the companies this account may use: ${companies.map((c) => `"${c.Name}"`).join(', ') || 'none'}`);
    return `company "${mine.Name}"${mine.CompanyId ? ` (${mine.CompanyId})` : ''} of tenant ${this.s.tenant}; Windows authentication (NTLMv2), ${this.client.logons} logon(s)`;
  }

  async references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    // The people table is needed by the writes that follow the reference check: read it meanwhile.
    this.people.rows().catch(() => undefined);
    const want = (t: string) => recordTypes.includes(t);
    const [centres, accounts] = await Promise.all([
      want('costCenter') ? this.tables.costCenters.rows() : undefined,
      want('account') || want('locationSegment') ? this.tables.accounts.rows() : undefined,
    ]);
    const out: Record<string, ReferenceRecord[]> = {};
    if (centres) out.costCenter = [...centres.values()].map((c) => ({ id: c.CostCenterId, name: c.Description, active: c.IsActive }));
    if (accounts && want('account')) out.account = [...accounts.values()].map((a) => ({ id: a.AccountNumber, name: a.Description, active: a.IsActive }));
    if (accounts && want('locationSegment')) out.locationSegment = locationSegments(accounts.values(), this.s.locationSegment);
    return out;
  }

  /** Where employees go: the vendor table, or the site's employee service. */
  private get people(): CachedTable<{ ModifiedDate: string }> {
    return this.s.employees.resource === 'employees' ? this.tables.employees : this.tables.vendors;
  }

  applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    return Promise.all(ops.map((op) => this.apply(op)));
  }

  selfCheck(flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
    return selfCheck(this.s, this.client, this.tables, flows);
  }

  close(): Promise<void> {
    return this.closeTransport();
  }

  private async apply(op: ErpOp): Promise<OpOutcome> {
    try {
      return await this.upsert(op);
    } catch (err) {
      // Per-record refusals come back as outcomes; an outage is thrown on for the whole run.
      if (isMlcError(err) && (err.code === 'record_rejected' || err.code === 'record_failed')) return { ok: false, error: err };
      throw err instanceof Error ? err : new MlcError('internal', String(err));
    }
  }

  private async upsert(op: ErpOp): Promise<OpOutcome> {
    if (op.key.length > 15) throw new MlcError('record_rejected', `${this.s.name}: id ${op.key} is longer than GP's 15 characters; shorten employees.idPrefix`);
    const resource = this.s.employees.resource;
    const table = this.people;
    const known = op.erpKey !== null || (await table.has(op.key));
    const post = () => this.client.send('POST', this.client.url(resource), op.payload, { idempotent: true });
    const patch = () => this.client.send('PATCH', this.client.url(resource, [op.key]), op.payload, { idempotent: true });
    let method = known ? 'PATCH' : 'POST';
    let res = known ? await patch() : await post();
    if (known && res.status === 404) [method, res] = ['POST', await post()];
    else if (!known && res.status === 409) [method, res] = ['PATCH', await patch()];
    if (res.status < 200 || res.status > 299) throw gpError(res, `${method} ${this.s.paths[resource]} ${op.key}`, this.s.name, { write: true });
    if (method === 'POST') table.created(op.key);
    return { ok: true, erpKey: op.key, response: { status: res.status, method }, attempts: res.attempts };
  }
}
