// NetSuite target settings: the `targets.<name>` block with `type: netsuite`, and the static
// facts of the adapter (reference slots, mappable fields, secrets). Facts and doc ids:
// reference/erps.md §4.
import { z } from 'zod';
import { Duration, ms, Retry, retryPolicy } from '../../config/common.js';
import type { TargetSettings, TargetSpec } from '../types.js';

export const NetSuiteTarget = z
  .strictObject({
    type: z.literal('netsuite'),
    accountId: z
      .string()
      .regex(/^[0-9A-Za-z]+(?:[_-][A-Za-z0-9]+)?$/, 'expected a NetSuite account id such as 1234567 or 1234567_SB1')
      .describe('Account id (Setup > Company > Company Information), e.g. 1234567 or 1234567_SB1 for a sandbox.'),
    baseUrl: z.url().optional().describe('Overrides https://<account>.suitetalk.api.netsuite.com (tests, proxies).'),
    clientId: z.string().min(1).describe('Client ID of the integration record: the JWT "iss" (not secret).'),
    certificateId: z.string().min(1).describe('Certificate ID from OAuth 2.0 Client Credentials (M2M) Setup: the JWT "kid".'),
    algorithm: z.enum(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']).default('PS256').describe('JWT signing algorithm; must match the certificate key (RSA: PS*, EC: ES*).'),
    scopes: z.array(z.enum(['rest_webservices', 'restlets', 'suite_analytics'])).min(1).default(['rest_webservices']).describe('Scopes of the client credentials token.'),
    concurrency: z.int().min(1).max(50).default(4).describe("Parallel requests: keep below the account's concurrency limit, shared with other integrations."),
    externalIdPrefix: z.string().regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only (NetSuite external id rule)').default('bhr-').describe('Employee externalId = prefix + BambooHR id.'),
    timeout: Duration.default('60s').describe('Per-request timeout.'),
    retry: Retry.default({ maxAttempts: 6, maxDelay: '2m', budget: '5m' }),
  })
  .describe('Oracle NetSuite (SuiteTalk REST), OAuth 2.0 client credentials with a JWT assertion. Secret: private_key (PEM).');

export type NetSuiteTarget = z.infer<typeof NetSuiteTarget>;

export interface NetSuiteSettings extends TargetSettings {
  type: 'netsuite';
  accountId: string;
  clientId: string;
  certificateId: string;
  algorithm: NetSuiteTarget['algorithm'];
  scopes: string[];
  externalIdPrefix: string;
}

/** `1234567_SB1` → `1234567-sb1`: hosts use lowercase and '-', realms keep '_' (erps.md §4.1). */
export function accountHost(accountId: string): string {
  return `${accountId.toLowerCase().replace(/_/g, '-')}.suitetalk.api.netsuite.com`;
}

const FIELDS = new Set(['title', 'email', 'phone', 'mobilePhone', 'middleName', 'comments', 'initials', 'homePhone', 'officePhone']);

export const netsuiteSpec: TargetSpec<NetSuiteTarget, NetSuiteSettings> = {
  type: 'netsuite',
  displayName: 'Oracle NetSuite',
  schema: NetSuiteTarget,
  normalize: (w, name) => ({
    name,
    type: 'netsuite',
    accountId: w.accountId,
    baseUrl: (w.baseUrl ?? `https://${accountHost(w.accountId)}`).replace(/\/+$/, ''),
    clientId: w.clientId,
    certificateId: w.certificateId,
    algorithm: w.algorithm,
    scopes: w.scopes,
    concurrency: w.concurrency,
    externalIdPrefix: w.externalIdPrefix,
    timeoutMs: ms(w.timeout),
    retry: retryPolicy(w.retry),
  }),
  // Employee references must exist and be active first (erps.md §4.3); class is "classification".
  slots: {
    subsidiary: { recordType: 'subsidiary', required: true, description: 'subsidiary (required by NetSuite on create)' },
    department: { recordType: 'department', required: false, description: 'department' },
    class: { recordType: 'classification', required: false, description: 'class' },
    location: { recordType: 'location', required: false, description: 'location' },
  },
  fieldAllowed: (name) => FIELDS.has(name) || /^custentity[_a-z0-9]+$/.test(name),
  fieldHint: `one of ${[...FIELDS].join(', ')}, or a custom field custentity_…`,
  secrets: ['private_key'],
  supervisorSlot: 'supervisor',
  naturalKey: (employeeId, s) => `${s.externalIdPrefix}${employeeId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
};
