// Checks that need more than one field or knowledge beyond types. Each rule is a small named
// function that reports problems with the path they concern; errors stop the run, warnings
// are printed and the run goes on (changesets' packages/config/src/rules.ts pattern).
import { MAX_FIELDS, fieldsToRead } from '../source/bamboohr/fields.js';
import { targetSpecs } from '../adapters/registry.js';
import { flowRules } from './flow-rules.js';
import type { WrittenConfig } from './schema.js';
import type { Config } from './types.js';

export interface RuleProblem {
  path: Array<string | number>;
  message: string;
  severity: 'error' | 'warning';
  /** A position in another file (a lookup CSV) instead of the config path's. */
  at?: { file: string; line: number; column: number };
}

type Rule = (config: Config, written: WrittenConfig) => RuleProblem[];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const oauthSettingsMatchAuth: Rule = (c) => {
  const b = c.bamboohr;
  if (b.auth === 'oauth' && !b.oauth) {
    return [{ path: ['bamboohr', 'auth'], severity: 'error', message: 'auth is "oauth" but there is no bamboohr.oauth block with clientId' }];
  }
  if (b.auth === 'apiKey' && b.oauth) {
    return [{ path: ['bamboohr', 'oauth'], severity: 'warning', message: 'ignored: auth is "apiKey"' }];
  }
  return [];
};

/** TLS is never switched off: plain http only towards this machine (simulators, local proxies). */
export const plainHttpOnlyOnLoopback: Rule = (c, w) => {
  if (!w.bamboohr.baseUrl) return [];
  const u = new URL(c.bamboohr.baseUrl);
  if (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return [];
  return [{ path: ['bamboohr', 'baseUrl'], severity: 'error', message: `use https (plain http is only allowed for loopback addresses), got ${u.protocol}//${u.host}` }];
};

/**
 * The same for every ERP target: a bearer token, a JWT assertion or a password must not cross
 * the network unencrypted (issue 8 §6). A target whose ERP is often served over plain http
 * inside the customer's network (SYSPRO e.net) gets a warning instead of an error.
 */
export const targetsUseHttps: Rule = (c) =>
  Object.values(c.targets).flatMap((t) => {
    const u = new URL(t.baseUrl);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return [];
    const lax = targetSpecs[t.type]?.allowsPlainHttp === true;
    return [{ path: ['targets', t.name, 'baseUrl'], severity: lax ? ('warning' as const) : ('error' as const), message: lax ? `plain http to ${u.host}: the ERP's credentials cross the network unencrypted; use https where the server offers it` : `use https (plain http is only allowed for loopback addresses), got ${u.protocol}//${u.host}` }];
  });

export const redirectUriIsLoopback: Rule = (c) => {
  const o = c.bamboohr.auth === 'oauth' ? c.bamboohr.oauth : undefined;
  if (!o) return [];
  const u = new URL(o.redirectUri);
  if (LOOPBACK.has(u.hostname)) return [];
  return [{ path: ['bamboohr', 'oauth', 'redirectUri'], severity: 'warning', message: `${u.host} is not this machine: \`mlc auth login bamboohr\` will ask you to paste the code from the redirect` }];
};

export const fieldLimit: Rule = (c) => {
  const n = fieldsToRead({ tables: c.bamboohr.tables, extra: c.bamboohr.fields }).length;
  return n <= MAX_FIELDS ? [] : [{ path: ['bamboohr', 'fields'], severity: 'error', message: `${n} fields requested; BambooHR accepts at most ${MAX_FIELDS} per request` }];
};

export const allowedMissingAreRead: Rule = (c) => {
  const allowed = c.bamboohr.allowMissingFields;
  if (allowed === true) return [];
  const read = new Set(fieldsToRead({ tables: c.bamboohr.tables, extra: c.bamboohr.fields }));
  return allowed
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !read.has(f) && !f.includes('.'))
    .map(({ f, i }) => ({ path: ['bamboohr', 'allowMissingFields', i], severity: 'warning' as const, message: `"${f}" is not a field mlc reads` }));
};

export const durationsAreSane: Rule = (c) => {
  const out: RuleProblem[] = [];
  if (c.state.lockStaleAfterMs < 30_000) out.push({ path: ['state', 'lockStaleAfter'], severity: 'error', message: 'must be at least 30s (a live run refreshes its heartbeat every third of it)' });
  if (c.state.busyTimeoutMs < 1000) out.push({ path: ['state', 'busyTimeout'], severity: 'error', message: 'must be at least 1s' });
  if (c.bamboohr.timeoutMs < 1000) out.push({ path: ['bamboohr', 'timeout'], severity: 'error', message: 'must be at least 1s' });
  return out;
};

export const rules: readonly Rule[] = [
  oauthSettingsMatchAuth,
  plainHttpOnlyOnLoopback,
  targetsUseHttps,
  redirectUriIsLoopback,
  fieldLimit,
  allowedMissingAreRead,
  durationsAreSane,
  ...flowRules,
];

export function applyRules(config: Config, written: WrittenConfig): RuleProblem[] {
  return rules.flatMap((rule) => rule(config, written));
}
