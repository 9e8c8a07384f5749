// In-memory F&O environment: companies, vendors (VendTable), vendor groups, financial
// dimensions and their values, the integration format, and reference lists (currencies,
// terms and methods of payment). Tests read it in-process (`sim.state`); the OData layer
// and the control API change it.
import { DEFAULT_DIMENSION_FIELD, Schema } from './schema.js';
import { Db, foldKey, Table, type StoredRow } from './table.js';
import type { D365CompanySeed, D365Format, D365Seed, D365Settings, DelimiterName, Value } from './types.js';
import { defaults, EMPTY_DATE } from './values.js';

export interface Dimension {
  name: string;
  backing: 'entity' | 'customList';
}

export const DEFAULT_SETTINGS: D365Settings = {
  build: 'current',
  pageSize: 10_000,
  dimensionListing: 'usedOnly',
  keyAccessOtherCompany: 'crossCompanyOnly',
  batchContinueOnError: true,
  failedChangesetContentId: 'first',
  messages: {
    // reference §8 A.2 (field note); the other two texts are assumptions (NOT FOUND)
    noActiveFormat: 'No active format for data entities has been set up.',
    unknownDimensionValue: "Value '{value}' for dimension '{dimension}' does not exist.",
    suspendedDimensionValue: "Value '{value}' for dimension '{dimension}' is suspended.",
  },
};

export interface DimensionValueInput {
  dimension: string;
  value: string;
  description?: string;
  legalEntityId?: string;
  suspended?: boolean;
  used?: boolean;
}

const upperSet = (items: readonly string[]): Set<string> => new Set(items.map((i) => i.toUpperCase()));

export class D365State {
  readonly db = new Db();
  readonly vendors = new Table(['dataAreaId', 'VendorAccountNumber'], this.db);
  readonly vendorGroups = new Table(['dataAreaId', 'VendorGroupId'], this.db);
  readonly dimensionValues = new Table(['FinancialDimension', 'LegalEntityId', 'DimensionValue'], this.db);
  readonly dimensions = new Map<string, Dimension>();
  readonly companies = new Map<string, D365CompanySeed>();
  readonly currencies: Set<string>;
  readonly paymentTerms: Set<string>;
  readonly paymentMethods: Set<string>;
  readonly defaultCompany: string;
  readonly ledgerFormat: string[];
  format: D365Format | null;
  /** DimensionParameters.DimensionSegmentDelimiter: kept when the format is removed. */
  delimiter: DelimiterName;
  private nextParty = 1_001;

  constructor(
    seed: D365Seed,
    public schema: Schema,
    public settings: D365Settings,
  ) {
    for (const c of seed.companies) this.companies.set(c.id.toLowerCase(), { ...c, id: c.id.toLowerCase() });
    const dflt = this.company(seed.defaultCompany);
    if (!dflt) throw new RangeError(`defaultCompany ${seed.defaultCompany} is not among the companies`);
    this.defaultCompany = dflt.id;
    this.currencies = upperSet(seed.currencies);
    this.paymentTerms = upperSet(seed.paymentTerms);
    this.paymentMethods = upperSet(seed.paymentMethods);
    this.format = null;
    this.delimiter = 'Hyphen';
    this.setFormat(seed.format);
    this.ledgerFormat = [...seed.ledgerFormat];
    for (const g of seed.vendorGroups) this.addVendorGroup(g.dataAreaId, g.id, g.description);
    for (const dim of seed.dimensions) {
      this.dimensions.set(dim.name.toUpperCase(), { name: dim.name, backing: dim.backing });
      for (const v of dim.values) this.addDimensionValue({ ...v, dimension: dim.name });
    }
    for (const v of seed.vendors) this.seedVendor(v);
  }

  /** Legal entities compare case-insensitively; ids are stored lower-case as F&O shows them. */
  company(id: string): D365CompanySeed | undefined {
    return this.companies.get(id.toLowerCase());
  }

