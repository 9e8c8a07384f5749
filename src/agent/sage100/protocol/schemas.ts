// zod schemas of the protocol's request bodies (README "Protocol v1"). Strict: an unknown
// property is a 400 naming it, so a client never believes a field was written when it was
// not. Field names are bare (no ProvideX `$`); a string value writes `Name$`, a number `Name`.
import { z } from 'zod';
import { OBJECT_NAMES } from '../boi/catalog.js';
import { ApiError } from './errors.js';

const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a column name without the $ suffix');
const Value = z.union([z.string().max(4000), z.number().finite()]);

export const WriteBody = z.strictObject({
  key: z.record(FieldName, z.string().max(64)),
  fields: z.record(FieldName, Value).default({}),
});
export type WriteBody = z.output<typeof WriteBody>;

export const BatchWrite = WriteBody.extend({ object: z.enum(OBJECT_NAMES) });
export type BatchWrite = z.output<typeof BatchWrite>;

export function batchBody(maxWrites: number) {
  return z.strictObject({ writes: z.array(BatchWrite).min(1).max(maxWrites) });
}

export function parseJson<T extends z.ZodType>(schema: T, body: Buffer): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError(400, 'invalid_request', issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; '), { issues });
  }
  return result.data;
}
