// Dynamics GP target settings: the `targets.<name>` block with `type: dynamics-gp`, and the
// static facts of the adapter. Stock SBA documents Vendors only among what mlc writes; GL
// accounts, cost centres, fiscal periods, HR employees and GL journals exist only as a site's
// partner services (erps.md §8 B.1, B.2), so every path is a setting, checked against the
// server's /help page by `mlc config check --online`. Defaults are the simulator's contract
// (src/sim/dynamics-gp/README.md), which the README here marks as assumptions.
import { z } from 'zod';
import { Duration, ms, Retry, retryPolicy } from '../../config/common.js';
import { JournalOptions } from '../../app/journal/settings.js';
import type { TargetSettings, TargetSpec } from '../types.js';

const Path = (def: string) => z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\/[A-Za-z][A-Za-z0-9]*)*$/, 'segments of letters and digits, e.g. Purchasing/Vendors').default(def);

export const GpPaths = z
  .strictObject({
    vendors: Path('Purchasing/Vendors').describe('Stock SBA vendors (erps.md §3.2).'),
    employees: Path('Custom/Payroll/Employees').describe('A partner HR/Payroll employee service, where the site has one (not stock SBA).'),
    accounts: Path('Custom/Financials/GLAccounts').describe('GL accounts (partner service; confirm on /help).'),
    costCenters: Path('Custom/Financials/CostCenters').describe('Cost centres (partner service; confirm on /help).'),
    periods: Path('Custom/Financials/FiscalPeriods').describe('Fiscal periods, keyed (Year;PeriodId) (partner service; confirm on /help).'),
    journals: Path('Custom/Financials/GLTransactions').describe('The GL journal service (partner service; confirm on /help).'),
  })
  .describe('Resource paths below Companies(<company>)/, as the /help page lists them.');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const GpJournalService = z
  .strictObject({
    customAction: z.boolean().default(true).describe('Send GP-Custom-Action: POST with the create (partner services are called so, erps.md §8 B.1).'),
    batchId: z.string().max(15).default('MLC{yyyymm}').describe('Batch id of the journal ({yyyymm}); empty for none.'),
    series: z.enum(['Financial', 'Payroll']).default('Financial').describe('The series whose period must be open (GL entries: Financial).'),
    header: z.record(z.string(), Scalar).default({ Reference: '{reference}', TransactionDate: '{date}', BatchId: '{batch}', Description: '{description}', SourceDocument: 'GJ' }).describe('Header fields of the payload: {reference} {date} {batch} {description}.'),
    linesField: z.string().default('Lines'),
    line: z.record(z.string(), Scalar).default({ AccountNumber: '{account}', DebitAmount: '{debit}', CreditAmount: '{credit}', DistributionReference: '{description:30}', CostCenter: '{costCenter}' }).describe('Fields of one line: {account} {debit} {credit} {description[:n]} {costCenter}; empty values are left out.'),
    idField: z.string().default('JournalId'),
    stateField: z.string().default('TransactionState'),
    workState: z.string().default('Work').describe('The state of an unposted journal (posted ones are read-only).'),
    totalField: z.string().default('TotalDebit'),
  })
  .describe('The partner journal service: path under paths.journals, payload template and answer fields.');

export const GpEmployeeSettings = z
  .strictObject({
    resource: z.enum(['vendors', 'employees']).default('vendors').describe('Where employees go: stock Vendors (default) or the site\'s employee service.'),
    idPrefix: z.string().regex(/^[A-Za-z0-9_-]{0,10}$/, 'up to 10 letters, digits, _ or -').default('BHR-').describe('Vendor/employee id = prefix + BambooHR id (15 characters at most).'),
    vendorClass: z.string().max(15).default('EMPLOYEE').describe('Vendor class of employee vendors.'),
    termination: z.enum(['inactive', 'hold']).default('inactive').describe('A termination makes the vendor Inactive, or puts it on hold (Active, IsOnHold).'),
    departmentField: z.string().default('Comment1').describe('Vendor field carrying the department (cost centre); the employee service uses DepartmentId.'),
    locationField: z.string().default('Comment2').describe('Vendor field carrying the location segment; the employee service uses LocationId.'),
    constants: z.record(z.string(), Scalar).default({}).describe('Fixed fields sent with every record (e.g. PositionId: STAFF for the employee service).'),
  })
  .describe('Employee records in GP.');

