// The entity types the simulator serves, described once: $metadata, input parsing, output
// and $filter all read these definitions. Names and types come from real F&O metadata
// (reference §8 A.1 for VendorsV2/V3 and VendorGroups, A.2 for the dimension entities; the
// EDMX shape follows the trimmed real $metadata cited in reference §6).
import type { D365SchemaOptions } from './types.js';

export const NAMESPACE = 'Microsoft.Dynamics.DataEntities';

export const ENUMS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  NoYes: [['No', 0], ['Yes', 1]],
  // reference §5.3 (PurchOrder only in newer metadata)
  CustVendorBlocked: [['No', 0], ['Invoice', 1], ['All', 2], ['Payment', 3], ['Requisition', 4], ['Never', 5], ['PurchOrder', 6]],
  LedgerJournalACType: [['Ledger', 0], ['Cust', 1], ['Vend', 2], ['Project', 3], ['FixedAssets', 5], ['Bank', 6]],
  // reference §5.4 (IntegratoR enum): only the two data-entity members are served
  DimensionHierarchyType: [['DataEntityDefaultDimensionFormat', 17], ['DataEntityLedgerDimensionFormat', 18]],
  DimensionSegmentDelimiter: [
    ['Hyphen', 0], ['Period', 1], ['Underscore', 2], ['Bar', 3], ['DoubleHyphen', 4],
    ['DoublePeriod', 5], ['DoubleUnderscore', 6], ['DoubleBar', 7], ['Tilde', 8], ['DoubleTilde', 9],
  ],
};

export type Primitive = 'Edm.String' | 'Edm.Int32' | 'Edm.Decimal' | 'Edm.DateTimeOffset';

export interface PropertyDef {
  name: string;
  type: Primitive;
  /** Set for enum properties (a key of ENUMS); `type` is then Edm.String for storage. */
  enumType?: string;
  /** Computed by the server: accepted on input and ignored. */
  readOnly?: boolean;
}

export interface EntitySetDef {
  name: string;
  type: string;
  /** The X++ entity named in "Write failed for table row of type '…'" (A.3). */
  entity: string;
  keys: readonly string[];
  props: readonly PropertyDef[];
  /** Company-specific (has dataAreaId): cross-company rules apply. */
  company: boolean;
  writable: boolean;
  /** Duplicate-key Infolog: "Cannot create a record in <label> (<table>). <keyLabel>: …". */
  table: { label: string; name: string; keyLabel: string };
}

const s = (name: string, readOnly = false): PropertyDef => ({ name, type: 'Edm.String', ...(readOnly ? { readOnly } : {}) });
const e = (name: string, enumType: string): PropertyDef => ({ name, type: 'Edm.String', enumType });
const d = (name: string, readOnly = false): PropertyDef => ({ name, type: 'Edm.DateTimeOffset', ...(readOnly ? { readOnly } : {}) });

function vendorProps(dimensionField: string): PropertyDef[] {
  return [
    s('dataAreaId'), s('VendorAccountNumber'), s('VendorGroupId'), s('VendorPartyType'), s('VendorOrganizationName'),
    s('PersonFirstName'), s('PersonMiddleName'), s('PersonLastName'), s('PersonLastNamePrefix'), s('PersonPersonalTitle'),
    s('PersonInitials'), s('VendorSearchName'), s('VendorKnownAsName'), s('VendorPartyNumber', true),
    e('OnHoldStatus', 'CustVendorBlocked'), d('VendorHoldReleaseDate'), s(dimensionField),
    e('DefaultOffsetAccountType', 'LedgerJournalACType'), s('DefaultOffsetLedgerAccountDisplayValue'),
    s('PrimaryEmailAddress'), s('PrimaryEmailAddressDescription'), s('PrimaryEmailAddressPurpose'),
    e('IsPrimaryEmailAddressIMEnabled', 'NoYes'), s('PrimaryPhoneNumber'), s('PrimaryPhoneNumberExtension'),
    s('PrimaryPhoneNumberDescription'), s('PrimaryPhoneNumberPurpose'), e('IsPrimaryPhoneNumberMobile', 'NoYes'),
    s('CurrencyCode'), s('DefaultPaymentTermsName'), s('DefaultVendorPaymentMethodName'), s('BankAccountId'),
    s('AddressStreet'), s('AddressCity'), s('AddressStateId'), s('AddressZipCode'), s('AddressCountryRegionId'),
    s('AddressCountyId'), s('AddressDescription'), s('AddressLocationRoles'), s('FormattedPrimaryAddress', true),
    s('MainContactPersonnelNumber'), e('IsOneTimeVendor', 'NoYes'), s('Notes'), s('LanguageId'),
    d('CreatedDateTime1', true), d('ModifiedDateTime1', true),
  ];
}

