// SYSPRO target settings: the `targets.<name>` block with `type: syspro`, and the static facts
// of the adapter. Facts: reference/erps.md §1 and §8 C. SYSPRO does not publish its business
// object schemas (§8 C.5), so the business object names, document roots, element and table
// names are settings whose defaults come from the SYSPRO 8 catalogue (§8 C.1); the README
// marks which defaults are assumptions.
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { Duration, ms, Retry, retryPolicy } from '../../config/common.js';
import { codeFrom } from '../../domain/code-rule.js';
import { isFingerprint, type TlsTrust } from '../../http/tls.js';
import type { TargetSettings, TargetSpec } from '../types.js';
import { SysproFlowOptions } from './options.js';

const Element = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an XML element name');
const Absolute = z.string().refine((p) => posix.isAbsolute(p) || win32.isAbsolute(p), 'an absolute path');

const Employee = z
  .strictObject({
    businessObject: z.string().min(1).default('BOMSEC').describe('Setup business object of the labour employee (§8 C.1: BOMSEC, "Setup BOM Employee Code").'),
    root: Element.default('SetupBomEmployee').describe('Root element of its XmlIn and XmlParameters.'),
    key: Element.default('Employee').describe('Key element (the employee code).'),
    name: Element.default('Name'),
    nameMaxLength: z.int().min(1).max(200).default(50).describe('Longer legal names are cut (field length NOT FOUND: read BOMSECDOC.XSD).'),
    workCentre: Element.default('WorkCentre'),
    payrollNumber: Element.nullable().default(null).describe("Element of the payroll employee number when the site's BOMSEC schema has one (BambooHR employeeNumber); null: not sent."),
  })
  .describe('The labour employee document (BOMSEC).');

const CustomForm = z
  .strictObject({
    businessObject: z.string().min(1).default('COMSFM').describe('Setup business object of custom form fields (recorded: COMSFM).'),
    root: Element.default('SetupCustomForm'),
  })
  .describe('Custom form fields (COMSFM): employment status and dates, and fields mapped as form.<FieldName>.');

const table = <T extends z.ZodRawShape>(name: string, shape: T) => z.strictObject({ table: z.string().min(1).default(name), ...shape });

const Tables = z
  .strictObject({
    costCentre: table('BomCostCentre', { code: Element.default('CostCentre'), description: Element.default('Description') }),
    workCentre: table('BomWorkCentre', { code: Element.default('WorkCentre'), description: Element.default('Description'), costCentre: Element.default('CostCentre') }),
    employee: table('BomEmployee', { code: Element.default('Employee') }),
  })
  .describe('Tables read with the query business object, and their columns (work-centre table name: assumption).');

export const SysproTarget = z
  .strictObject({
    type: z.literal('syspro'),
    baseUrl: z.url({ protocol: /^https?$/ }).describe('The e.net REST service: http(s)://<server>:<port>/SYSPROWCFService/Rest.'),
    operator: z.string().min(1).describe('SYSPRO operator mlc logs on as: a dedicated one (a second logon by the same operator ends the first session).'),
    companyId: z.string().min(1).describe('SYSPRO company id.'),
    tls: z
      .strictObject({
        caFile: Absolute.optional().describe('PEM file of the CA (or the self-signed certificate) the server certificate is checked against.'),
        pinSha256: z.string().refine(isFingerprint, 'a SHA-256 fingerprint: 64 hex digits, colons allowed').optional().describe("SHA-256 fingerprint of the server's certificate (mlc ping shows it)."),
      })
      .refine((t) => t.caFile !== undefined || t.pinSha256 !== undefined, 'give caFile or pinSha256')
      .optional()
      .describe("Trust for the customer's own certificate (https): a CA file or a pinned fingerprint. Verification is never turned off."),
    concurrency: z.int().min(1).max(16).default(1).describe('Accepted for uniformity: calls on the operator\'s session are always sent one at a time (SYSPRO allows one session per operator).'),
    batchSize: z.int().min(1).max(1000).default(100).describe('Records per applied batch; each batch goes out as one or more documents of several <Item>.'),
    maxUrlLength: z.int().min(1024).max(1_048_576).default(16_384).describe('Longest request URL (path and query, bytes) sent; longer documents are split (http.sys refuses longer ones with 414; 16 KB by default).'),
    sessionIdleTimeout: Duration.default('30m').describe('The e.net licence "Timeout (minutes)": mlc logs on again before a session idle this long is used (default NOT FOUND: assumption).'),
    ignoreWarnings: z.boolean().default(false).describe('IgnoreWarnings of the Setup documents.'),
    employeeCode: z
      .strictObject({
        pattern: z.string().regex(/^([^{}]|\{id(:\d{1,2})?\})+$/, 'text and {id} or {id:6} (zero-padded)').default('BHR{id:5}').describe('Employee code from the BambooHR id: {id}, or {id:6} zero-padded to 6.'),
        maxLength: z.int().min(1).max(50).default(20).describe('Longest employee code the site allows (a site setting, §8 C.1).'),
      })
      .prefault({})
      .describe('The labour employee key made from the BambooHR id (length and format are site settings).'),
    employee: Employee.prefault({}),
    customForm: CustomForm.prefault({}),
    queryObject: z.string().min(1).default('COMFND').describe('Generic table query business object (§1.4).'),
    tables: Tables.prefault({ costCentre: {}, workCentre: {}, employee: {} }),
    messages: z
      .strictObject({
        alreadyExists: z.string().min(1).default('already exist').describe('Regular expression of an Add refused because the key exists (wording NOT FOUND but for "not found").'),
        notFound: z.string().min(1).default("not found|does not exist|doesn't exist").describe('Regular expression of an Update or Delete refused because the key does not exist.'),
        locked: z.string().min(1).default('\\block(ed)?\\b|in use by another|being (maintained|edited)').describe('Regular expression of an item refused because someone holds the record (lock texts NOT FOUND): the record stays open and the next run sends it again.'),
      })
      .prefault({}),
    timeout: Duration.default('60s').describe('Per-request timeout.'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '2m', budget: '5m' }),
  })
  .describe('SYSPRO e.net Solutions REST (labour employees, BOMSEC). Secrets: operator_password, company_password (may be empty).');

