// zod schemas for control API bodies (/_sim/*). Strict objects: a misspelt key is a 400 with
// its name rather than a silently ignored setting.
import { z } from 'zod';
import { SERIES } from './types.js';

const FailNext = z.strictObject({
  status: z.union([z.int().min(100).max(599), z.enum(['reset', 'reauth', 'close'])]),
  times: z.int().min(1).optional(),
  method: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  afterWrite: z.boolean().optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
  retryAfterSec: z.int().min(0).max(3600).optional(),
  message: z.string().optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(['500', '503', 'reset', 'slow', 'reauth', 'close'])).optional(),
    slowMs: z.int().min(0).max(600_000).optional(),
    failNext: z.array(FailNext).optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.int().min(0).max(600_000) });

export const UserBody = z.strictObject({
  domain: z.string(),
  user: z.string().min(1),
  password: z.string(),
  companies: z.array(z.string().min(1)).optional(),
});

export const AccountBody = z.strictObject({
  AccountNumber: z.string().regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'segments of letters/digits joined by -'),
  Description: z.string().max(50),
  PostingType: z.enum(['ProfitAndLoss', 'BalanceSheet']).optional(),
  IsActive: z.boolean().optional(),
});

export const CostCenterBody = z.strictObject({
  CostCenterId: z.string().min(1).max(15),
  Description: z.string().max(50),
  IsActive: z.boolean().optional(),
});

export const ActiveBody = z.strictObject({ IsActive: z.boolean() });

export const PeriodBody = z.strictObject({
  Closed: z.boolean(),
  /** Default: every series. */
  Series: z.array(z.enum(SERIES)).min(1).optional(),
});
