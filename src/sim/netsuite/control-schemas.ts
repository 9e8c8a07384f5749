// zod schemas for control API bodies (/_sim/*). Strict objects: a misspelt key is a 400 with
// its name rather than a silently ignored setting.
import { z } from 'zod';
import { NS_ALGORITHMS } from './assertion.js';

const digits = z.string().regex(/^\d+$/, 'must be an internal id (digits)');

export const ReferenceBody = z.strictObject({
  name: z.string().trim().min(1),
  isInactive: z.boolean().optional(),
  id: digits.optional(),
  subsidiary: z.array(digits).optional(),
});

export const InactiveBody = z.strictObject({ isInactive: z.boolean() });

const FailNext = z.strictObject({
  status: z.union([z.number().int().min(100).max(599), z.literal('reset')]),
  times: z.number().int().min(1).optional(),
  method: z.string().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  errorCode: z.string().min(1).optional(),
  detail: z.string().optional(),
  afterWrite: z.boolean().optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
  retryAfterSec: z.int().min(0).max(3600).optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.number().int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(['429', '503', 'reset', 'slow'])).optional(),
    slowMs: z.number().int().min(0).max(600_000).optional(),
    failNext: z.array(FailNext).optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.number().int().min(0).max(600_000) });

export const ClientBody = z.strictObject({
  clientId: z.string().min(1),
  certificateId: z.string().min(1),
  publicKeyPem: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be an SPKI PEM (-----BEGIN PUBLIC KEY-----)' }),
  algorithms: z.array(z.enum(NS_ALGORITHMS)).min(1).optional(),
});
