// zod schemas for control API bodies (/_sim/*). Strict objects: a misspelt key is a 400 with
// its name rather than a silently ignored setting.
import { z } from 'zod';

const code = z.string().trim().min(1);
const kind = z.enum(['reset', 'slow', '500', '503', 'evict', 'reject']);

export const CostCentreBody = z.strictObject({ CostCentre: code, Description: z.string() });

export const WorkCentreBody = z.strictObject({ WorkCentre: code, Description: z.string(), CostCentre: code });

export const LabourPostedBody = z.strictObject({ labourPosted: z.boolean() });

export const CustomFormBody = z.strictObject({
  formType: code,
  keyTable: z.enum(['employee', 'costCentre', 'workCentre']).optional(),
  fields: z.array(z.strictObject({ fieldName: code, type: z.enum(['A', 'N', 'D']), maxLength: z.int().min(1).optional() })).min(1),
});

export const OperatorBody = z.strictObject({ operator: code.optional() });

export const TimeoutBody = z.strictObject({ ms: z.int().min(1) });

export const LicencesBody = z.strictObject({ businessObjects: z.array(code) });

const FailNext = z.strictObject({
  kind: z.union([kind, z.literal('text')]),
  text: z.string().optional(),
  times: z.int().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  businessObject: code.optional(),
  afterWrite: z.boolean().optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(kind).optional(),
    lockRate: z.number().min(0).max(1).optional(),
    slowMs: z.int().min(0).max(600_000).optional(),
    failNext: z.array(FailNext).optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.int().min(0).max(600_000) });
