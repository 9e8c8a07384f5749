// The one HTTP layer every system client goes through: timeouts, retries (429/503 with
// Retry-After, backoff with jitter on connection resets), a guard against resending
// non-idempotent requests, request counting per system, and redaction of everything logged.
// It returns any final HTTP status to the caller, which owns the vendor's error format.
import { Agent, type Dispatcher } from './undici.js';
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

/**
 * The request with these headers instead of its own, every field named: the system clients
 * add auth headers to each request, and a spread that may add properties takes V8's slow path
 * (~2 µs an object on Node 20, measured), once per request. Keep it in step with HttpRequest.
 */
export function withHeaders(req: HttpRequest, headers: Record<string, string>): HttpRequest {
  return { method: req.method, url: req.url, query: req.query, headers, body: req.body, idempotent: req.idempotent, timeoutMs: req.timeoutMs };
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
      const gate = this.opts.gate;
      const release = gate ? (gate.tryAcquire() ?? (await gate.acquire())) : undefined;
      try {
        let res: HttpResponse;
        try {
          res = await this.once(url, req);
        } finally {
          release?.();
        }
        if (res.status === 429) this.opts.gate?.rejected();
        else if (res.status < 400) this.opts.gate?.succeeded();
        if (debug) logger.debug({ system: this.system, req: label(), status: res.status, ms: Date.now() - t0, attempt }, 'http');
        if (!statusIsRetryable(res.status, idempotent) || attempt >= retry.maxAttempts) {
          return done(res, attempt, started);
        }
        const asked = parseRetryAfter(res.headers['retry-after'], Date.now());
        if (asked !== undefined && asked > retry.maxDelayMs) {
          // The server asked for a longer pause than we allow: stop rather than hammer it.
          return done(res, attempt, started);
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

  /**
   * One exchange through the dispatcher's dispatch() and a handler that gathers the body:
   * no response stream and no async iteration per answer (request() builds both; ~0.1 ms a
   * request, 9,500 of them in a 10,000-person initial load). Undici's handler API:
   * node_modules/undici/docs/docs/api/Dispatcher.md, "Parameter: DispatchHandler".
   */
  private once(url: URL, req: HttpRequest): Promise<HttpResponse> {
    const timeout = req.timeoutMs ?? this.opts.timeoutMs;
    const limit = this.opts.maxBodyBytes ?? 512 * 1024 * 1024;
    const tooBig = (size: number) => new MlcError('bad_response', `${this.system}: answer of ${size} bytes to ${req.method} ${url.pathname} exceeds the ${limit}-byte limit`);
    return new Promise((resolve, reject) => {
      const body = new BodyCollector();
      let status = 0;
      let headers: Record<string, string> = {};
      this.dispatcher.dispatch(
        { origin: url.origin, path: url.pathname + url.search, method: req.method, headers: req.headers, body: req.body ?? null, headersTimeout: timeout, bodyTimeout: timeout },
        {
          onRequestStart: () => undefined,
          // Called again after a 1xx informational answer: the last one counts.
          onResponseStart: (controller, statusCode, raw) => {
            status = statusCode;
            headers = flattenHeaders(raw);
            const declared = Number(headers['content-length'] ?? '0');
            if (declared > limit) controller.abort(tooBig(declared));
            else body.expect(declared);
          },
          onResponseData: (controller, chunk) => {
            if (body.size + chunk.length > limit) controller.abort(tooBig(body.size + chunk.length));
            else body.add(chunk);
          },
          onResponseEnd: () => {
            const bytes = body.done();
            resolve({ status, headers, body: bytes, attempts: 0, durationMs: 0, text: () => bytes.toString('utf8') });
          },
          onResponseError: (_controller, err) => reject(err),
        },
      );
    });
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
class BodyCollector {
  size = 0;
  private into: Buffer | undefined;
  private chunks: Buffer[] = [];

  expect(declared: number): void {
    this.size = 0;
    this.chunks = [];
    this.into = declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  }

  add(chunk: Buffer): void {
    if (this.into && this.chunks.length === 0 && this.size + chunk.length <= this.into.length) chunk.copy(this.into, this.size);
    else this.chunks.push(chunk);
    this.size += chunk.length;
  }

  done(): Buffer {
    if (!this.into) return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    // A server that sent more than it declared: keep exactly what came.
    const head = this.into.subarray(0, this.size - this.chunks.reduce((n, c) => n + c.length, 0));
    return this.chunks.length ? Buffer.concat([head, ...this.chunks]) : head;
  }
}

/**
 * The answer with its attempts and time, set in place: a spread adding properties the source
 * lacks takes V8's slow path (~2 µs an object on Node 20, measured), once per request.
 */
function done(res: HttpResponse, attempts: number, started: number): HttpResponse {
  res.attempts = attempts;
  res.durationMs = Date.now() - started;
  return res;
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
