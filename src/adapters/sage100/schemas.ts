// The agent's answers (protocol v1, src/agent/sage100/README.md), validated at the boundary.
// Objects are not strict: within v1 the agent may add fields, and clients ignore them.
import { z } from 'zod';

export const InfoAnswer = z.object({
  agent: z.object({ name: z.string(), version: z.string() }),
  protocol: z.object({ version: z.number(), versions: z.array(z.number()) }),
  boi: z.object({ implementation: z.string(), company: z.string(), accountStructureSource: z.string().optional() }),
  capabilities: z.object({
    prEmployeeBus: z.boolean().optional(),
    writableObjects: z.array(z.string()),
    batch: z.object({ maxWrites: z.int().min(1) }),
    paging: z.object({ maxLimit: z.int().min(1) }),
    udfs: z.object({ GL_SubAccount: z.array(z.object({ name: z.string(), type: z.string() })).default([]) }).default({ GL_SubAccount: [] }),
  }),
});
export type InfoAnswer = z.infer<typeof InfoAnswer>;

const Cell = z.union([z.string(), z.number(), z.null()]);
export type Row = Record<string, string | number | null>;

export const TableAnswer = z.object({ table: z.string(), rows: z.array(z.record(z.string(), Cell)), nextCursor: z.string().nullable() });

export const WriteResult = z.object({
  object: z.string(),
  key: z.record(z.string(), z.string()),
  outcome: z.enum(['created', 'updated', 'unchanged', 'rejected', 'busy']),
  setKey: z.enum(['new', 'existing']).nullable(),
  retVal: z.number(),
  lastErrorMsg: z.string(),
  warnings: z.array(z.object({ field: z.string(), message: z.string() })).default([]),
  changed: z.array(z.string()).default([]),
  failedAt: z.object({ call: z.string(), field: z.string().optional() }).optional(),
});
export type WriteResult = z.infer<typeof WriteResult>;

export const BatchAnswer = z.object({ results: z.array(WriteResult) });

/** One write of a /v1/batch body. */
export interface AgentWrite {
  object: string;
  key: Record<string, string>;
  fields: Record<string, string | number>;
}
