// A reverse proxy for tests: sits between mlc and an upstream (simulator or
// stub), passes every exchange through byte for byte, and records where the
// traffic departs from BambooHR's OpenAPI file.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Agent, request } from 'undici';
import { matchRoute, normalisePath } from './spec.js';
import { validateRequest, validateResponse } from './validate.js';
import type { ValidateOptions, Violation } from './validate.js';

export interface ValidatingProxy {
  url: string;
  violations: Violation[];
  /** Requests received and forwarded, including ones whose upstream failed. */
  exchanges: number;
  close(): Promise<void>;
}

export interface ProxyOptions extends ValidateOptions {
  /** Matched against the request path (no query); matches are forwarded unchecked. */
  ignorePaths?: RegExp[];
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not the
// message. Upstream answers keep their content-length (the body is passed
// whole); towards upstream, undici sets host and content-length itself.
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  return out;
}

// resetAndDestroy() sends a TCP RST, so the client sees ECONNRESET exactly as
// it would from the upstream; plain destroy() is the fallback.
function reset(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

export async function startValidatingProxy(target: string, opts: ProxyOptions = {}): Promise<ValidatingProxy> {
  const upstream = new URL(target);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const agent = new Agent();
  const violations: Violation[] = [];
  const record = (where: Violation['where'], method: string, path: string, fn: () => Violation[]): void => {
    try {
      violations.push(...fn());
    } catch (err) {
      // A bug in the validator must surface in the test, not kill the proxy.
      violations.push({ where, method, path, message: `validator crashed: ${String(err)}` });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    proxy.exchanges++;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const body = await readBody(req);
    const headers = flatHeaders(req.headers);
    // Paths outside /api/ (simulator controls, /token.php, /authorize.php)
    // are only checked when the spec happens to describe them.
    const normal = normalisePath(url.pathname);
    const check =
      !(opts.ignorePaths ?? []).some((re) => re.test(url.pathname)) &&
      (normal.startsWith('/api/') || matchRoute(url.pathname) !== undefined);
    let requestKnown = true;
    if (check) {
      const request = { method, path: url.pathname, query: queryOf(url), headers, body: body.toString('utf8') };
      record('request', method, url.pathname, () => {
        const found = validateRequest(request, opts);
        // Avoid a second "no operation" line for the response.
        requestKnown = !found.some((v) => v.message.includes(': no operation'));
        return found;
      });
    }
    // rawHeaders keeps names and values exactly as sent (Content-Type with or
    // without "; charset=UTF-8" matters to BambooHR).
    const forward: string[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      if (!NOT_FORWARDED.has(name.toLowerCase())) forward.push(name, req.rawHeaders[i + 1] ?? '');
    }
    let answer: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
    try {
      const up = await request(new URL(basePath + url.pathname + url.search, upstream.origin), {
        method: method as 'GET',
        headers: forward,
        body: body.length > 0 ? body : undefined,
        dispatcher: agent,
      });
      answer = { status: up.statusCode, headers: up.headers, body: Buffer.from(await up.body.arrayBuffer()) };
    } catch {
      reset(req.socket);
      return;
    }
    if (check && requestKnown) {
      const response = { status: answer.status, headers: flatHeaders(answer.headers), body: answer.body.toString('utf8') };
      record('response', method, url.pathname, () => validateResponse({ method, path: url.pathname }, response, opts));
    }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
    }
    res.writeHead(answer.status);
    res.end(answer.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reset(req.socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: ValidatingProxy = {
    url: `http://127.0.0.1:${port}`,
    violations,
    exchanges: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
  return proxy;
}
