// OAuth token lifecycle for BambooHR: cached access token, refresh before expiry, rotation.
// Whether BambooHR rotates refresh tokens is not documented (reference §1.4, NOT FOUND), so
// any refresh_token in an answer is stored — and stored *before* the new access token is
// used: if the process dies in between, the next run still holds a refresh token that works.
import { MlcError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/client.js';
import type { Logger } from '../../log/logger.js';
import { envVarName } from '../../secrets/env.js';
import type { SecretStore } from '../../secrets/store.js';
import type { SecretSource } from '../../secrets/types.js';
import { postToken } from './oauth.js';

const EARLY_REFRESH_MS = 300_000; // the official PHP/Python SDKs refresh 300 s before expiry
const LOGIN_HINT = 'run `mlc auth login bamboohr` again';

export const REFRESH = { connection: 'bamboohr', name: 'refresh_token' };
export const CLIENT_SECRET = { connection: 'bamboohr', name: 'client_secret' };
export const ACCESS = { connection: 'bamboohr', name: 'access_token' };

export interface TokenManagerDeps {
  http: HttpClient;
  secrets: SecretStore;
  clientId: string;
  logger: Logger;
  /** Real clock: token lifetimes never follow MLC_NOW. */
  now?: () => number;
}

interface Cached {
  token: string;
  expiresAt: number;
}

export class TokenManager {
  private cached: Cached | undefined;
  private inflight: Promise<string> | undefined;
  private readonly now: () => number;
  private readonly found: Record<string, SecretSource> = {};

  private constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  static async create(deps: TokenManagerDeps): Promise<TokenManager> {
    const m = new TokenManager(deps);
    const secret = await deps.secrets.require(CLIENT_SECRET);
    const refresh = await deps.secrets.require(REFRESH, `${LOGIN_HINT}, or set ${envVarName(REFRESH)}`);
    m.found.client_secret = secret.source;
    m.found.refresh_token = refresh.source;
    const access = await deps.secrets.get(ACCESS);
    if (access) {
      try {
        const c = JSON.parse(access.value) as Cached;
        if (typeof c.token === 'string' && typeof c.expiresAt === 'number') m.cached = c;
      } catch {
        // an unreadable cache only costs one refresh
      }
    }
    return m;
  }

  sources(): Record<string, SecretSource> {
    return { ...this.found };
  }

  async accessToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt - this.now() > EARLY_REFRESH_MS) return this.cached.token;
    return this.refresh();
  }

  /** One refresh at a time: concurrent callers share it (a rotated token is single-use). */
  refresh(): Promise<string> {
    this.inflight ??= this.doRefresh().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async doRefresh(): Promise<string> {
    const { http, secrets, clientId, logger } = this.deps;
    const refresh = await secrets.require(REFRESH, LOGIN_HINT);
    const secret = await secrets.require(CLIENT_SECRET);
    const params = { grant_type: 'refresh_token', refresh_token: refresh.value, client_id: clientId, client_secret: secret.value };
    const tok = await postToken(http, params, (why) => new MlcError('auth_refused', `BambooHR refused the refresh token (${why}); ${LOGIN_HINT}`, { hint: LOGIN_HINT }));
    if (tok.refresh_token && tok.refresh_token !== refresh.value) {
      try {
        const where = await secrets.set(REFRESH, tok.refresh_token);
        if (refresh.source === 'env') {
          logger.warn(`BambooHR replaced the refresh token; the new one is stored in the ${where}, but ${envVarName(REFRESH)} still holds the old one and wins: remove it`);
        }
      } catch (err) {
        throw new MlcError('auth_refused', `BambooHR issued a new refresh token that could not be stored (${(err as Error).message}); ${LOGIN_HINT} where a secret store is writable, or set secrets.file`, { cause: err });
      }
    }
    this.cached = { token: tok.access_token, expiresAt: this.now() + (tok.expires_in ?? 3600) * 1000 };
    await secrets.set(ACCESS, JSON.stringify(this.cached)).catch((err: unknown) => {
      logger.debug({ err: (err as Error).message }, 'access token not cached; the next run refreshes again');
    });
    return tok.access_token;
  }
}
