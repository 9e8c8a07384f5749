// agent.yaml: the agent's own config, on the Sage server, separate from mlc's (the agent
// needs none of mlc's state or keychain). Every field has a default where one is sensible;
// relative paths are resolved against the config file's folder (load.ts). README
// "Configuration" shows a full example.
import { z } from 'zod';
import { OBJECT_NAMES } from '../boi/catalog.js';
import { AccountStructure } from '../boi/structure.js';

const Udf = z.strictObject({
  name: z.string().regex(/^UDF_[A-Z0-9_]+$/, 'must start with UDF_ (Sage adds the prefix to every user-defined field) and use A-Z, 0-9, _'),
  type: z.enum(['string', 'number']),
});

const Listen = z.strictObject({
  host: z.string().min(1).default('0.0.0.0'),
  port: z.int().min(0).max(65535).default(8443),
});

const Tls = z.strictObject({
  certFile: z.string().min(1).default('agent-cert.pem'),
  keyFile: z.string().min(1).default('agent-key.pem'),
  /** Extra DNS names / IPs for the certificate's SAN (the server's FQDN, its address). */
  altNames: z.array(z.string().min(1)).default([]),
  validityDays: z.int().min(1).max(3650).default(825),
  keyType: z.enum(['ec', 'rsa']).default('ec'),
});

const Auth = z
  .strictObject({
    apiKey: z
      .strictObject({
        hashFile: z.string().min(1).default('api-key.sha256'),
        env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('MLC_SAGE100_AGENT_API_KEY'),
      })
      .optional(),
    mtls: z.strictObject({ caFile: z.string().min(1) }).optional(),
  })
  .refine((a) => a.apiKey !== undefined || a.mtls !== undefined, { message: 'configure auth.apiKey, auth.mtls or both' });

const Com = z.strictObject({
  /** The MAS90\Home folder of the Sage 100 installation. */
  homePath: z.string().min(1),
  progId: z.string().min(1).default('ProvideX.Script'),
  winaxModule: z.string().min(1).default('winax'),
  readObjects: z.partialRecord(z.enum(['GL_MainAccount', 'GL_SubAccount', 'GL_Account']), z.string().min(1)).default({}),
});

const Boi = z
  .strictObject({
    implementation: z.enum(['com', 'memory']),
    company: z.string().regex(/^[A-Za-z0-9]{3}$/, 'must be a three-character company code'),
    user: z.string().min(1).default('mlc'),
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('MLC_SAGE100_BOI_PASSWORD'),
    passwordFile: z.string().min(1).optional(),
    /** GL_AccountStructure's layout is NOT FOUND (erps.md §8 D.3): the COM agent takes the structure from here. */
    accountStructure: AccountStructure.optional(),
    com: Com.optional(),
    memory: z.strictObject({ seedFile: z.string().min(1).optional() }).default({}),
    tasks: z.partialRecord(z.enum(OBJECT_NAMES), z.string().min(1)).default({}),
    udfs: z.strictObject({ GL_SubAccount: z.array(Udf).default([]) }).default({ GL_SubAccount: [] }),
    /** Case-insensitive patterns that mark a LastErrorMsg as "record busy" (the BOI text is NOT FOUND, erps.md §2.5). */
    busyPatterns: z.array(z.string().min(1)).min(1).default(['busy', 'in use', 'locked']),
    writableObjects: z.array(z.enum(OBJECT_NAMES)).min(1).default(['GL_SubAccount_bus', 'GL_Account_bus']),
  })
  .superRefine((b, ctx) => {
    if (b.implementation === 'com' && !b.com) ctx.addIssue({ code: 'custom', path: ['com'], message: 'is required when implementation is com (homePath, progId …)' });
    if (b.implementation === 'com' && !b.accountStructure) ctx.addIssue({ code: 'custom', path: ['accountStructure'], message: 'is required when implementation is com (the GL_AccountStructure layout is NOT FOUND)' });
    if (b.implementation === 'memory' && !b.accountStructure && !b.memory.seedFile) ctx.addIssue({ code: 'custom', path: ['accountStructure'], message: 'is required for the memory BOI unless boi.memory.seedFile gives one' });
    for (const [i, p] of b.busyPatterns.entries()) {
      try {
        new RegExp(p, 'i');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['busyPatterns', i], message: 'is not a valid regular expression' });
      }
    }
  });

const Limits = z.strictObject({
  bodyBytes: z.int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  requestTimeoutMs: z.int().min(1000).default(60_000),
  headersTimeoutMs: z.int().min(1000).default(15_000),
  keepAliveTimeoutMs: z.int().min(0).default(5_000),
  batchMaxWrites: z.int().min(1).max(1000).default(100),
  pageDefaultRows: z.int().min(1).default(100),
  pageMaxRows: z.int().min(1).max(10_000).default(1000),
  busyRetryAfterSec: z.int().min(0).max(3600).default(1),
});

const Log = z.strictObject({
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  file: z.string().min(1).optional(),
});

export const AgentConfig = z.strictObject({
  listen: Listen.default({ host: '0.0.0.0', port: 8443 }),
  tls: Tls.default(Tls.parse({})),
  auth: Auth.default({ apiKey: { hashFile: 'api-key.sha256', env: 'MLC_SAGE100_AGENT_API_KEY' } }),
  boi: Boi,
  limits: Limits.default(Limits.parse({})),
  log: Log.default({ level: 'info' }),
});
export type AgentConfig = z.output<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;
