// What a use-case needs, built once per command from the config: logger, secrets, the
// business clock, request counters, and (on demand) the BambooHR client and the state store.
// Commands create it; use-cases receive it; tests build it against simulators.
import { loadConfig, configPath } from '../config/load.js';
import type { Config } from '../config/types.js';
import { businessClock, type BusinessClock } from '../domain/clock.js';
import type { ConfigProblem } from '../domain/errors.js';
import { redactor } from '../domain/redact-payload.js';
import { neverStop } from '../domain/stop.js';
import { HttpClient } from '../http/client.js';
import { RequestCounter } from '../http/counter.js';
import { envLogLevel, type LogLevel } from '../log/levels.js';
import { createLogger, type Logger } from '../log/logger.js';
import { SecretStore } from '../secrets/store.js';
import { ApiKeyAuth, OAuthAuth, type BambooAuth } from '../source/bamboohr/auth.js';
import { BambooHrClient } from '../source/bamboohr/client.js';
import { TokenManager } from '../source/bamboohr/tokens.js';
import { State } from '../store/state.js';
import { registerHostHints } from './host-hints.js';

export interface ContextOptions {
  config?: string | undefined;
  asOf?: string | undefined;
  logLevel?: LogLevel | undefined;
  env?: NodeJS.ProcessEnv;
  /** Aborted (reason: the signal's name) when the command is asked to stop; see domain/stop.ts. */
  stop?: AbortSignal | undefined;
}

export class AppContext {
  readonly counter = new RequestCounter();
  private closers: Array<() => Promise<void> | void> = [];

  private constructor(
    readonly config: Config,
    readonly warnings: ConfigProblem[],
    readonly logger: Logger,
    readonly secrets: SecretStore,
    readonly clock: BusinessClock,
    readonly stop: AbortSignal,
  ) {}

  static create(opts: ContextOptions = {}): AppContext {
    const env = opts.env ?? process.env;
    const fromEnv = envLogLevel(env);
    const { config, warnings } = loadConfig(configPath(opts.config, env));
    registerHostHints(config);
    const level = opts.logLevel ?? fromEnv ?? config.logging.level;
    const logger = createLogger({ level, file: config.logging.file, format: config.logging.format, redactText: redactor(config.audit.redact).text });
    const secrets = SecretStore.create({ keychainService: config.secrets.keychainService, file: config.secrets.file, env });
    const clock = businessClock({ timeZone: config.timezone, env, asOf: opts.asOf });
    return new AppContext(config, warnings, logger, secrets, clock, opts.stop ?? neverStop);
  }

  /** The HTTP client for BambooHR (base URL from the config), closed with the context. */
  bambooHttp(): HttpClient {
    const b = this.config.bamboohr;
    const http = new HttpClient({ system: 'bamboohr', baseUrl: b.baseUrl, timeoutMs: b.timeoutMs, retry: b.retry, maxBodyBytes: b.maxResponseBytes, logger: this.logger, counter: this.counter, stop: this.stop });
    this.closers.push(() => http.close());
    return http;
  }

  async bambooAuth(http: HttpClient): Promise<BambooAuth> {
    const b = this.config.bamboohr;
    if (b.auth === 'oauth' && b.oauth) {
      return new OAuthAuth(await TokenManager.create({ http, secrets: this.secrets, clientId: b.oauth.clientId, logger: this.logger }));
    }
    const key = await this.secrets.require({ connection: 'bamboohr', name: 'api_key' });
    return new ApiKeyAuth(key.value, key.source);
  }

  async bamboo(): Promise<BambooHrClient> {
    const http = this.bambooHttp();
    return new BambooHrClient(http, await this.bambooAuth(http));
  }

  openState(readonly = false): State {
    const state = State.open(this.config.state.path, { busyTimeoutMs: this.config.state.busyTimeoutMs, readonly });
    this.closers.push(() => state.close());
    return state;
  }

  onClose(fn: () => Promise<void> | void): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.reverse()) {
      try {
        await fn();
      } catch (err) {
        this.logger.debug({ err: (err as Error).message }, 'close failed');
      }
    }
    this.closers = [];
  }
}
