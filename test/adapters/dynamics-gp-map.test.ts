// Golden tests of the GP adapter's pure mapping (src/adapters/dynamics-gp/map.ts): the vendor
// and the employee-service record for each operation, and the journal payload by the default
// template (the simulator's journal contract).
import { describe, expect, it } from 'vitest';
import { gpSpec, GpTarget } from '../../src/adapters/dynamics-gp/config.js';
import { foundJournal, journalPayload, mapEmployee } from '../../src/adapters/dynamics-gp/map.js';
import type { JournalDoc, MapInput } from '../../src/adapters/types.js';
import type { EmployeeState } from '../../src/domain/employee.js';

const settings = (over: Record<string, unknown> = {}) => gpSpec.normalize(GpTarget.parse({ type: 'dynamics-gp', server: 'gp.local', company: 'Fabrikam, Inc.', ...over }), 'gp');

const state: EmployeeState = {
  id: '17', asOf: '2026-12-01', phase: 'active', employeeNumber: 'E17', firstName: 'Alexandra-Maximiliane', lastName: 'Featherstonehaugh-Worthington', preferredName: 'Alex',
  workEmail: 'alex@acme.example', hireDate: '2024-03-04', originalHireDate: null, terminationDate: null, employmentStatus: 'Full-Time', department: 'Engineering',
  division: 'EMEA', location: 'London, UK', jobTitle: 'Engineer', supervisorId: null, pay: { rate: '90000.00', currency: 'GBP', type: 'Salary', per: 'Year' }, extra: {},
};
const input = (over: Partial<MapInput> = {}): MapInput => ({ kind: 'create', state, key: 'BHR-17', refs: { department: '100', location: '05' }, fields: {}, linked: {}, names: 'legal', options: {}, ...over });

describe('GP map (golden)', () => {
  it('a new employee vendor: legal names, class, active, department and location in the comment fields; no pay', () => {
    expect(mapEmployee(input(), settings())).toStrictEqual({
      VendorId: 'BHR-17', Name: 'Alexandra-Maximiliane Featherstonehaugh-Worthington', CheckName: 'Alexandra-Maximiliane Featherstonehaugh-Worthington',
      ClassId: 'EMPLOYEE', Status: 'Active', IsOnHold: false, EmailAddress: 'alex@acme.example', Comment1: '100', Comment2: '05',
    });
    expect(gpSpec.naturalKey('17', settings())).toBe('BHR-17');
  });

  it('a termination: Inactive, or on hold (still Active) per employees.termination; a rehire is Active and off hold', () => {
    const off = input({ kind: 'deactivate', state: { ...state, phase: 'terminated', terminationDate: '2026-11-30' } });
    expect(mapEmployee(off, settings())).toMatchObject({ Status: 'Inactive', IsOnHold: false });
    expect(mapEmployee(off, settings({ employees: { termination: 'hold' } }))).toMatchObject({ Status: 'Active', IsOnHold: true });
    expect(mapEmployee(input({ kind: 'reactivate' }), settings({ employees: { termination: 'hold' } }))).toMatchObject({ Status: 'Active', IsOnHold: false });
  });

  it('preferred names when the flow asks; mapped and constant fields, nested Address; an unresolved slot leaves its field out', () => {
    const out = mapEmployee(input({ names: 'preferred', refs: { department: '100' }, fields: { 'Address.City': 'London', ShortName: null } }), settings({ employees: { constants: { 'Address.CountryRegion': 'United Kingdom' }, vendorClass: 'STAFF' } }));
    expect(out).toStrictEqual({
      VendorId: 'BHR-17', Name: 'Alex Featherstonehaugh-Worthington', CheckName: 'Alex Featherstonehaugh-Worthington', ClassId: 'STAFF', Status: 'Active', IsOnHold: false,
      EmailAddress: 'alex@acme.example', Comment1: '100', Address: { CountryRegion: 'United Kingdom', City: 'London' }, ShortName: '',
    });
  });

  it('the employee service: short GP name fields cut, department and location ids, inactive with its date', () => {
    const s = settings({ employees: { resource: 'employees', constants: { PositionId: 'STAFF' } } });
    expect(mapEmployee(input({ kind: 'deactivate', state: { ...state, terminationDate: '2026-11-30' } }), s)).toStrictEqual({
      EmployeeId: 'BHR-17', FirstName: 'Alexandra-Maxim', LastName: 'Featherstonehaugh-Wo', EmailAddress: 'alex@acme.example', HireDate: '2024-03-04',
      IsInactive: true, InactiveDate: '2026-11-30', DepartmentId: '100', LocationId: '05', PositionId: 'STAFF',
    });
  });

  it('the journal payload by the default template: decimal amounts, 30-character distribution references, no empty fields', () => {
    const s = settings();
    const doc: JournalDoc = {
      reference: 'MLC PAYROLL 2026-11', period: '2026-11', date: '2026-11-30', description: 'BambooHR compensation 2026-11',
      lines: [
        { account: '400-6100-04', debit: 1246667, credit: 0, description: 'Research & Development / Vancouver, British Columbia', dimensions: { costCenter: '400' } },
        { account: '000-2105-00', debit: 0, credit: 1246667, description: 'BambooHR compensation 2026-11', dimensions: {} },
      ],
    };
    expect(journalPayload(doc, s.journal)).toStrictEqual({
      Reference: 'MLC PAYROLL 2026-11', TransactionDate: '2026-11-30', BatchId: 'MLC202611', Description: 'BambooHR compensation 2026-11', SourceDocument: 'GJ',
      Lines: [
        { AccountNumber: '400-6100-04', DebitAmount: 12466.67, CreditAmount: 0, DistributionReference: 'Research & Development / Vanco', CostCenter: '400' },
        { AccountNumber: '000-2105-00', DebitAmount: 0, CreditAmount: 12466.67, DistributionReference: 'BambooHR compensation 2026-11' },
      ],
    });
    expect(foundJournal({ JournalId: 1001, TransactionState: 'Open', TotalDebit: 12466.67 }, s.journal)).toEqual({ erpKey: '1001', posted: true, totalCents: 1246667 });
  });
});
