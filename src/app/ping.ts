// `mlc ping`: authenticate to every configured system and make one cheap read, reporting the
// latency and where each credential came from (env, file or keychain; DESIGN §3.10).
import { isMlcError } from '../domain/errors.js';
import { targetSpecs } from '../adapters/registry.js';
import type { TargetSettings } from '../adapters/types.js';
import type { AppContext } from './context.js';
import { connectTarget } from './sync/connect.js';

export interface PingResult {
  system: string;
  ok: boolean;
  latencyMs: number;
  auth: string;
  credentials: Record<string, string>;
  detail?: string;
  error?: { code: string; message: string; hint?: string | undefined };
  /** The failure itself, for the exit code; not serialised. */
  cause?: unknown;
}

export async function pingBamboo(ctx: AppContext): Promise<PingResult> {
  const started = Date.now();
  const base = { system: 'bamboohr', auth: ctx.config.bamboohr.auth, credentials: {} as Record<string, string> };
  try {
    const client = await ctx.bamboo();
    base.credentials = client.auth.sources();
    // Employee 0 is the one linked to the credentials (get-employee, reference §2.1).
    const me = await client.employee('0', ['firstName', 'lastName']);
    const who = me ? [me.firstName, me.lastName].filter((v) => typeof v === 'string' && v).join(' ') : '';
    return { ...base, ok: true, latencyMs: Date.now() - started, detail: me ? `read employee ${me.id}${who ? ` (${who})` : ''}` : 'authenticated; no employee is linked to these credentials' };
  } catch (err) {
    const error = isMlcError(err) ? { code: err.code, message: err.message, hint: err.hint } : { code: 'internal', message: String(err) };
    return { ...base, ok: false, latencyMs: Date.now() - started, error, cause: err };
  }
}

export async function pingTarget(ctx: AppContext, target: TargetSettings): Promise<PingResult> {
  const started = Date.now();
  const spec = targetSpecs[target.type]!;
  const credentials: Record<string, string> = {};
  const base = { system: target.name, auth: spec.displayName };
  try {
    for (const name of spec.secrets) {
      const found = await ctx.secrets.get({ connection: target.name, name });
      if (found) credentials[name] = found.source;
    }
    const session = await connectTarget(ctx, target);
    try {
      const detail = await session.ping(ctx.config.flows.filter((f) => f.target === target.name));
      return { ...base, credentials, ok: true, latencyMs: Date.now() - started, detail };
    } finally {
      await session.close();
    }
  } catch (err) {
    const error = isMlcError(err) ? { code: err.code, message: err.message, hint: err.hint } : { code: 'internal', message: String(err) };
    return { ...base, credentials, ok: false, latencyMs: Date.now() - started, error, cause: err };
  }
}

export async function ping(ctx: AppContext): Promise<PingResult[]> {
  const targets = Object.values(ctx.config.targets);
  return Promise.all([pingBamboo(ctx), ...targets.map((t) => pingTarget(ctx, t))]);
}
