// Authentication of /api/* requests: HTTP Basic with the API key as user name and any
// password (reference §1.3), or an OAuth bearer token from token.php (reference §1.4).
import { errorResponse, header, type SimRequest, type SimResponse } from './http.js';
import type { SimApiKey } from './options.js';

export interface Principal {
  kind: 'apiKey' | 'oauth';
  /** Stable owner id; webhooks belong to the credentials that created them. */
  owner: string;
  employeeId: number | undefined;
  hidden: ReadonlySet<string>;
  /** Employees this key may not see (SimApiKey.invisibleEmployees). */
  invisible: ReadonlySet<number>;
}

export interface TokenCheck {
  status: 'valid' | 'expired' | 'unknown';
  employeeId?: number;
  clientId?: string;
}

function unauthorized(message: string, realm: string): SimResponse {
  // Non-browser clients still get the challenge "for backward compatibility" (reference §1.3).
  return errorResponse(401, message, { 'WWW-Authenticate': `Basic realm="${realm}"` });
}

export function authenticate(
  req: SimRequest,
  keys: readonly SimApiKey[],
  checkToken: (token: string) => TokenCheck,
  realm: string,
): Principal | SimResponse {
  const auth = header(req, 'authorization')?.trim() ?? '';
  const [scheme = '', credentials = ''] = auth.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic' && credentials) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const key = keys.find((k) => k.key === user);
    if (!key) return unauthorized('Invalid API key', realm);
    return { kind: 'apiKey', owner: `key:${key.key}`, employeeId: key.employeeId, hidden: new Set(key.hiddenFields ?? []), invisible: new Set(key.invisibleEmployees ?? []) };
  }
  if (scheme.toLowerCase() === 'bearer' && credentials) {
    const check = checkToken(credentials);
    if (check.status === 'expired') return unauthorized('The access token expired', realm);
    if (check.status !== 'valid') return unauthorized('Invalid access token', realm);
    return { kind: 'oauth', owner: `oauth:${check.clientId ?? ''}:${check.employeeId ?? 0}`, employeeId: check.employeeId, hidden: new Set(), invisible: new Set() };
  }
  return unauthorized('Your API key is missing', realm);
}

export function isPrincipal(value: Principal | SimResponse): value is Principal {
  return 'owner' in value;
}
