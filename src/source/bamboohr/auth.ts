// BambooHR credentials. API key: HTTP Basic with the key as user name and any password, sent
// pre-emptively (BambooHR stopped sending WWW-Authenticate to browsers in 2026 and counts
// unauthenticated requests against the rate limit; reference/bamboohr.md §1.3). OAuth: a
// Bearer access token, refreshed before its one-hour expiry (the official SDKs keep a 300 s
// buffer) and once more when a call answers 401.
import type { SecretSource } from '../../secrets/types.js';
import type { TokenManager } from './tokens.js';

export interface BambooAuth {
  readonly mode: 'apiKey' | 'oauth';
  /** The Authorization header value for the next request. */
  header(): Promise<string>;
  /** Called after a 401: true when fresh credentials were obtained and the call may be retried once. */
  renew(): Promise<boolean>;
  /** Where each credential came from, for `mlc ping`. */
  sources(): Record<string, SecretSource>;
}

export class ApiKeyAuth implements BambooAuth {
  readonly mode = 'apiKey' as const;

  constructor(
    private readonly key: string,
    private readonly source: SecretSource,
  ) {}

  async header(): Promise<string> {
    return `Basic ${Buffer.from(`${this.key}:x`).toString('base64')}`;
  }

  async renew(): Promise<boolean> {
    return false;
  }

  sources(): Record<string, SecretSource> {
    return { api_key: this.source };
  }
}

export class OAuthAuth implements BambooAuth {
  readonly mode = 'oauth' as const;

  constructor(private readonly tokens: TokenManager) {}

  async header(): Promise<string> {
    return `Bearer ${await this.tokens.accessToken()}`;
  }

  async renew(): Promise<boolean> {
    await this.tokens.refresh();
    return true;
  }

  sources(): Record<string, SecretSource> {
    return this.tokens.sources();
  }
}