export type SysproTarget = z.infer<typeof SysproTarget>;

export interface SysproSettings extends TargetSettings {
  type: 'syspro';
  operator: string;
  companyId: string;
  tls: TlsTrust | undefined;
  batchSize: number;
  maxUrlLength: number;
  idleTimeoutMs: number;
  ignoreWarnings: boolean;
  employeeCode: SysproTarget['employeeCode'];
  employee: SysproTarget['employee'];
  customForm: SysproTarget['customForm'];
  queryObject: string;
  tables: SysproTarget['tables'];
  messages: SysproTarget['messages'];
}

/** BOMSEC elements mlc fills itself; a flow maps other elements, or custom form fields as form.<FieldName>. */
const MANAGED = /^(Employee|Name|WorkCentre|EmployeeActCost|Rates[1-9])$/;

export const sysproSpec: TargetSpec<SysproTarget, SysproSettings> = {
  type: 'syspro',
  displayName: 'SYSPRO',
  schema: SysproTarget,
  normalize: (w, name) => ({
    name,
    type: 'syspro',
    baseUrl: w.baseUrl.replace(/\/+$/, ''),
    operator: w.operator,
    companyId: w.companyId,
    tls: w.tls,
    concurrency: w.concurrency,
    batchSize: w.batchSize,
    maxUrlLength: w.maxUrlLength,
    idleTimeoutMs: ms(w.sessionIdleTimeout),
    ignoreWarnings: w.ignoreWarnings,
    employeeCode: w.employeeCode,
    employee: w.employee,
    customForm: w.customForm,
    queryObject: w.queryObject,
    tables: w.tables,
    messages: w.messages,
    timeoutMs: ms(w.timeout),
    retry: retryPolicy(w.retry),
  }),
  // A labour employee needs a work centre, and the work centre's cost centre must exist (§8 C.4).
  slots: { workCentre: { recordType: 'workCentre', required: true, description: 'work centre (BOMSEC WorkCentre; its cost centre must exist)' } },
  fieldAllowed: (n) => /^form\.[A-Za-z][A-Za-z0-9_]{0,29}$/.test(n) || (/^[A-Z][A-Za-z0-9]{1,39}$/.test(n) && !MANAGED.test(n)),
  fieldHint: 'a BOMSEC element such as ShiftId or StdHrsPerMonth, or a custom form field as form.<FieldName> (e.g. form.Divisn)',
  secrets: ['operator_password', 'company_password'],
  naturalKey: (employeeId, s) => codeFrom(s.employeeCode.pattern, { id: employeeId, name: '' }),
  flowOptions: SysproFlowOptions,
  // e.net is often served over plain http inside the customer's network (issue 12).
  allowsPlainHttp: true,
};
