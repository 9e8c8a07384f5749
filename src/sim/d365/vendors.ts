// VendorsV2/V3 writes in X++ order (odata.md, reference §8 A.3): field values are validated
// first (foreign keys, the dimension display value), then the record (mandatory fields),
// then the insert (duplicate key). Business failures are AxODataWriteException bodies.
import { businessError, countWrite, fieldFailure, foreignKeyFailure, keysUnchanged, mandatoryFailure, nowIso, rejectDuplicate, type DataContext } from './context.js';
import { markUsed, resolveDisplayValue } from './dimensions.js';
import type { InfologEntry } from './http.js';
import type { EntitySetDef } from './schema.js';
import type { StoredRow } from './table.js';
import type { Value } from './types.js';
import { defaults } from './values.js';

type Row = Record<string, Value>;

const str = (v: Value | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Reference lists checked per field: [field, label, related table, lookup]. */
function referenceChecks(ctx: DataContext, company: string): Array<[string, string, string, (v: string) => boolean]> {
  const st = ctx.state;
  return [
    ['VendorGroupId', 'Vendor group', 'Vendor groups', (v) => st.vendorGroups.get({ dataAreaId: company, VendorGroupId: v }) !== undefined],
    ['CurrencyCode', 'Currency', 'Currencies', (v) => st.currencies.has(v.toUpperCase())],
    ['DefaultPaymentTermsName', 'Terms of payment', 'Terms of payment', (v) => st.paymentTerms.has(v.toUpperCase())],
    ['DefaultVendorPaymentMethodName', 'Method of payment', 'Vendor payment methods', (v) => st.paymentMethods.has(v.toUpperCase())],
  ];
}

interface FieldResult {
  entries: InfologEntry[];
  used: StoredRow[];
  dimension?: string;
}

/** ValidateField on the fields the request sets (A.3: FK errors come before record errors). */
function validateFields(ctx: DataContext, def: EntitySetDef, row: Row, fields: ReadonlySet<string>, company: string): FieldResult {
  const out: FieldResult = { entries: [], used: [] };
  for (const [field, label, table, exists] of referenceChecks(ctx, company)) {
    const v = str(row[field]);
    if (fields.has(field) && v !== '' && !exists(v)) out.entries.push(...foreignKeyFailure(def, field, v, label, table));
  }
  const party = str(row['VendorPartyType']);
  if (fields.has('VendorPartyType') && party !== '' && party !== 'Person' && party !== 'Organization') {
    out.entries.push(...fieldFailure(def, 'VendorPartyType', `The value '${party}' is not a valid party type; use Person or Organization.`));
  }
  const dimField = ctx.state.schema.dimensionField;
  if (fields.has(dimField)) {
    const r = resolveDisplayValue(ctx.state, company, str(row[dimField]));
    if (r.ok) {
      out.dimension = r.canonical;
      out.used = r.rows;
    } else {
      out.entries.push(...r.entries, { level: 'Warning', text: `validateField failed on field '${def.entity}.${dimField}'.` });
    }
  }
  return out;
}

function validateWrite(row: Row): InfologEntry[] {
  const missing: string[] = [];
  if (str(row['VendorAccountNumber']) === '') missing.push('Vendor account');
  if (str(row['VendorGroupId']) === '') missing.push('Vendor group');
  return mandatoryFailure(missing, 'VendTable');
}

function partyName(row: Row): string {
  if (row['VendorPartyType'] === 'Person') return [row['PersonFirstName'], row['PersonMiddleName'], row['PersonLastName']].map(str).filter(Boolean).join(' ');
  return str(row['VendorOrganizationName']);
}

function finish(ctx: DataContext, row: Row, fields: FieldResult, kind: 'creates' | 'updates'): StoredRow {
  if (fields.dimension !== undefined) row[ctx.state.schema.dimensionField] = fields.dimension;
  if (str(row['VendorSearchName']) === '') row['VendorSearchName'] = partyName(row).slice(0, 20);
  markUsed(ctx.state, fields.used);
  const stored = { values: row, rv: ctx.state.db.rv() };
  ctx.state.vendors.put(stored);
  countWrite(ctx, kind);
  return stored;
}

export function createVendor(ctx: DataContext, def: EntitySetDef, input: Row): StoredRow {
  const st = ctx.state;
  const company = st.company(str(input['dataAreaId'] ?? st.defaultCompany));
  if (!company) throw businessError(ctx, def, [{ level: 'Error', text: `Company '${str(input['dataAreaId'])}' does not exist.` }], 'create');
  const now = nowIso();
  const row: Row = { ...defaults(def), CurrencyCode: company.currency, ...input, dataAreaId: company.id, CreatedDateTime1: now, ModifiedDateTime1: now };
  const fields = validateFields(ctx, def, row, new Set(Object.keys(input)), company.id);
  const entries = [...fields.entries, ...validateWrite(row)];
  if (entries.length > 0) throw businessError(ctx, def, entries, 'create');
  rejectDuplicate(ctx, def, st.vendors, row, `${str(row['VendorAccountNumber'])}, ${partyName(row)}`);
  row['VendorPartyNumber'] = st.partyNumber();
  return finish(ctx, row, fields, 'creates');
}

export function updateVendor(ctx: DataContext, def: EntitySetDef, existing: StoredRow, changes: Row): StoredRow {
  keysUnchanged(def, existing, changes);
  const company = str(existing.values['dataAreaId']);
  const row: Row = { ...existing.values, ...changes, dataAreaId: company, VendorAccountNumber: existing.values['VendorAccountNumber'] ?? '', ModifiedDateTime1: nowIso() };
  const fields = validateFields(ctx, def, row, new Set(Object.keys(changes)), company);
  const entries = [...fields.entries, ...validateWrite(row)];
  if (entries.length > 0) throw businessError(ctx, def, entries, 'update');
  return finish(ctx, row, fields, 'updates');
}
