// The `flows:` section as written: what a flow sends where. A flow names a target, the
// employees it covers, how BambooHR values become ERP references (lookups inline or in a CSV
// file next to the config) and what happens to a value no lookup covers.
import { z } from 'zod';
import { Name } from './common.js';

const SourceField = z.string().min(1).describe('A BambooHR field: department, division, location, jobTitle, employmentStatus, … or one listed under bamboohr.fields.');

const Lookup = z
  .union([
    z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).describe('Inline table: BambooHR value → ERP id.'),
    z.strictObject({ file: z.string().min(1).describe('CSV file, relative to the config: a header row, then BambooHR value, ERP id.') }),
  ])
  .describe('BambooHR value → ERP id.');

const Reference = z
  .union([
    z.strictObject({ value: z.union([z.string(), z.number()]).transform(String).describe('The same ERP id for everyone.') }),
    z.strictObject({
      from: SourceField,
      lookup: Lookup,
      default: z.union([z.string(), z.number()]).transform(String).optional().describe('Used for unmapped values when the flow says unmapped: default.'),
    }),
  ])
  .describe('How an ERP reference (department, class, GL segment…) is filled.');

export const FlowConfig = z
  .strictObject({
    target: Name.describe('A key under targets:.'),
    filter: z
      .record(SourceField, z.array(z.string()).min(1))
      .default({})
      .describe('Employees the flow covers: every listed field must equal one of its values (e.g. location: [Denver, Colorado]).'),
    unmapped: z
      .enum(['park', 'fail', 'default'])
      .default('park')
      .describe('A BambooHR value no lookup covers: park the record (others go on), fail the run (exit 2), or use the reference default.'),
    references: z.record(z.string(), Reference).default({}).describe("The target's reference slots (NetSuite: subsidiary, department, class, location)."),
    fields: z.record(z.string(), SourceField).default({}).describe('Plain ERP fields filled from BambooHR fields (ERP field: BambooHR field).'),
  })
  .describe('One flow: BambooHR employees → one target.');

export type FlowConfig = z.infer<typeof FlowConfig>;

export const Flows = z.record(Name, FlowConfig).default({}).describe('Flows, by name.');
