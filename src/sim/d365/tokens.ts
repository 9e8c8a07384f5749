// Access tokens: JWT-shaped (Entra's are JWTs; clients must treat them as opaque), living a
// random 60–90 minutes on the real clock unless a fixed TTL is set (reference §5.1), with no
// refresh token. The Bearer check on /data: missing, unknown or expired → 401; a valid token
// of an app that F&O has not mapped to a user → 401 as well (reference §5.1, issue 11).
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Rng } from '../common/prng.js';
import type { RegisteredApp } from './apps.js';
import { header, type SimRequest } from './http.js';

interface IssuedToken {
  clientId: string;
  mappedToUser: boolean;
  expiresAt: number;
}

export type BearerCheck = { ok: true; clientId: string } | { ok: false; reason: string };

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly key = randomBytes(32);
  private readonly rng: Rng;

  constructor(
    seed: number,
    private readonly fixedTtlSec: number | undefined,
  ) {
    this.rng = new Rng(seed);
  }

  async issue(app: RegisteredApp, tenantId: string, resource: string): Promise<{ token: string; ttl: number }> {
    const ttl = this.fixedTtlSec ?? this.rng.int(3600, 5400);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ appid: app.clientId, tid: tenantId, idtyp: 'app', oid: randomUUID(), roles: [] })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
      .setAudience(resource)
      .setIssuer(`https://sts.windows.net/${tenantId}/`)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID())
      .sign(this.key);
    this.tokens.set(token, { clientId: app.clientId, mappedToUser: app.mappedToUser, expiresAt: Date.now() + ttl * 1000 });
    return { token, ttl };
  }

  /** Every token issued so far stops working (the next /data call gets 401). */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  check(req: SimRequest): BearerCheck {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
    if (!m?.[1]) return { ok: false, reason: 'no Bearer token' };
    const t = this.tokens.get(m[1]);
    if (!t) return { ok: false, reason: 'unknown token' };
    if (t.expiresAt <= Date.now()) return { ok: false, reason: 'token expired' };
    if (!t.mappedToUser) return { ok: false, reason: 'the app is not mapped to an F&O user' };
    return { ok: true, clientId: t.clientId };
  }
}
