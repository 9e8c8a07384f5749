// The one HTTP layer every system client goes through: timeouts, retries (429/503 with
// Retry-After, backoff with jitter on connection resets), a guard against resending
// non-idempotent requests, request counting per system, and redaction of everything logged.
// It returns any final HTTP status to the caller, which owns the vendor's error format.
import { Agent, type Dispatcher } from 'undici';
import { MlcError } from '../domain/errors.js';
import { interruptedError, neverStop, sleepUnlessStopped } from '../domain/stop.js';
import type { Logger } from '../log/logger.js';
import { scrub } from '../log/redact.js';
import {
  backoffDelay,
  isTimeoutCode,
  networkErrorIsRetryable,
  parseRetryAfter,
  statusIsRetryable,
  type RetryPolicy,
} from './retry.js';
import type { RequestCounter } from './counter.js';
import { explainNetworkError, networkHint } from './net-errors.js';
import type { AdaptiveGate } from './gate.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, or a path resolved against the client's baseUrl. */
  url: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Safe to send twice? Defaults to true for GET/PUT/DELETE, false for POST/PATCH. */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  attempts: number;
  durationMs: number;
  text(): string;
}

export interface HttpClientOptions {
  system: string;
  baseUrl?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  counter: RequestCounter;
  /** Largest body accepted; an answer beyond it is refused rather than buffered. */
  maxBodyBytes?: number;
  dispatcher?: Dispatcher;
  /** Adaptive limit on requests in flight: 429s shrink it, successes grow it back. */
  gate?: AdaptiveGate;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * Aborted when the run is asked to stop (SIGTERM): a wait between retries ends at once and
   * the request fails as interrupted. A request on the wire is never cut: its outcome counts.
   */
  stop?: AbortSignal;
}


export class HttpClient {
  readonly system: string;
  private readonly opts: HttpClientOptions;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(opts: HttpClientOptions) {
    this.system = opts.system;
    this.opts = opts;
    this.ownsDispatcher = !opts.dispatcher;
    this.dispatcher = opts.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = this.resolve(req);
    const idempotent = req.idempotent ?? (req.method !== 'POST' && req.method !== 'PATCH');
    // Built only when something is logged or thrown: scrubbing every path of a 10,000-person
    // load cost ~0.1 s, and the debug line is off in production.
    let labelText: string | undefined;
    const label = (): string => (labelText ??= `${req.method} ${scrub(url.pathname)}`);
    const { retry, logger } = this.opts;
    const debug = logger.isLevelEnabled('debug');
    const stop = this.opts.stop ?? neverStop;
    const sleep = this.opts.sleep ?? ((ms: number) => sleepUnlessStopped(ms, stop).then(() => undefined));
    const random = this.opts.random ?? Math.random;
    const started = Date.now();

    for (let attempt = 1; ; attempt++) {
      const t0 = Date.now();
      this.opts.counter.add(this.system);
      let delay: number | undefined;
      let reason: string;
      const release = await this.opts.gate?.acquire();
      try {
        const res = await this.once(url, req).finally(() => release?.());
        if (res.status === 429) this.opts.gate?.rejected();
        else if (res.status < 400) this.opts.gate?.succeeded();
        if (debug) logger.debug({ system: this.system, req: label(), status: res.status, ms: Date.now() - t0, attempt }, 'http');
        if (!statusIsRetryable(res.status, idempotent) || attempt >= retry.maxAttempts) {
          return { ...res, attempts: attempt, durationMs: Date.now() - started };
        }
        const asked = parseRetryAfter(res.headers['retry-after'], Date.now());
        if (asked !== undefined && asked > retry.maxDelayMs) {
          // The server asked for a longer pause than we allow: stop rather than hammer it.
          return { ...res, attempts: attempt, durationMs: Date.now() - started };
        }
        delay = asked ?? backoffDelay(attempt, retry, random);
        reason = `status ${res.status}`;
      } catch (err) {
        const code = errorCode(err);
        if (!networkErrorIsRetryable(code, idempotent) || attempt >= retry.maxAttempts) {
          throw this.networkError(url, label(), code, err, attempt);
        }
        delay = backoffDelay(attempt, retry, random);
        reason = code ?? 'network error';
      }
      const elapsed = Date.now() - started;
      if (elapsed + delay > retry.budgetMs) {
        throw new MlcError('timeout', `${this.system}: ${label()} gave up after ${attempt} attempts: retry budget of ${Math.round(retry.budgetMs / 1000)} s used up (${reason})`, {
          retryable: true,
        });
      }
      if (stop.aborted) throw interruptedError(stop);
      logger.warn({ system: this.system, req: label(), attempt, reason, delayMs: delay }, 'retrying');
      await sleep(delay);
      // The last attempt did not succeed; a stop asked for meanwhile ends the request here.
      if (stop.aborted) throw interruptedError(stop);
    }
  }

