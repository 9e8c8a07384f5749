// The reference slots of a D365 flow: the vendor group (required, checked against
// VendorGroups, erps.md §8 A.1) and one slot per financial dimension of the default
// dimension. Dimension names are the customer's own (financial dimension setup), so any
// dimension-like name is a slot; the ones listed are the standard F&O (Contoso) names, shown
// in messages. `config check --online` says when a slot is not in the active format.
import type { ReferenceSlot } from '../types.js';

export const VENDOR_GROUP_SLOT = 'vendorGroup';
export const VENDOR_GROUP_TYPE = 'VendorGroups';
const DIMENSION_TYPE_PREFIX = 'dimension ';

const DIMENSION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;
const STANDARD_DIMENSIONS = ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'];

/** The record type of a dimension slot's values (`dimension Department`). */
export const dimensionType = (name: string): string => `${DIMENSION_TYPE_PREFIX}${name}`;

/** The dimension a record type names, if it is one. */
export function dimensionOfType(recordType: string): string | undefined {
  return recordType.startsWith(DIMENSION_TYPE_PREFIX) ? recordType.slice(DIMENSION_TYPE_PREFIX.length) : undefined;
}

function dimensionSlot(name: string): ReferenceSlot {
  return {
    recordType: dimensionType(name),
    required: false,
    description: `financial dimension ${name} (a segment of the vendor's default dimension)`,
    provisionable: true,
    // FinancialDimensionValues lists only values already used or modified (erps.md §8 A.2).
    listing: 'partial',
  };
}

export function dimensionSlots(): Record<string, ReferenceSlot> {
  const listed: Record<string, ReferenceSlot> = {
    [VENDOR_GROUP_SLOT]: { recordType: VENDOR_GROUP_TYPE, required: true, description: 'vendor group of the employee-vendors (VendorGroups)' },
    ...Object.fromEntries(STANDARD_DIMENSIONS.map((d) => [d, dimensionSlot(d)])),
  };
  return new Proxy(listed, {
    get: (target, key) => {
      if (typeof key !== 'string' || Object.hasOwn(target, key)) return Reflect.get(target, key);
      return DIMENSION_NAME.test(key) ? dimensionSlot(key) : undefined;
    },
  });
}

export const isDimensionSlot = (slot: string): boolean => slot !== VENDOR_GROUP_SLOT && DIMENSION_NAME.test(slot);
