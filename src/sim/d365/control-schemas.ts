// zod schemas of the control API bodies (/_sim/*). Strict objects: a misspelt key is a 400
// naming it rather than a setting silently ignored.
import { z } from 'zod';

const DELIMITER = z.enum(['Hyphen', 'Period', 'Underscore', 'Bar', 'DoubleHyphen', 'DoublePeriod', 'DoubleUnderscore', 'DoubleBar', 'Tilde', 'DoubleTilde']);

export const AppBody = z
  .strictObject({
    tenant: z.string().min(1).optional(),
    clientId: z.string().min(1),
    secret: z.string().min(1).optional(),
    secretExpired: z.boolean().optional(),
    certificatePem: z.string().includes('BEGIN CERTIFICATE', { message: 'must be an X.509 PEM (-----BEGIN CERTIFICATE-----)' }).optional(),
    mappedToUser: z.boolean().optional(),
  })
  .refine((a) => a.secret !== undefined || a.certificatePem !== undefined, { message: 'give a secret or a certificatePem' });

const FailNext = z.strictObject({
  status: z.union([z.int().min(100).max(599), z.literal('reset')]),
  times: z.int().min(1).optional(),
  method: z.string().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  message: z.string().optional(),
  afterWrite: z.boolean().optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
  retryAfterSec: z.int().min(0).max(3600).optional(),
  writes: z.boolean().optional(),
  infolog: z.string().min(1).optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(['429', '502', '503', 'reset', 'slow'])).optional(),
    slowMs: z.int().min(0).max(600_000).optional(),
    failNext: z.array(FailNext).optional(),
    parts: z.boolean().optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.int().min(0).max(600_000) });

export const ThrottleBody = z
  .strictObject({
    limit: z.int().min(1),
    windowSec: z.int().min(1).max(86_400),
    retryAfterSec: z.int().min(1).max(3600).optional(),
    maxRetryAfterSec: z.int().min(1).max(86_400).optional(),
    concurrentLimit: z.int().min(1).optional(),
  })
  .nullable();

export const FormatBody = z.strictObject({ dimensions: z.array(z.string().min(1)).min(1), delimiter: DELIMITER.default('Hyphen') }).nullable();

export const DimensionValueBody = z.strictObject({
  dimension: z.string().min(1),
  value: z.string().min(1).max(30),
  description: z.string().max(60).optional(),
  legalEntityId: z.string().optional(),
  suspended: z.boolean().optional(),
  used: z.boolean().optional(),
});

export const DimensionValuePatch = z.strictObject({
  legalEntityId: z.string().optional(),
  description: z.string().max(60).optional(),
  suspended: z.boolean().optional(),
  used: z.boolean().optional(),
});

export const VendorGroupBody = z.strictObject({ dataAreaId: z.string().min(1), id: z.string().min(1), description: z.string().default('') });

export const VendorBody = z.record(z.string(), z.union([z.string(), z.number(), z.null()])).refine((v) => typeof v['VendorAccountNumber'] === 'string', {
  message: 'VendorAccountNumber (string) is required',
});

export const SchemaBody = z.strictObject({
  omitEntitySets: z.array(z.string()).optional(),
  omitProperties: z.record(z.string(), z.array(z.string())).optional(),
  vendorDimensionField: z.string().min(1).optional(),
});

export const SettingsBody = z.strictObject({
  build: z.enum(['current', 'legacy']).optional(),
  pageSize: z.int().min(1).max(10_000).optional(),
  dimensionListing: z.enum(['usedOnly', 'all']).optional(),
  keyAccessOtherCompany: z.enum(['crossCompanyOnly', 'allowed']).optional(),
  batchContinueOnError: z.boolean().optional(),
  failedChangesetContentId: z.enum(['first', 'failing']).optional(),
  messages: z.strictObject({ noActiveFormat: z.string(), unknownDimensionValue: z.string(), suspendedDimensionValue: z.string() }).partial().optional(),
});
