// One D365 session per run: the token, the client, the environment's setup (dimension format,
// vendor groups) and reference lists read once and cached, and applyBatch() for the upserts
// of vendors and dimension values.
import type { FlowSettings } from '../../config/types.js';
import type { ErpOp, ErpSession, OpOutcome, ReferenceRecord, SelfCheckFinding } from '../types.js';
import { literal, type D365Client } from './client.js';
import type { D365FlowOptions, D365Settings } from './config.js';
import { describeFormat } from './display.js';
import { isSetupError } from './errors.js';
import type { FormatInfo } from './entities.js';
import { DIMENSIONS } from './map.js';
import { selfCheck } from './self-check.js';
import { groupsByCompany, readFormat, readVendorGroups, type VendorGroup } from './setup.js';
import { dimensionOfType, VENDOR_GROUP_TYPE } from './slots.js';
import { Upserter } from './upsert.js';

/** A setup problem (an entity the environment lacks) means "unknown"; auth and outages still stop the run. */
function unlessSetup(err: unknown): undefined {
  if (isSetupError(err)) return undefined;
  throw err;
}

const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};

export class D365Session implements ErpSession {
  readonly concurrency: number;
  readonly batchSize: number;
  readonly format: () => Promise<FormatInfo>;
  readonly vendorGroups: () => Promise<VendorGroup[]>;
  private readonly lists = new Map<string, Promise<ReferenceRecord[]>>();
  private readonly upserter: Upserter;

  constructor(
    private readonly s: D365Settings,
    private readonly client: D365Client,
  ) {
    this.concurrency = s.concurrency;
    this.batchSize = s.batchSize;
    this.format = once(() => readFormat(client, s));
    this.vendorGroups = once(() => readVendorGroups(client));
    this.upserter = new Upserter(s, client, async (ops) => {
      const vendors = ops.filter((o) => o.family === 'employee');
      const dims = vendors.some((o) => o.payload[DIMENSIONS] !== undefined);
      // Without a readable VendorGroups the group is left to D365's own validation.
      const groups = vendors.length > 0 ? this.vendorGroups().then(groupsByCompany, unlessSetup) : undefined;
      const [format, byCompany] = await Promise.all([dims ? this.format() : undefined, groups]);
      return { format, groups: byCompany };
    });
  }

  async ping(flows: readonly FlowSettings[] = []): Promise<string> {
    const [groups, f] = await Promise.all([this.vendorGroups(), this.format()]);
    const companies = [...new Set(flows.map((fl) => (fl.options as Partial<D365FlowOptions>).dataAreaId).filter((c): c is string => !!c))];
    const entities = companies.map((c) => {
      const n = groups.filter((g) => g.dataAreaId === c).length;
      return n > 0 ? `${c} (${n} vendor groups)` : `${c} (no vendor groups: does it exist?)`;
    });
    const format = f.format ? `${this.s.dimensionFormat ? 'configured' : 'active'} default dimension format ${describeFormat(f.format)}` : `no dimension format: ${f.problem ?? ''}`;
    const how = this.s.credential === 'secret' ? 'client secret' : 'certificate';
    return `environment ${this.s.environment}: legal entit${entities.length === 1 ? 'y' : 'ies'} ${entities.join(', ') || '(no flow)'}; ${format}; token by ${how}`;
  }

  async references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    const wanted = [...new Set(recordTypes)].filter((t) => t === VENDOR_GROUP_TYPE || dimensionOfType(t) !== undefined);
    // The values of every dimension asked for come in one query.
    const dims = wanted.filter((t) => t !== VENDOR_GROUP_TYPE && !this.lists.has(t));
    const values = dims.length > 0 ? this.readValues(dims.map((t) => dimensionOfType(t)!)) : undefined;
    for (const t of dims) this.lists.set(t, values!.then((byDim) => byDim.get(dimensionOfType(t)!.toUpperCase()) ?? []));
    if (wanted.includes(VENDOR_GROUP_TYPE) && !this.lists.has(VENDOR_GROUP_TYPE)) this.lists.set(VENDOR_GROUP_TYPE, this.readGroups());
    const read = await Promise.all(wanted.map((t) => this.lists.get(t)!));
    return Object.fromEntries(wanted.map((t, i) => [t, read[i]!]));
  }

  applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]> {
    return this.upserter.apply(ops);
  }

  selfCheck(flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
    return selfCheck(this.s, this.client, flows, this.format);
  }

  async close(): Promise<void> {}

  /** Vendor groups of every legal entity (the check is by id; the write checks the flow's own entity). */
  private async readGroups(): Promise<ReferenceRecord[]> {
    const byId = new Map((await this.vendorGroups()).map((g) => [g.id, { id: g.id, name: g.description, active: true }]));
    return [...byId.values()];
  }

  /** The values of some dimensions, company-specific and shared ones (erps.md §8 A.2), by dimension (upper-cased). */
  private async readValues(dimensions: readonly string[]): Promise<Map<string, ReferenceRecord[]>> {
    const rows = await this.client.rows('FinancialDimensionValues', {
      'cross-company': 'true',
      $filter: dimensions.map((d) => `FinancialDimension eq ${literal(d)}`).join(' or '),
      $select: 'FinancialDimension,DimensionValue,Description,IsSuspended,ActiveTo,LegalEntityId',
    });
    const now = Date.now();
    const out = new Map<string, Map<string, ReferenceRecord>>();
    for (const r of rows) {
      const dim = String(r.FinancialDimension ?? '').toUpperCase();
      const byId = out.get(dim) ?? out.set(dim, new Map()).get(dim)!;
      const to = Date.parse(String(r.ActiveTo ?? ''));
      const active = r.IsSuspended !== 'Yes' && !(to > Date.parse('1901-01-01T00:00:00Z') && to < now);
      const id = String(r.DimensionValue ?? '');
      // A value active in any scope counts as active: the write's own validation has the last word.
      if (!byId.get(id)?.active) byId.set(id, { id, name: String(r.Description ?? ''), active });
    }
    return new Map([...out].map(([d, m]) => [d, [...m.values()]]));
  }
}
