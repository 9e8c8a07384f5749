// Payload validation shared by the resources: zod schemas with GP's field lengths, and zod
// issues turned into the error body's Details (one per problem, with the 1-based journal line
// when the path runs through `Lines[n]`). GP's own error texts are NOT FOUND (erps.md §8 B.2).
import { z } from 'zod';
import { GpError, type ErrorDetail } from './http.js';

/** GP string fields have fixed lengths; longer values are refused, not truncated (assumption). */
export const text = (max: number): z.ZodString => z.string().max(max, `at most ${max} characters`);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` that is a real calendar day. */
export const isoDate = z.string().refine((s) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'a date as YYYY-MM-DD');

/** Fields a client may send back from a GET; the server keeps its own values. */
export const readOnlyStamps = { CreatedDate: z.string().optional(), ModifiedDate: z.string().optional() };

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function detail(issue: z.core.$ZodIssue): ErrorDetail {
  const path = issue.path;
  const field = fieldPath(path);
  const d: ErrorDetail = { Code: 'InvalidField', Message: `${field || 'Payload'}: ${issue.message}` };
  if (field) d.Field = field;
  if (path[0] === 'Lines' && typeof path[1] === 'number') d.Line = path[1] + 1;
  return d;
}

/** The parsed value, or a 400 InvalidRequest listing every problem. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new GpError(400, 'InvalidRequest', `The ${what} is not valid.`, r.error.issues.map(detail));
}

/** Drops the read-only stamps a client echoed back. */
export function withoutStamps<T extends Record<string, unknown>>(input: T): Omit<T, 'CreatedDate' | 'ModifiedDate'> {
  const { CreatedDate: _c, ModifiedDate: _m, ...rest } = input;
  return rest;
}
