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

const Provision = z
  .union([
    z.literal(true),
    z.strictObject({
      code: z
        .string()
        .regex(/^([^{}]|\{(id|name)(:\d{1,2})?\})+$/, 'a pattern of text and {id}, {id:3}, {name} or {name:10}')
        .default('{id}')
        .describe('Code of a new ERP value: {id} is the BambooHR option id ({id:3} zero-padded to 3), {name} its name in capitals without spaces ({name:10} cut to 10).'),
      deactivate: z.boolean().default(false).describe('Deactivate (suspend) the ERP value when BambooHR archives the option.'),
    }),
  ])
  .describe('mlc creates a value in the ERP for each BambooHR option the lookup does not list (description = the BambooHR name) and renames it with BambooHR.');

const Reference = z
  .union([
    z.strictObject({ value: z.union([z.string(), z.number()]).transform(String).describe('The same ERP id for everyone.') }),
    z
      .strictObject({
        from: SourceField,
        lookup: Lookup.optional(),
        default: z.union([z.string(), z.number()]).transform(String).optional().describe('Used for unmapped values when the flow says unmapped: default.'),
        provision: Provision.optional(),
      })
      .refine((r) => r.lookup !== undefined || r.provision !== undefined, { message: 'needs a lookup (or provision, where the target lets mlc create the values)', path: ['lookup'] }),
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
    names: z
      .enum(['legal', 'preferred'])
      .default('legal')
      .describe("First name on ERP person records: legal (BambooHR firstName; ERP records drive payments and tax documents) or preferred (preferredName when set). Map preferredName into another field under fields: to carry both."),
    options: z.record(z.string(), z.unknown()).default({}).describe("The target's own flow settings (see the adapter's README: a D365 legal entity, Sage 100 main accounts…)."),
  })
  .describe('One flow: BambooHR employees → one target.');

export type FlowConfig = z.infer<typeof FlowConfig>;

export const Flows = z.record(Name, FlowConfig).default({}).describe('Flows, by name.');
