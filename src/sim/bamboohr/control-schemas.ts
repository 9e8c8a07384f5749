// zod schemas for control API bodies (/_sim/*). Strict objects: a misspelt key is a 400 with
// its name rather than a silently ignored setting.
import { z } from 'zod';

const isoDate = z.iso.date();
const nullableText = z.string().nullable().optional();

export const ClockBody = z.strictObject({
  set: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO timestamp').optional(),
  advanceMs: z.number().finite().optional(),
});

const Money = z.strictObject({ value: z.union([z.string(), z.number()]), currency: z.string().regex(/^[A-Z]{3}$/) });

export const CompensationBody = z.strictObject({
  startDate: isoDate,
  rate: Money,
  type: z.string().min(1),
  paidPer: z.string().min(1),
  paySchedule: nullableText,
  reason: nullableText,
  comment: nullableText,
  exempt: nullableText,
});

export const JobInfoBody = z.strictObject({
  date: isoDate,
  department: z.string().min(1).optional(),
  division: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  jobTitle: z.string().min(1).optional(),
  reportsTo: z.number().int().nullable().optional(),
});

const Termination = {
  terminationTypeId: nullableText,
  terminationReasonId: nullableText,
  terminationRehireId: nullableText,
  comment: nullableText,
};

export const EmploymentStatusBody = z.strictObject({ date: isoDate, employmentStatus: z.string().min(1), ...Termination });

export const TerminateBody = z.strictObject({ date: isoDate, ...Termination });

export const RehireBody = z.strictObject({ date: isoDate, employmentStatus: z.string().min(1).optional() });

const EmployeeFields = {
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).optional(),
  middleName: nullableText,
  preferredName: nullableText,
  workEmail: nullableText,
  homeEmail: nullableText,
  birthDate: isoDate.nullable().optional(),
  employeeNumber: z.string().min(1).optional(),
  hireDate: isoDate.optional(),
  originalHireDate: z.string().nullable().optional(),
  payFrequency: nullableText,
};

export const UpdateBody = z.strictObject(EmployeeFields);

export const HireBody = z.strictObject({
  ...EmployeeFields,
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  department: z.string().min(1).optional(),
  division: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  jobTitle: z.string().min(1).optional(),
  reportsTo: z.number().int().nullable().optional(),
  employmentStatus: z.string().min(1).optional(),
  compensation: CompensationBody.omit({ startDate: true }).optional(),
});

const FailNext = z.strictObject({
  status: z.union([z.number().int().min(100).max(599), z.literal('reset')]),
  times: z.number().int().positive().optional(),
  pathPrefix: z.string().optional(),
  retryAfter: z.number().nonnegative().optional(),
  body: z.string().optional(),
  contentType: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const FaultsBody = z
  .strictObject({
    seed: z.number().int().optional(),
    rate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(['429', '503', 'reset', 'slow'])).optional(),
    retryAfter: z.union([z.number().nonnegative(), z.literal('http-date')]).optional(),
    slowMs: z.number().int().nonnegative().optional(),
    failNext: z.array(FailNext).optional(),
  })
  .nullable();

export const LatencyBody = z.strictObject({ ms: z.number().int().nonnegative() });

export const DatasetsBody = z.strictObject({
  refuse: z.union([z.literal(403), z.literal(404), z.literal(422), z.null()]).optional(),
  cellBudget: z.int().min(1).optional(),
  hidden: z.enum(['omit', 'null']).optional(),
  unknownFields: z.enum(['reject', 'omit']).optional(),
  problemType: z.enum(['application/problem+json', 'application/json']).optional(),
});
