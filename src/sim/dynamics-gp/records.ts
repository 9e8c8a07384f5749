// Record construction with GP's defaults: GP keeps empty strings, never nulls; a vendor is
// Active and not on hold unless told (eConnect VENDSTTS default 1, HOLD default 0,
// erps.md §3.3); the check name defaults to the vendor name; an employee is active
// (Web Services Employee.IsActive default True, erps.md §8 B.3).
import type { GpAddress, GpEmployee, GpTransaction, GpTransactionLine, GpVendor } from './types.js';

export const emptyAddress = (): GpAddress => ({ Line1: '', Line2: '', Line3: '', City: '', State: '', PostalCode: '', CountryRegion: '', Phone1: '' });

export function newVendor(input: Partial<GpVendor> & { VendorId: string; Name: string }, now: string): GpVendor {
  return {
    VendorId: input.VendorId,
    Name: input.Name,
    ShortName: input.ShortName ?? '',
    CheckName: input.CheckName ?? input.Name,
    ClassId: input.ClassId ?? '',
    Status: input.Status ?? 'Active',
    IsOnHold: input.IsOnHold ?? false,
    Address: { ...emptyAddress(), ...input.Address },
    EmailAddress: input.EmailAddress ?? '',
    Comment1: input.Comment1 ?? '',
    Comment2: input.Comment2 ?? '',
    CreatedDate: now,
    ModifiedDate: now,
  };
}

export function newEmployee(input: Partial<GpEmployee> & { EmployeeId: string }, now: string): GpEmployee {
  return {
    EmployeeId: input.EmployeeId,
    FirstName: input.FirstName ?? '',
    MiddleName: input.MiddleName ?? '',
    LastName: input.LastName ?? '',
    ClassId: input.ClassId ?? '',
    DepartmentId: input.DepartmentId ?? '',
    PositionId: input.PositionId ?? '',
    DivisionId: input.DivisionId ?? '',
    LocationId: input.LocationId ?? '',
    SocialSecurityNumber: input.SocialSecurityNumber ?? '',
    EmailAddress: input.EmailAddress ?? '',
    HireDate: input.HireDate ?? '',
    IsInactive: input.IsInactive ?? false,
    InactiveDate: input.InactiveDate ?? '',
    CreatedDate: now,
    ModifiedDate: now,
  };
}

/** Amounts are kept in whole cents while summing, so 0.1 + 0.2 balances against 0.3. */
export const cents = (amount: number): number => Math.round(amount * 100);

/** GP numbers distribution lines in steps of 16384 (SEQNUMBR), leaving room to insert between. */
export const sequenceNumber = (index: number): number => (index + 1) * 16384;

export function withTotals(t: Omit<GpTransaction, 'TotalDebit' | 'TotalCredit'>): GpTransaction {
  const sum = (pick: (l: GpTransactionLine) => number): number => t.Lines.reduce((acc, l) => acc + cents(pick(l)), 0) / 100;
  return { ...t, TotalDebit: sum((l) => l.DebitAmount), TotalCredit: sum((l) => l.CreditAmount) };
}
