// Sage 100 target settings: the `targets.<name>` block with `type: sage100`, and the static
// facts of the adapter. mlc talks to the mlc Sage 100 agent on the Sage server over HTTPS
// (protocol: src/agent/sage100/README.md); facts about Sage: erps.md §2 and §8 D.
import { z } from 'zod';
import { Duration, ms, Retry, retryPolicy } from '../../config/common.js';
import { isFingerprint, normalizeFingerprint, type TlsTrust } from '../../http/tls.js';
import type { TargetSettings, TargetSpec } from '../types.js';
import { maskOf, parseMask, segmentNo, type AccountFormat } from './format.js';
import { Sage100FlowOptions } from './options.js';

export const SLOTS = ['department', 'division', 'location'] as const;
export type Slot = (typeof SLOTS)[number];

const Tls = z
  .strictObject({
    pinSha256: z
      .string()
      .refine(isFingerprint, 'expected a SHA-256 fingerprint: 64 hex digits, with or without colons (mlc ping prints it)')
      .optional()
      .describe("SHA-256 fingerprint of the agent's certificate (the agent prints it at start; mlc ping shows the one it sees)."),
    caFile: z.string().min(1).optional().describe('PEM file of the CA that issued the agent certificate (instead of a pin).'),
    clientCert: z.string().min(1).optional().describe('Client certificate (PEM) for mutual TLS.'),
    clientKey: z.string().min(1).optional().describe('Key (PEM) of the client certificate.'),
  })
  .refine((t) => (t.clientCert === undefined) === (t.clientKey === undefined), { message: 'clientCert and clientKey go together', path: ['clientKey'] })
  .describe('How mlc trusts the agent (never by switching verification off), and its client certificate. File paths are relative to the directory mlc runs in.');

const SegmentNumber = z.union([z.int().min(2).max(9), z.string().regex(/^0?[2-9]$/, 'a sub-account segment number: 2 to 9')]);

const Structure = z.union([
  z.string().refine((m) => parseMask(m) !== undefined, 'expected the account format as a mask, e.g. XXXX-XX-XX'),
  z.strictObject({ separator: z.string().max(1), lengths: z.array(z.int().min(1).max(15)).min(1).max(9) }),
]);

export const Sage100Target = z
  .strictObject({
    type: z.literal('sage100'),
    baseUrl: z.url().describe('The agent: https://<Sage server>:8443 (an altName of its certificate).'),
    auth: z.enum(['apiKey', 'mtls', 'apiKey+mtls']).default('apiKey').describe('What the agent requires: the API key (secret api_key), a client certificate (tls.clientCert), or both.'),
    tls: Tls.default({}),
    structure: Structure.describe('The account format of the company, as General Ledger > Setup > Account Structure shows it (mask XXXX-XX-XX, or {separator, lengths}); checked against the agent before any write.'),
    segments: z
      .partialRecord(z.enum(SLOTS), SegmentNumber)
      .refine((s) => Object.keys(s).length > 0, 'map at least one of department, division, location to a segment')
      .describe('Which sub-account segment each BambooHR list fills, e.g. { department: 2, location: 3 }.'),
    concurrency: z.int().min(1).max(32).default(1).describe('Batches in flight; the agent serves one BOI session, so more only overlaps network latency.'),
    batchSize: z.int().min(1).max(1000).default(50).describe('Writes per /v1/batch request (the agent caps it: capabilities.batch.maxWrites).'),
    busy: z
      .strictObject({
        maxAttempts: z.int().min(1).max(50).default(5).describe('Attempts at a record another Sage user holds, the first included.'),
        delay: Duration.default('1s').describe('First wait before trying a busy record again; doubles each time (with jitter).'),
        budget: Duration.default('30s').describe('Longest time spent on busy records of one batch; then the record fails and the next run retries it.'),
      })
      .default({ maxAttempts: 5, delay: '1s', budget: '30s' })
      .describe('Records locked in Sage ("busy", agent answer 423/busy).'),
    timeout: Duration.default('60s').describe('Per-request timeout (a batch holds the BOI for all its writes).'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '1m', budget: '5m' }),
  })
  .superRefine((t, ctx) => {
    // zod runs this even when a field failed its own check: a bad mask is reported there.
    const format = typeof t.structure === 'string' ? parseMask(t.structure) : t.structure ? structureOf(t.structure) : undefined;
    for (const [slot, no] of Object.entries(t.segments ?? {})) {
      if (format && Number(no) > format.lengths.length) ctx.addIssue({ code: 'custom', path: ['segments', slot], message: `the structure ${maskOf(format)} has ${format.lengths.length} segments` });
    }
    const nos = Object.values(t.segments ?? {}).map(Number);
    if (new Set(nos).size !== nos.length) ctx.addIssue({ code: 'custom', path: ['segments'], message: 'two lists fill the same segment' });
    if (t.auth !== 'apiKey' && !t.tls?.clientCert) ctx.addIssue({ code: 'custom', path: ['tls', 'clientCert'], message: `auth ${t.auth} needs a client certificate` });
  })
  .describe('Sage 100 through the mlc Sage 100 agent (HTTPS). Secret: api_key.');