export const GpTarget = z
  .strictObject({
    type: z.literal('dynamics-gp'),
    server: z.string().min(1).describe('Host of the GP Service (the name on its certificate), e.g. gpsba01.contoso.local.'),
    port: z.int().min(1).max(65535).default(443).describe('Port of the GP Service (Service Based Architecture).'),
    baseUrl: z.url().optional().describe('Overrides https://<server>:<port> (tests, proxies).'),
    tenant: z.string().min(1).default('DefaultTenant'),
    company: z.string().min(1).describe('The company name exactly as GP shows it (e.g. "Fabrikam, Inc."), not its database id.'),
    tls: z
      .strictObject({
        caFile: z.string().min(1).optional().describe('PEM of the CA (or the self-signed certificate) to trust.'),
        pinSha256: z.string().regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 fingerprint, 64 hex digits with or without colons').optional().describe('SHA-256 fingerprint of the service certificate (mlc ping prints it).'),
      })
      .optional()
      .describe("Trust for the service's own certificate; without it the system CAs decide."),
    workstation: z.string().max(15).default('MLC').describe('Workstation name sent in the NTLM messages.'),
    employees: GpEmployeeSettings.default({ resource: 'vendors', idPrefix: 'BHR-', vendorClass: 'EMPLOYEE', termination: 'inactive', departmentField: 'Comment1', locationField: 'Comment2', constants: {} }),
    paths: GpPaths.default({ vendors: 'Purchasing/Vendors', employees: 'Custom/Payroll/Employees', accounts: 'Custom/Financials/GLAccounts', costCenters: 'Custom/Financials/CostCenters', periods: 'Custom/Financials/FiscalPeriods', journals: 'Custom/Financials/GLTransactions' }),
    journal: GpJournalService.optional(),
    modifiedFilter: z.string().includes('{since}').default('ModifiedDate ge {since}').describe('The $filter asking for records changed since a time (SBA filter syntax is not documented publicly).'),
    fullRead: Duration.default('7d').describe('Reference data is read whole this often, and only what changed (ModifiedDate) in between.'),
    locationSegment: z.int().min(1).max(10).default(3).describe('Which segment of the GL account number is the location (locationSegment records).'),
    concurrency: z.int().min(1).max(16).default(2).describe('Connections (each NTLM-authenticated once) and requests in flight.'),
    timeout: Duration.default('60s').describe('Per-request timeout.'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '2m', budget: '5m' }),
  })
  .describe('Microsoft Dynamics GP (Service Based Architecture), Windows authentication (NTLMv2). Secrets: domain, user, password.');

export type GpTarget = z.infer<typeof GpTarget>;
export type GpPaths = z.infer<typeof GpPaths>;
export type GpJournalService = z.infer<typeof GpJournalService>;
export type GpResource = keyof GpPaths;

export interface GpSettings extends TargetSettings {
  type: 'dynamics-gp';
  tenant: string;
  company: string;
  tls: { caFile?: string | undefined; pinSha256?: string | undefined } | undefined;
  workstation: string;
  employees: z.infer<typeof GpEmployeeSettings>;
  paths: GpPaths;
  journal: GpJournalService;
  modifiedFilter: string;
  fullReadMs: number;
  locationSegment: number;
}

/** Employee-flow options: nothing yet beyond the kind. */
const EmployeeFlow = z.strictObject({ kind: z.literal('employee') });

const FlowOptions = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && !('kind' in v) ? { kind: 'employee', ...v } : v),
  z.discriminatedUnion('kind', [EmployeeFlow, JournalOptions]),
);

const VENDOR_FIELDS = ['ShortName', 'CheckName', 'EmailAddress', 'Comment1', 'Comment2', 'ClassId', ...['Line1', 'Line2', 'Line3', 'City', 'State', 'PostalCode', 'CountryRegion', 'Phone1'].map((f) => `Address.${f}`)];
const EMPLOYEE_FIELDS = ['MiddleName', 'PositionId', 'DivisionId', 'ClassId', 'SocialSecurityNumber', 'EmailAddress', 'LocationId'];
const FIELDS = new Set([...VENDOR_FIELDS, ...EMPLOYEE_FIELDS]);

export function normalizeGp(w: GpTarget, name: string): GpSettings {
  return {
    name,
    type: 'dynamics-gp',
    baseUrl: (w.baseUrl ?? `https://${w.server}:${w.port}`).replace(/\/+$/, ''),
    tenant: w.tenant,
    company: w.company,
    tls: w.tls,
    workstation: w.workstation,
    employees: w.employees,
    paths: w.paths,
    journal: w.journal ?? GpJournalService.parse({}),
    modifiedFilter: w.modifiedFilter,
    fullReadMs: ms(w.fullRead),
    locationSegment: w.locationSegment,
    concurrency: w.concurrency,
    timeoutMs: ms(w.timeout),
    retry: retryPolicy(w.retry),
  };
}

export const gpSpec: TargetSpec<GpTarget, GpSettings> = {
  type: 'dynamics-gp',
  displayName: 'Microsoft Dynamics GP',
  schema: GpTarget,
  normalize: normalizeGp,
  slots: {
    department: { recordType: 'costCenter', required: true, description: 'department: a GP cost centre (the department segment of the GL accounts)' },
    location: { recordType: 'locationSegment', required: false, description: 'location: the location segment of the GL accounts' },
  },
  fieldAllowed: (name) => FIELDS.has(name),
  fieldHint: `a vendor field (${VENDOR_FIELDS.join(', ')}) or, with employees.resource: employees, ${EMPLOYEE_FIELDS.join(', ')}`,
  secrets: ['domain', 'user', 'password'],
  families: ['employee', 'journal'],
  naturalKey: (employeeId, s) => `${s.employees.idPrefix}${employeeId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
  flowOptions: FlowOptions,
};