  async close(): Promise<void> {
    if (!this.ownsDispatcher) return;
    // close() waits for requests still on the wire; after a stop only reads can be left
    // there (writes are awaited before the run ends), and nobody wants their answers.
    if (this.opts.stop?.aborted) await this.dispatcher.destroy();
    else await this.dispatcher.close();
  }

  private resolve(req: HttpRequest): URL {
    const url = new URL(req.url, this.opts.baseUrl);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  }

  private async once(url: URL, req: HttpRequest): Promise<Omit<HttpResponse, 'attempts' | 'durationMs'>> {
    const timeout = req.timeoutMs ?? this.opts.timeoutMs;
    // The dispatcher's own request(): undici's top-level request(url) parses the URL again
    // and looks the origin up per call, ~70 µs a request here (9,500 in a 10,000 initial load).
    const res = await this.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: req.method,
      headers: req.headers,
      body: req.body,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const limit = this.opts.maxBodyBytes ?? 512 * 1024 * 1024;
    res.body.on('error', () => undefined); // destroying an unread body emits an abort error
    const declared = Number(res.headers['content-length'] ?? '0');
    if (declared > limit) {
      res.body.destroy();
      throw new MlcError('bad_response', `${this.system}: answer of ${declared} bytes to ${req.method} ${url.pathname} exceeds the ${limit}-byte limit`);
    }
    const body = await readAll(res.body, declared, limit, () => new MlcError('bad_response', `${this.system}: answer to ${req.method} ${url.pathname} exceeds the ${limit}-byte limit`));
    const headers = flattenHeaders(res.headers);
    return { status: res.statusCode, headers, body, text: () => body.toString('utf8') };
  }

  /** Names the system, host and port, says what the code means and which config key to check. */
  private networkError(url: URL, label: string, code: string | undefined, err: unknown, attempts: number): MlcError {
    if (err instanceof MlcError) return err;
    const what = isTimeoutCode(code) ? 'timeout' : 'unreachable';
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const where = `${url.hostname}:${port}`;
    const detail = code ? explainNetworkError(code, where, url.hostname) : `${where}: ${err instanceof Error ? err.message : String(err)}`;
    const tries = attempts === 1 ? '' : ` after ${attempts} attempts`;
    const hint = networkHint(this.system, code);
    return new MlcError(what, `${this.system}: ${label} failed${tries}: ${scrub(detail)}`, {
      retryable: code !== 'ENOTFOUND',
      cause: err,
      details: { host: url.hostname, port: Number(port), code },
      ...(hint ? { hint } : {}),
    });
  }
}

/**
 * The whole body. With a Content-Length the bytes go straight into one buffer of that size:
 * gathering chunks and concatenating them would hold a big answer (a 50,000-person table)
 * twice at the moment of the copy.
 */
async function readAll(body: AsyncIterable<Buffer> & { destroy(): void }, declared: number, limit: number, tooBig: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const into = declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      body.destroy();
      throw tooBig();
    }
    if (into && size + chunk.length <= into.length) chunk.copy(into, size);
    else chunks.push(chunk);
    size += chunk.length;
  }
  if (!into) return Buffer.concat(chunks);
  // A server that sent more or less than it declared: keep exactly what came.
  return chunks.length ? Buffer.concat([into.subarray(0, size - chunks.reduce((n, c) => n + c.length, 0)), ...chunks]) : into.subarray(0, size);
}

function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; cause?: { code?: unknown } };
    if (typeof e.code === 'string') return e.code;
    if (e.cause && typeof e.cause.code === 'string') return e.cause.code;
  }
  return undefined;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