export type Sage100Target = z.infer<typeof Sage100Target>;

export interface Sage100Settings extends TargetSettings {
  type: 'sage100';
  auth: Sage100Target['auth'];
  tls: TlsTrust;
  structure: AccountFormat;
  /** List slot → segment number ('02'). */
  segments: Partial<Record<Slot, string>>;
  batchSize: number;
  busy: { maxAttempts: number; delayMs: number; budgetMs: number };
}

function structureOf(s: Sage100Target['structure']): AccountFormat {
  return typeof s === 'string' ? parseMask(s)! : { separator: s.separator, lengths: s.lengths };
}

function normalize(w: Sage100Target, name: string): Sage100Settings {
  return {
    name,
    type: 'sage100',
    baseUrl: w.baseUrl.replace(/\/+$/, ''),
    auth: w.auth,
    tls: {
      pinSha256: w.tls.pinSha256 ? normalizeFingerprint(w.tls.pinSha256) : undefined,
      caFile: w.tls.caFile,
      clientCertFile: w.tls.clientCert,
      clientKeyFile: w.tls.clientKey,
    },
    structure: structureOf(w.structure),
    segments: Object.fromEntries(Object.entries(w.segments).map(([slot, no]) => [slot, segmentNo(Number(no))])),
    concurrency: w.concurrency,
    batchSize: w.batchSize,
    busy: { maxAttempts: w.busy.maxAttempts, delayMs: ms(w.busy.delay), budgetMs: ms(w.busy.budget) },
    timeoutMs: ms(w.timeout),
    retry: retryPolicy(w.retry),
  };
}

export const sage100Spec: TargetSpec<Sage100Target, Sage100Settings> = {
  type: 'sage100',
  displayName: 'Sage 100',
  schema: Sage100Target,
  normalize,
  // Each list fills a sub-account segment (GL_SubAccount, erps.md §8 D.1); the lookups map
  // BambooHR names to segment codes, or mlc provisions the codes itself. The department is
  // the cost centre labour posts to (issue 14), so every flow keeps it.
  slots: {
    department: { recordType: 'department', required: true, description: 'department segment value (GL sub-account): the cost centre', provisionable: true },
    division: { recordType: 'division', required: false, description: 'division segment value (GL sub-account)', provisionable: true },
    location: { recordType: 'location', required: false, description: 'location segment value (GL sub-account)', provisionable: true },
  },
  // Sage 100's documented surfaces hold no employee master (issue 14): no person fields.
  fieldAllowed: () => false,
  fieldHint: 'no fields at all (Sage 100 flows write org structure and headcount, not people records)',
  secrets: ['api_key'],
  naturalKey: (employeeId) => employeeId,
  families: ['reference'],
  flowOptions: Sage100FlowOptions,
};
