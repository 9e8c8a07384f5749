// Dynamics 365 Finance & Operations target settings: the `targets.<name>` block with
// `type: d365`, the flow options (one legal entity per flow) and the static facts of the
// adapter (reference slots, mappable fields, secrets). Facts: reference/erps.md §5 and §8 A
// (§8 wins); defaults for what the reference marks NOT FOUND are documented in README.md.
import { z } from 'zod';
import { Duration, ms, Retry, retryPolicy } from '../../config/common.js';
import { codeFrom } from '../../domain/code-rule.js';
import type { TargetSettings, TargetSpec } from '../types.js';
import { dimensionSlots, VENDOR_GROUP_SLOT } from './slots.js';

/** DimensionParameters.DimensionSegmentDelimiter members and their characters (erps.md §5.4). */
export const DELIMITERS: Record<string, string> = {
  Hyphen: '-', Period: '.', Underscore: '_', Bar: '|', DoubleHyphen: '--',
  DoublePeriod: '..', DoubleUnderscore: '__', DoubleBar: '||', Tilde: '~', DoubleTilde: '~~',
};

/** CustVendorBlocked members (erps.md §5.3, §8 A.1). */
const ON_HOLD = z.enum(['No', 'Invoice', 'All', 'Payment', 'Requisition', 'Never', 'PurchOrder']);
const Identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an OData name: letters, digits and _');

const DimensionFormat = z
  .strictObject({
    dimensions: z.array(Identifier).min(1).describe('Dimension names in the order of the active Default dimension format.'),
    delimiter: z
      .string()
      .transform((d) => DELIMITERS[d] ?? d)
      .pipe(z.enum(Object.values(DELIMITERS) as [string, ...string[]]))
      .default('-')
      .describe('Segment delimiter: the character(s) or the DimensionParameters name (Hyphen, Period, …).'),
  })
  .describe('The integration format, when it must not be read from DimensionIntegrationFormats and DimensionParameters.');

export const D365Target = z
  .strictObject({
    type: z.literal('d365'),
    tenant: z.string().regex(/^[A-Za-z0-9.-]+$/, 'the Entra tenant id (a GUID) or its domain, e.g. contoso.onmicrosoft.com').describe('Entra ID tenant of the app registration.'),
    environment: z.url({ protocol: /^https?$/ }).describe('The F&O environment URL, e.g. https://contoso.operations.dynamics.com (the token scope is <environment>/.default).'),
    clientId: z.string().min(1).describe('Application (client) id of the Entra app registration (not secret).'),
    credential: z.enum(['secret', 'certificate']).default('secret').describe('secret: client_secret; certificate: a signed client assertion (certificate + certificate_key).'),
    baseUrl: z.url().optional().describe('Overrides the environment URL for OData calls (tests, proxies).'),
    tokenUrl: z.url().optional().describe('Overrides https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.'),
    concurrency: z.int().min(1).max(52).default(4).describe('Requests in flight (F&O caps a user at 52 where user-based limits still apply).'),
    batch: z.boolean().default(true).describe('Write through OData $batch (one changeset per record); false sends one request per record.'),
    batchSize: z.int().min(1).max(1000).default(50).describe('Records per $batch (and per read-before-write query).'),
    vendorEntity: Identifier.default('VendorsV2').describe('Vendor entity set (VendorsV3 on newer builds).'),
    dimensionField: Identifier.default('DefaultLedgerDimensionDisplayValue').describe("The vendor's default-dimension display-value property."),
    accountPattern: z
      .string()
      .regex(/^[^{}]*\{id(:\d{1,2})?\}[^{}]*$/, 'a pattern with {id} (or {id:6}, zero-padded), e.g. EMP-{id}')
      .default('EMP-{id}')
      .describe('VendorAccountNumber from the BambooHR id.'),
    onHold: ON_HOLD.exclude(['No']).default('All').describe('OnHoldStatus of a terminated employee (All stops invoices and payments).'),
    released: ON_HOLD.default('No').describe('OnHoldStatus of an active employee (a rehire is released).'),
    currency: z.string().min(1).optional().describe('CurrencyCode of new vendors (default: the legal entity currency); flows may override.'),
    paymentTerms: z.string().min(1).optional().describe('DefaultPaymentTermsName; flows may override.'),
    paymentMethod: z.string().min(1).optional().describe('DefaultVendorPaymentMethodName; flows may override.'),
    dimensionFormat: DimensionFormat.optional(),
    timeout: Duration.default('60s').describe('Per-request timeout.'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '2m', budget: '5m' }),
  })
  .describe('Microsoft Dynamics 365 Finance & Operations (OData v4), Entra ID client credentials. Secrets: client_secret, or certificate + certificate_key.');

