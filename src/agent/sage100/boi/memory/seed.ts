// The company an in-memory BOI starts with: account structure, main accounts, sub-account
// values, GL accounts, user-defined fields, capabilities. Validated with zod (a seed file is a
// boundary), then loaded through the business objects themselves, so a seed that Sage would
// refuse (an account on a missing sub-account) is refused here too.
import { z } from 'zod';
import { AccountStructure } from '../structure.js';

const Udf = z.strictObject({
  name: z.string().regex(/^UDF_[A-Z0-9_]+$/, 'must start with UDF_ (Sage adds the prefix) and use A-Z, 0-9, _'),
  type: z.enum(['string', 'number']),
});

const Value = z.union([z.string(), z.number()]);

export const MemorySeed = z.strictObject({
  company: z.string().regex(/^[A-Z0-9]{3}$/, 'must be a three-character company code').default('ABC'),
  user: z.strictObject({ name: z.string().min(1), password: z.string() }).optional(),
  accountStructure: AccountStructure,
  mainAccounts: z
    .array(
      z.strictObject({
        code: z.string().min(1),
        description: z.string(),
        accountType: z.string().optional(),
        accountGroup: z.string().optional(),
        status: z.enum(['A', 'I', 'D']).optional(),
      }),
    )
    .default([]),
  subAccounts: z
    .array(
      z.strictObject({
        segmentNo: z.string().min(1),
        code: z.string().min(1),
        description: z.string(),
        status: z.enum(['A', 'I', 'D']).optional(),
        udf: z.record(z.string(), Value).optional(),
      }),
    )
    .default([]),
  accounts: z
    .array(z.strictObject({ account: z.string().min(1), description: z.string().optional(), status: z.enum(['A', 'I', 'D']).optional() }))
    .default([]),
  udfs: z.strictObject({ GL_SubAccount: z.array(Udf).default([]) }).default({ GL_SubAccount: [] }),
  capabilities: z.strictObject({ prEmployeeBus: z.boolean().default(false) }).default({ prEmployeeBus: false }),
  /** LastErrorMsg for a locked record: NOT FOUND (erps.md §8 D.3); ProvideX's own text is "Record/file busy" (erps.md §2.5). */
  busyMessage: z.string().min(1).default('Error #0: Record/file busy'),
  /** The session date before any SetDate call. */
  date: z.string().regex(/^\d{8}$/).optional(),
});
export type MemorySeed = z.input<typeof MemorySeed>;
export type ParsedMemorySeed = z.output<typeof MemorySeed>;

export function parseMemorySeed(raw: unknown): ParsedMemorySeed {
  const result = MemorySeed.safeParse(raw);
  if (!result.success) throw new RangeError(`invalid Sage 100 seed: ${result.error.issues.map((i) => `${i.path.join('.') || 'seed'}: ${i.message}`).join('; ')}`);
  return result.data;
}
