// Writes to FinancialDimensionValues (keyed FinancialDimension, LegalEntityId, DimensionValue;
// reference §8 A.2) and VendorGroups. A value written through the entity counts as
// "explicitly modified", so the listing shows it from then on (A.2 caveat).
import { businessError, countWrite, foreignKeyFailure, keysUnchanged, mandatoryFailure, rejectDuplicate, type DataContext } from './context.js';
import type { InfologEntry } from './http.js';
import type { EntitySetDef } from './schema.js';
import type { StoredRow } from './table.js';
import type { Value } from './types.js';
import { defaults } from './values.js';

type Row = Record<string, Value>;

const str = (v: Value | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Dimension codes are natural keys of at most 30 characters, names at most 60 (A.2). */
const MAX_LENGTH: Record<string, number> = { DimensionValue: 30, Description: 60 };

function tooLong(row: Row): InfologEntry[] {
  return Object.entries(MAX_LENGTH)
    .filter(([field, max]) => str(row[field]).length > max)
    .map(([field, max]): InfologEntry => ({ level: 'Error', text: `The value in field '${field}' is longer than ${max} characters.` }));
}

export function createDimensionValue(ctx: DataContext, def: EntitySetDef, input: Row): StoredRow {
  const st = ctx.state;
  const row: Row = { ...defaults(def), ...input };
  const dim = st.dimension(str(row['FinancialDimension']));
  const entries: InfologEntry[] = [];
  if (!dim && str(row['FinancialDimension']) !== '') entries.push(...foreignKeyFailure(def, 'FinancialDimension', str(row['FinancialDimension']), 'Financial dimension', 'Dimensions'));
  const le = str(row['LegalEntityId']);
  if (le !== '' && !st.company(le)) entries.push(...foreignKeyFailure(def, 'LegalEntityId', le, 'Legal entity', 'Legal entities'));
  entries.push(...tooLong(row));
  const missing = [['FinancialDimension', 'Financial dimension'], ['DimensionValue', 'Dimension value']].filter(([f]) => str(row[f ?? '']) === '').map(([, l]) => l ?? '');
  entries.push(...mandatoryFailure(missing, 'DimensionAttributeValue'));
  if (entries.length > 0) throw businessError(ctx, def, entries, 'create');
  row['FinancialDimension'] = dim?.name ?? '';
  row['LegalEntityId'] = le === '' ? '' : (st.company(le)?.id ?? le);
  rejectDuplicate(ctx, def, st.dimensionValues, row, str(row['DimensionValue']));
  const stored: StoredRow = { values: row, rv: st.db.rv(), used: false, overridden: true };
  st.dimensionValues.put(stored);
  countWrite(ctx, 'creates');
  return stored;
}

export function updateDimensionValue(ctx: DataContext, def: EntitySetDef, existing: StoredRow, changes: Row): StoredRow {
  keysUnchanged(def, existing, changes);
  const row: Row = { ...existing.values, ...changes, FinancialDimension: existing.values['FinancialDimension'] ?? '', LegalEntityId: existing.values['LegalEntityId'] ?? '', DimensionValue: existing.values['DimensionValue'] ?? '' };
  const entries = tooLong(row);
  if (entries.length > 0) throw businessError(ctx, def, entries, 'update');
  const stored: StoredRow = { ...existing, values: row, rv: ctx.state.db.rv(), overridden: true };
  ctx.state.dimensionValues.put(stored);
  countWrite(ctx, 'updates');
  return stored;
}

export function createVendorGroup(ctx: DataContext, def: EntitySetDef, input: Row): StoredRow {
  const st = ctx.state;
  const company = st.company(str(input['dataAreaId'] ?? st.defaultCompany));
  if (!company) throw businessError(ctx, def, [{ level: 'Error', text: `Company '${str(input['dataAreaId'])}' does not exist.` }], 'create');
  const row: Row = { ...defaults(def), ...input, dataAreaId: company.id };
  const entries = mandatoryFailure(str(row['VendorGroupId']) === '' ? ['Vendor group'] : [], 'VendGroup');
  if (entries.length > 0) throw businessError(ctx, def, entries, 'create');
  rejectDuplicate(ctx, def, st.vendorGroups, row, `${str(row['VendorGroupId'])}, ${str(row['Description'])}`);
  const stored: StoredRow = { values: row, rv: st.db.rv() };
  st.vendorGroups.put(stored);
  countWrite(ctx, 'creates');
  return stored;
}

export function updateVendorGroup(ctx: DataContext, def: EntitySetDef, existing: StoredRow, changes: Row): StoredRow {
  keysUnchanged(def, existing, changes);
  const stored: StoredRow = { values: { ...existing.values, ...changes, dataAreaId: existing.values['dataAreaId'] ?? '', VendorGroupId: existing.values['VendorGroupId'] ?? '' }, rv: ctx.state.db.rv() };
  ctx.state.vendorGroups.put(stored);
  countWrite(ctx, 'updates');
  return stored;
}
