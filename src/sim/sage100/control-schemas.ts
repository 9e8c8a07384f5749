// zod schemas for the control API bodies (/_sim/*). Strict: a misspelt key is a 400 naming it.
import { z } from 'zod';
import { OBJECT_NAMES } from '../../agent/sage100/boi/catalog.js';

const FailNext = z.strictObject({
  status: z.union([z.int().min(100).max(599), z.literal('reset')]),
  times: z.int().min(1).optional(),
  method: z.string().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  afterWrite: z.boolean().optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
  retryAfterSec: z.int().min(0).max(3600).optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(['503', 'reset', 'slow'])).optional(),
    slowMs: z.int().min(0).max(600_000).optional(),
    failNext: z.array(FailNext).optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.int().min(0).max(600_000) });

export const LockBody = z.strictObject({
  object: z.enum(OBJECT_NAMES),
  key: z.record(z.string(), z.string()),
  ms: z.int().min(1).max(3_600_000).optional(),
  attempts: z.int().min(1).max(10_000).optional(),
  at: z.enum(['setKey', 'write']).optional(),
});

export const BusyMessageBody = z.strictObject({ message: z.string().min(1) });

export const WriteFaultBody = z.union([
  z.strictObject({ kind: z.literal('reject'), message: z.string().min(1).optional() }),
  z.strictObject({ kind: z.literal('busy'), attempts: z.int().min(1).max(10_000) }),
]);