export type D365Target = z.infer<typeof D365Target>;

/** A flow's `options:` (TargetSpec.flowOptions): the legal entity and per-entity overrides. */
export const D365FlowOptions = z.strictObject({
  dataAreaId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,4}$/, 'a legal entity (company) id of up to 4 letters or digits, e.g. USMF')
    .transform((s) => s.toLowerCase())
    .describe('The legal entity the flow writes vendors into.'),
  currency: z.string().min(1).optional(),
  paymentTerms: z.string().min(1).optional(),
  paymentMethod: z.string().min(1).optional(),
});

export type D365FlowOptions = z.infer<typeof D365FlowOptions>;

export interface DimensionFormatSetting {
  dimensions: string[];
  delimiter: string;
}

export interface D365Settings extends TargetSettings {
  type: 'd365';
  tenant: string;
  /** Origin of the environment, without a trailing slash (the token audience). */
  environment: string;
  clientId: string;
  credential: 'secret' | 'certificate';
  tokenUrl: string;
  scope: string;
  batch: boolean;
  batchSize: number;
  vendorEntity: string;
  dimensionField: string;
  accountPattern: string;
  onHold: string;
  released: string;
  currency: string | undefined;
  paymentTerms: string | undefined;
  paymentMethod: string | undefined;
  dimensionFormat: DimensionFormatSetting | undefined;
}

/** The part of D365 that mlc manages itself on a vendor; a flow's `fields:` cannot set these. */
export const MANAGED_FIELDS = new Set([
  'dataAreaId', 'VendorAccountNumber', 'VendorGroupId', 'VendorPartyType', 'PersonFirstName', 'PersonLastName', 'PrimaryEmailAddress',
  'OnHoldStatus', 'CurrencyCode', 'DefaultPaymentTermsName', 'DefaultVendorPaymentMethodName', 'DefaultLedgerDimensionDisplayValue',
]);

export function normalizeD365(w: D365Target, name: string): D365Settings {
  // "Do not add a trailing slash" to the resource (erps.md §5.1): the origin is the audience.
  const environment = new URL(w.environment).origin;
  return {
    name,
    type: 'd365',
    tenant: w.tenant,
    environment,
    clientId: w.clientId,
    credential: w.credential,
    baseUrl: (w.baseUrl ?? environment).replace(/\/+$/, ''),
    tokenUrl: w.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(w.tenant)}/oauth2/v2.0/token`,
    scope: `${environment}/.default`,
    concurrency: w.concurrency,
    batch: w.batch,
    batchSize: w.batchSize,
    vendorEntity: w.vendorEntity,
    dimensionField: w.dimensionField,
    accountPattern: w.accountPattern,
    onHold: w.onHold,
    released: w.released,
    currency: w.currency,
    paymentTerms: w.paymentTerms,
    paymentMethod: w.paymentMethod,
    dimensionFormat: w.dimensionFormat,
    timeoutMs: ms(w.timeout),
    retry: retryPolicy(w.retry),
  };
}

export const d365Spec: TargetSpec<D365Target, D365Settings> = {
  type: 'd365',
  displayName: 'Microsoft Dynamics 365 Finance & Operations',
  schema: D365Target,
  normalize: normalizeD365,
  slots: dimensionSlots(),
  fieldAllowed: (field) => /^[A-Za-z][A-Za-z0-9_]*$/.test(field) && !MANAGED_FIELDS.has(field),
  fieldHint: 'a property of the vendor entity (e.g. PrimaryPhoneNumber, PersonMiddleName, VendorKnownAsName, Notes) that mlc does not set itself; config check --online verifies it against $metadata',
  secrets: ['client_secret', 'certificate', 'certificate_key'],
  naturalKey: (employeeId, s) => codeFrom(s.accountPattern, { id: employeeId, name: '' }),
  families: ['employee', 'reference'],
  flowOptions: D365FlowOptions,
};

export { VENDOR_GROUP_SLOT };
