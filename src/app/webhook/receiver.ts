// `mlc webhook serve`, the receiving side: verify before parsing, record in the inbox in one
// transaction, answer fast. BambooHR retries a 5xx five times over about 2.5 hours and drops a
// 4xx (reference §4.5), so refusals of bad deliveries are 4xx, and anything accepted is
// already durable when the 200 goes out. One log line per delivery, no personal data.
import { readFileSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { WebhookSettings } from '../../config/types.js';
import { readBody } from '../../http/read-body.js';
import type { Logger } from '../../log/logger.js';
import { parseDelivery, timestampMs, verifySignature } from '../../source/bamboohr/webhook.js';
import type { InboxStore } from '../../store/inbox.js';

export interface ReceiverDeps {
  settings: WebhookSettings;
  key: string;
  inbox: InboxStore;
  logger: Logger;
  /** Called after each accepted delivery (the debounced sync). */
  onAccepted: () => void;
}

interface Outcome {
  status: number;
  reason?: string;
  employees?: string[];
  /** Close the connection after answering (an oversized body we will not read). */
  close?: boolean;
}

export class WebhookReceiver {
  private server: Server | undefined;
  private inFlight = 0;
  private idle: Array<() => void> = [];
  private accepted = 0;

  constructor(private readonly d: ReceiverDeps) {}

  async start(): Promise<string> {
    const s = this.d.settings;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = s.tls ? createHttps({ cert: readFileSync(s.tls.cert), key: readFileSync(s.tls.key) }, handler) : createHttp(handler);
    this.server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(s.port, s.host, () => resolve());
    });
    const port = (this.server.address() as AddressInfo).port;
    return `${s.tls ? 'https' : 'http'}://${s.host.includes(':') ? `[${s.host}]` : s.host}:${port}${s.path}`;
  }

  /** Stop accepting, let the requests in flight finish (graceful SIGTERM). */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    this.server.closeIdleConnections();
    if (this.inFlight > 0) await new Promise<void>((r) => this.idle.push(r));
    this.server.closeAllConnections();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    const t0 = performance.now();
    let out: Outcome;
    try {
      out = await this.decide(req);
    } catch (err) {
      // Not durable, so ask BambooHR to try again later (5xx is retried; reference §4.5).
      out = { status: 503, reason: `not recorded: ${(err as Error).message}` };
    }
    const body = out.status === 200 ? JSON.stringify({ accepted: out.employees?.length ?? 0 }) : JSON.stringify({ error: out.reason ?? 'refused' });
    res.writeHead(out.status, { 'content-type': 'application/json', connection: out.close ? 'close' : 'keep-alive', ...(out.status === 405 ? { allow: 'POST' } : {}) });
    res.end(body, () => out.close && req.socket.destroy());
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    const line = { status: out.status, employees: out.employees ?? [], ms, ...(out.reason ? { reason: out.reason } : {}) };
    if (out.status === 200) this.d.logger.info(line, 'webhook delivery');
    else this.d.logger.warn(line, 'webhook delivery refused');
    if (--this.inFlight === 0) for (const r of this.idle.splice(0)) r();
  }

  private async decide(req: IncomingMessage): Promise<Outcome> {
    const s = this.d.settings;
    const path = (req.url ?? '/').split('?')[0];
    if (path !== s.path) return drain(req, { status: 404, reason: 'unknown path' });
    if (req.method !== 'POST') return drain(req, { status: 405, reason: `method ${req.method ?? '?'}` });
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > s.maxBodyBytes) return { status: 413, reason: `body of ${declared} bytes over the ${s.maxBodyBytes}-byte limit`, close: true };
    const body = await readBody(req, s.maxBodyBytes);
    if (!body) return { status: 413, reason: `body over the ${s.maxBodyBytes}-byte limit` };
    const sig = header(req, 'x-bamboohr-signature');
    const ts = header(req, 'x-bamboohr-timestamp');
    if (!sig || !ts) return { status: 401, reason: 'missing X-BambooHR-Signature or X-BambooHR-Timestamp' };
    if (!verifySignature(this.d.key, body, ts, sig)) return { status: 401, reason: 'bad signature' };
    if (s.timestampToleranceMs > 0) {
      const at = timestampMs(ts);
      if (at === undefined || Math.abs(Date.now() - at) > s.timestampToleranceMs) return { status: 401, reason: `timestamp ${ts.slice(0, 40)} outside the ${s.timestampToleranceMs / 1000} s window` };
    }
    const hints = parseDelivery(body, header(req, 'content-type') ?? '');
    if (typeof hints === 'string') return { status: 400, reason: hints };
    const now = new Date().toISOString();
    if (!this.d.inbox.accept(sig.toLowerCase(), ts, hints, now)) return { status: 401, reason: 'replay of a delivery already accepted' };
    if (++this.accepted % 500 === 0) this.d.inbox.prune(new Date(Date.now() - Math.max(2 * s.timestampToleranceMs, 86_400_000 * 30)).toISOString());
    this.d.onAccepted();
    return { status: 200, employees: [...new Set(hints.map((h) => h.employeeId))] };
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Answer without using the body (it is read and discarded so the connection stays usable). */
function drain(req: IncomingMessage, out: Outcome): Outcome {
  req.resume();
  return out;
}
