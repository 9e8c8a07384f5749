// A Sage 100 flow's `options:`: where headcount goes, and which GL accounts (main account ×
// cost centre) mlc keeps in existence for the segment values in use. Parsed by the config
// loader through the target's flowOptions (problems are reported with their path).
import { z } from 'zod';

const PLACEHOLDERS = ['main', 'values', 'department', 'division', 'location'] as const;

const Headcount = z
  .union([
    z.literal(false),
    z.strictObject({
      field: z
        .string()
        .regex(/^UDF_[A-Z0-9_]+$/, 'a user-defined field of GL_SubAccount: Sage names them UDF_… (Custom Office)')
        .default('UDF_HEADCOUNT')
        .describe('The GL_SubAccount user-defined field that holds the headcount.'),
      type: z.enum(['number', 'string']).default('number').describe("The UDF's Custom Office type: number (Numeric) or string."),
    }),
  ])
  .default({ field: 'UDF_HEADCOUNT', type: 'number' })
  .describe('Active employees per segment value as of today, written on the sub-account (false: not written).');

const AccountRule = z
  .strictObject({
    main: z.string().regex(/^[A-Za-z0-9]+$/, 'a main account code (letters and digits)').describe('Main account code, e.g. 6000 (segment 01).'),
    by: z
      .array(z.enum(['department', 'division', 'location']))
      .min(1)
      .refine((b) => new Set(b).size === b.length, 'a list named twice')
      .describe('The lists whose segment values vary: one account per value in use (several lists: every combination of values in use).'),
    fill: z
      .record(z.string().regex(/^0?[2-9]$/, 'a segment number: 2 to 9'), z.string().regex(/^[A-Za-z0-9]+$/))
      .default({})
      .describe('Code of each other segment, by segment number, e.g. { 3: "00" }; default: zeros.'),
    description: z
      .string()
      .min(1)
      .refine((d) => [...d.matchAll(/\{([a-z]+)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!)), `placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`)
      .default('{main} {values}')
      .describe('AccountDesc (50 characters): {main}, {department}, {division}, {location} (BambooHR names), {values} (all of them).'),
    type: z.string().regex(/^\d{2}$/, 'two digits, as AccountType in Sage').optional().describe("The main account's AccountType the accounts need (checked; GL_Account takes its type from the main account)."),
    mainDescription: z.string().min(1).max(50).optional().describe('Create the main account with this description and `type` when it is missing (the agent must allow GL_MainAccount_bus).'),
  })
  .refine((r) => r.mainDescription === undefined || r.type !== undefined, { message: 'mainDescription needs type: the main account is created with both', path: ['type'] });

export const Sage100FlowOptions = z
  .strictObject({
    headcount: Headcount,
    accounts: z.array(AccountRule).default([]).describe('GL accounts mlc keeps in existence for every cost centre in use.'),
  })
  .describe('Sage 100 flow options.');

export type Sage100FlowOptions = z.output<typeof Sage100FlowOptions>;
export type AccountRule = Sage100FlowOptions['accounts'][number];
