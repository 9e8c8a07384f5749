// Purchasing Vendors: the stock SBA object (erps.md §8 B.1). Lengths from eConnect
// taUpdateCreateVendorRcd (VENDORID 15, VENDNAME 64, …); status Active/Inactive/Temporary
// (VENDSTTS 1/2/3) and on hold (HOLD 0/1) per erps.md §3.3; a vendor class must exist, as
// in Vendor Maintenance. Deletable (SBA.md: "must meet the rules in order to be deleted";
// the simulator has no open documents, so the rules always pass).
import { z } from 'zod';
import { crudHandlers } from './crud.js';
import { GpError } from './http.js';
import { newVendor } from './records.js';
import type { ResourceDef } from './resource.js';
import type { GpCompanyStore } from './store.js';
import type { GpVendor } from './types.js';
import { readOnlyStamps, text } from './validation.js';

const Address = z.strictObject({
  Line1: text(60),
  Line2: text(60),
  Line3: text(60),
  City: text(35),
  State: text(29),
  PostalCode: text(10),
  CountryRegion: text(60),
  Phone1: text(21),
});

const fields = {
  Name: text(64).min(1, 'required'),
  ShortName: text(15),
  CheckName: text(64),
  ClassId: text(15),
  Status: z.enum(['Active', 'Inactive', 'Temporary']),
  IsOnHold: z.boolean(),
  Address: Address.partial(),
  EmailAddress: text(200),
  Comment1: text(30),
  Comment2: text(30),
  ...readOnlyStamps,
};

const VendorId = text(15).min(1, 'required').refine((s) => s.trim() === s, 'no leading or trailing spaces');

export const VendorCreate = z.strictObject({ ...fields, VendorId }).partial({ ShortName: true, CheckName: true, ClassId: true, Status: true, IsOnHold: true, Address: true, EmailAddress: true, Comment1: true, Comment2: true });
export const VendorUpdate = z.strictObject({ ...fields, VendorId }).partial();

function checkClass(store: GpCompanyStore, input: Record<string, unknown>): void {
  const cls = input['ClassId'];
  if (typeof cls === 'string' && cls !== '' && !store.vendorClasses.has(cls.toUpperCase())) {
    throw new GpError(400, 'InvalidRequest', `The vendor class '${cls}' does not exist.`, [{ Field: 'ClassId', Code: 'NotFound', Message: `Vendor class '${cls}' does not exist.` }]);
  }
}

export const vendorsResource: ResourceDef = {
  name: 'vendors',
  defaultPath: 'Purchasing/Vendors',
  defaultEnabled: true,
  keyTemplate: '{VendorId}',
  keyArity: 1,
  noun: 'vendors',
  origin: 'stock',
  handlers: crudHandlers<GpVendor>({
    noun: 'vendor',
    keyField: 'VendorId',
    table: (s) => s.vendors,
    createSchema: VendorCreate,
    updateSchema: VendorUpdate,
    build: (input, now) => newVendor(input as Partial<GpVendor> & { VendorId: string; Name: string }, now),
    check: checkClass,
    filterable: {
      ModifiedDate: { type: 'datetime', get: (v) => v.ModifiedDate },
      Status: { type: 'string', get: (v) => v.Status },
      ClassId: { type: 'string', get: (v) => v.ClassId },
    },
    deletable: true,
  }),
};
