// Sends webhook requests and retries them. 2xx = delivered; 4xx = "intentionally rejected …
// BambooHR will not retry"; 5xx (and, here, network errors) = retried up to 5 times at 5, 10,
// 20, 40, 80 minutes (spec components.responses, reference §4.5). Delays use the real clock.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { WebhookDelivery } from './options.js';
import { signWebhook } from './webhook-payload.js';

export interface DeliveryTarget {
  id: string;
  url: string;
  privateKey: string;
  extraHeaders: Record<string, string>;
  onDelivered: () => void;
}

const TIMEOUT_MS = 10_000;

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) }, agent: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('webhook delivery timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private closed = false;

  constructor(private readonly retryDelaysMs: readonly number[]) {}

  /** Deliveries to one webhook go out in event order; retries run beside the queue. */
  enqueue(target: DeliveryTarget, body: string, contentType: string): void {
    if (this.closed) return;
    const previous = this.tails.get(target.id) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(target, body, contentType, 1));
    this.tails.set(target.id, next);
    this.track(next);
  }

  /** Resolves once nothing is in flight and no retry is waiting. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.wake();
    }
    this.timers.clear();
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async attempt(target: DeliveryTarget, body: string, contentType: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signWebhook(target.privateKey, body, timestamp);
    const headers = {
      'Content-Type': contentType,
      'User-Agent': 'BambooHR-WebHooks/1.0 (+https://www.bamboohr.com)',
      'X-BambooHR-Timestamp': timestamp,
      'X-BambooHR-Signature': signature,
      ...target.extraHeaders,
    };
    let status: number | 'error';
    try {
      status = await post(target.url, headers, Buffer.from(body, 'utf8'));
    } catch {
      status = 'error';
    }
    this.deliveries.push({ webhookId: target.id, url: target.url, status, body, timestamp, signature, attempt });
    if (typeof status === 'number' && status >= 200 && status < 300) {
      target.onDelivered();
      return;
    }
    const retryable = status === 'error' || status >= 500;
    const delay = this.retryDelaysMs[attempt - 1];
    if (!retryable || delay === undefined || this.closed) return;
    this.track(this.sleep(delay).then(() => this.attempt(target, body, contentType, attempt + 1)));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => {
        this.timers.delete(entry);
        resolve();
      }, ms), wake: resolve };
      entry.timer.unref();
      this.timers.add(entry);
    });
  }
}