  /** null = no active Default dimension format (writes of display values then fail, A.2). */
  setFormat(format: D365Format | null): void {
    this.format = format ? { dimensions: [...format.dimensions], delimiter: format.delimiter } : null;
    if (format) this.delimiter = format.delimiter;
  }

  dimension(name: string): Dimension | undefined {
    return this.dimensions.get(name.toUpperCase());
  }

  partyNumber(): string {
    return String(this.nextParty++).padStart(9, '0');
  }

  /** Vendors as plain objects (all companies, or one). */
  vendorList(company?: string): Array<Record<string, Value>> {
    const rows = this.vendors.all().map((r) => ({ ...r.values }));
    return company === undefined ? rows : rows.filter((r) => foldKey(r['dataAreaId'] ?? null) === company.toUpperCase());
  }

  vendor(company: string, account: string): Record<string, Value> | undefined {
    const row = this.vendors.get({ dataAreaId: company, VendorAccountNumber: account });
    return row ? { ...row.values } : undefined;
  }

  /** A value in the company or shared (LegalEntityId ''), company first. */
  findDimensionValue(dimension: string, company: string, value: string): StoredRow | undefined {
    return (
      this.dimensionValues.get({ FinancialDimension: dimension, LegalEntityId: company, DimensionValue: value }) ??
      this.dimensionValues.get({ FinancialDimension: dimension, LegalEntityId: '', DimensionValue: value })
    );
  }

  dimensionValueList(): Array<Record<string, Value | boolean>> {
    return this.dimensionValues.all().map((r) => ({ ...r.values, used: r.used === true, overridden: r.overridden === true }));
  }

  addDimensionValue(input: DimensionValueInput): void {
    const dim = this.dimension(input.dimension);
    if (!dim) throw new RangeError(`unknown financial dimension ${input.dimension}`);
    const values: Record<string, Value> = {
      FinancialDimension: dim.name,
      LegalEntityId: input.legalEntityId ?? '',
      DimensionValue: input.value,
      Description: input.description ?? '',
      ActiveFrom: EMPTY_DATE,
      ActiveTo: EMPTY_DATE,
      IsSuspended: input.suspended ? 'Yes' : 'No',
      IsTotal: 'No',
      IsBlockedForManualEntry: 'No',
      GroupDimension: '',
    };
    this.dimensionValues.put({ values, rv: this.db.rv(), used: input.used === true, overridden: input.suspended === true });
  }

  addVendorGroup(dataAreaId: string, id: string, description: string): void {
    const company = this.company(dataAreaId);
    if (!company) throw new RangeError(`unknown company ${dataAreaId}`);
    this.vendorGroups.put({ values: { dataAreaId: company.id, VendorGroupId: id, Description: description }, rv: this.db.rv() });
  }

  /** Seeded vendors skip validation but get F&O's defaults. */
  seedVendor(input: Record<string, Value>): void {
    const set = new Schema({ vendorDimensionField: this.schema.dimensionField }).set('VendorsV2');
    const company = this.company(String(input['dataAreaId'] ?? this.defaultCompany));
    if (!set || !company) throw new RangeError(`vendor seed needs a known dataAreaId: ${JSON.stringify(input)}`);
    const field = this.schema.dimensionField;
    const { [DEFAULT_DIMENSION_FIELD]: display = '', ...rest } = input;
    const values = { ...defaults(set), CurrencyCode: company.currency, VendorPartyNumber: this.partyNumber(), [field]: display, ...rest, dataAreaId: company.id };
    this.vendors.put({ values, rv: this.db.rv() });
  }

  counts(): Record<string, number> {
    return {
      companies: this.companies.size,
      vendors: this.vendors.size,
      vendorGroups: this.vendorGroups.size,
      dimensions: this.dimensions.size,
      dimensionValues: this.dimensionValues.size,
    };
  }
}