const VENDTABLE = { label: 'Vendors', name: 'VendTable', keyLabel: 'Vendor account' };

export const DEFAULT_DIMENSION_FIELD = 'DefaultLedgerDimensionDisplayValue';

function allSets(dimensionField: string): EntitySetDef[] {
  const vendor = (name: string, type: string, entity: string): EntitySetDef => ({
    name, type, entity, keys: ['dataAreaId', 'VendorAccountNumber'], props: vendorProps(dimensionField), company: true, writable: true, table: VENDTABLE,
  });
  return [
    vendor('VendorsV2', 'VendorV2', 'VendVendorV2Entity'),
    vendor('VendorsV3', 'VendorV3', 'VendVendorV3Entity'),
    {
      name: 'VendorGroups', type: 'VendorGroup', entity: 'VendVendorGroupEntity', keys: ['dataAreaId', 'VendorGroupId'],
      props: [s('dataAreaId'), s('VendorGroupId'), s('Description')], company: true, writable: true,
      table: { label: 'Vendor groups', name: 'VendGroup', keyLabel: 'Vendor group' },
    },
    {
      name: 'FinancialDimensionValues', type: 'FinancialDimensionValue', entity: 'DimensionFinancialDimensionValueEntity',
      keys: ['FinancialDimension', 'LegalEntityId', 'DimensionValue'],
      props: [
        s('FinancialDimension'), s('LegalEntityId'), s('DimensionValue'), s('Description'), d('ActiveFrom'), d('ActiveTo'),
        e('IsSuspended', 'NoYes'), e('IsTotal', 'NoYes'), e('IsBlockedForManualEntry', 'NoYes'), s('GroupDimension'),
      ],
      company: false, writable: true,
      table: { label: 'Financial dimension values', name: 'DimensionAttributeValue', keyLabel: 'Dimension value' },
    },
    {
      name: 'DimensionIntegrationFormats', type: 'DimensionIntegrationFormat', entity: 'DimensionIntegrationFormatEntity',
      keys: ['DimensionFormatName', 'DimensionFormatType'],
      props: [s('DimensionFormatName'), e('DimensionFormatType', 'DimensionHierarchyType'), s('FinancialDimensionFormat'), e('IsActive', 'NoYes')],
      company: false, writable: false,
      table: { label: 'Dimension formats', name: 'DimensionHierarchy', keyLabel: 'Name' },
    },
    {
      name: 'DimensionParameters', type: 'DimensionParameter', entity: 'DimensionParametersEntity', keys: ['Key'],
      props: [{ name: 'Key', type: 'Edm.Int32' }, e('DimensionSegmentDelimiter', 'DimensionSegmentDelimiter')],
      company: false, writable: false,
      table: { label: 'Dimension parameters', name: 'DimensionParameters', keyLabel: 'Key' },
    },
    {
      name: 'DimensionAttributes', type: 'DimensionAttribute', entity: 'DimensionAttributeEntity', keys: ['DimensionName'],
      props: [s('DimensionName'), s('ReportColumnName')], company: false, writable: false,
      table: { label: 'Dimensions', name: 'DimensionAttribute', keyLabel: 'Name' },
    },
    {
      name: 'DimensionSets', type: 'DimensionSet', entity: 'DimensionSetEntity', keys: ['DisplayValue'],
      props: [s('DisplayValue')], company: false, writable: false,
      table: { label: 'Dimension sets', name: 'DimensionAttributeValueSet', keyLabel: 'Display value' },
    },
  ];
}

export class Schema {
  readonly sets = new Map<string, EntitySetDef>();
  readonly dimensionField: string;

  constructor(readonly options: D365SchemaOptions = {}) {
    this.dimensionField = options.vendorDimensionField ?? DEFAULT_DIMENSION_FIELD;
    const omitSets = new Set(options.omitEntitySets ?? []);
    for (const def of allSets(this.dimensionField)) {
      if (omitSets.has(def.name)) continue;
      const omit = new Set(options.omitProperties?.[def.name] ?? []);
      for (const k of def.keys) if (omit.has(k)) throw new RangeError(`${def.name}: key property ${k} cannot be omitted`);
      this.sets.set(def.name, { ...def, props: def.props.filter((p) => !omit.has(p.name)) });
    }
  }

  /** Entity-set names are case-sensitive (odata.md, reference §5.2). */
  set(name: string): EntitySetDef | undefined {
    return this.sets.get(name);
  }

  prop(def: EntitySetDef, name: string): PropertyDef | undefined {
    return def.props.find((p) => p.name === name);
  }
}
