// Where each entity set's rows come from and how it is written. Vendors, vendor groups and
// dimension values are tables; the integration format, dimension parameters, dimension
// attributes and dimension sets are views over the environment's setup (read-only here:
// the sync must never change the setup, reference §8 A.2).
import type { DataContext } from './context.js';
import { DELIMITERS } from './dimensions.js';
import { createDimensionValue, createVendorGroup, updateDimensionValue, updateVendorGroup } from './reference-writes.js';
import type { EntitySetDef } from './schema.js';
import { foldKey, type StoredRow, type Table } from './table.js';
import type { Value } from './types.js';
import { createVendor, updateVendor } from './vendors.js';

type Row = Record<string, Value>;

export interface SetSource {
  rows(ctx: DataContext): StoredRow[];
  /** Whether a row shows up in reads (the A.2 listing caveat, company scoping is separate). */
  visible(ctx: DataContext, row: StoredRow): boolean;
  table?(ctx: DataContext): Table;
  create?(ctx: DataContext, def: EntitySetDef, input: Row): StoredRow;
  update?(ctx: DataContext, def: EntitySetDef, existing: StoredRow, changes: Row): StoredRow;
}

const always = (): boolean => true;
const view = (rows: Row[]): StoredRow[] => rows.map((values) => ({ values, rv: 1 }));

function formatRows(ctx: DataContext): Row[] {
  const st = ctx.state;
  const join = (dims: readonly string[]) => dims.join(DELIMITERS[st.delimiter]);
  const rows: Row[] = [];
  if (st.format) rows.push({ DimensionFormatName: 'Default dimension format', DimensionFormatType: 'DataEntityDefaultDimensionFormat', FinancialDimensionFormat: join(st.format.dimensions), IsActive: 'Yes' });
  rows.push({ DimensionFormatName: 'Ledger dimension format', DimensionFormatType: 'DataEntityLedgerDimensionFormat', FinancialDimensionFormat: join(st.ledgerFormat), IsActive: 'Yes' });
  return rows;
}

function dimensionSetRows(ctx: DataContext): Row[] {
  const field = ctx.state.schema.dimensionField;
  const values = new Set(ctx.state.vendors.all().map((r) => String(r.values[field] ?? '')).filter((v) => v !== ''));
  return [...values].map((DisplayValue) => ({ DisplayValue }));
}

const SOURCES: Record<string, SetSource> = {
  VendorsV2: { rows: (c) => c.state.vendors.all(), visible: always, table: (c) => c.state.vendors, create: createVendor, update: updateVendor },
  VendorsV3: { rows: (c) => c.state.vendors.all(), visible: always, table: (c) => c.state.vendors, create: createVendor, update: updateVendor },
  VendorGroups: { rows: (c) => c.state.vendorGroups.all(), visible: always, table: (c) => c.state.vendorGroups, create: createVendorGroup, update: updateVendorGroup },
  FinancialDimensionValues: {
    rows: (c) => c.state.dimensionValues.all(),
    visible: (c, row) =>
      c.state.settings.dimensionListing === 'all' || row.used === true || row.overridden === true || c.state.dimension(String(row.values['FinancialDimension']))?.backing === 'customList',
    table: (c) => c.state.dimensionValues,
    create: createDimensionValue,
    update: updateDimensionValue,
  },
  DimensionIntegrationFormats: { rows: (c) => view(formatRows(c)), visible: always },
  DimensionParameters: { rows: (c) => view([{ Key: 0, DimensionSegmentDelimiter: c.state.delimiter }]), visible: always },
  DimensionAttributes: { rows: (c) => view([...c.state.dimensions.values()].map((d) => ({ DimensionName: d.name, ReportColumnName: d.name }))), visible: always },
  DimensionSets: { rows: (c) => view(dimensionSetRows(c)), visible: always },
};

export function sourceFor(name: string): SetSource | undefined {
  return SOURCES[name];
}

/** Finds a row by key in any source (tables index it; views are scanned). */
export function findByKey(ctx: DataContext, def: EntitySetDef, source: SetSource, key: Readonly<Record<string, Value>>): StoredRow | undefined {
  const table = source.table?.(ctx);
  if (table) return table.get(key);
  const wanted = def.keys.map((k) => foldKey(key[k] ?? null)).join('\u0000');
  return source.rows(ctx).find((r) => def.keys.map((k) => foldKey(r.values[k] ?? null)).join('\u0000') === wanted);
}
