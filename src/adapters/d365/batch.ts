// OData $batch bodies (pure; erps.md §5.6, §8 A.4): one changeset per request, so one record's
// failure rolls back only its own changeset; each request an `application/http` part with a
// Content-ID. The answer is multipart/mixed (boundaries `batchresponse_…`/`changesetresponse_…`)
// and 200 even when parts fail, so every part's own status line is read.
import { randomUUID } from 'node:crypto';

export interface BatchRequest {
  method: 'POST' | 'PATCH' | 'GET';
  /** Absolute URL (the environment's /data/… address). */
  url: string;
  body?: unknown;
}

export interface BatchAnswer {
  /** Content-ID of the request the answer is for (1-based index into the requests). */
  contentId: string | undefined;
  status: number;
  text: string;
}

const CRLF = '\r\n';

function part(req: BatchRequest, contentId: number): string {
  const head = [`${req.method} ${req.url} HTTP/1.1`, 'Accept: application/json', 'OData-Version: 4.0'];
  if (req.body !== undefined) head.push('Content-Type: application/json; odata.metadata=minimal', 'Prefer: return=minimal');
  return [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    `Content-ID: ${contentId}`,
    '',
    ...head,
    '',
    req.body === undefined ? '' : JSON.stringify(req.body),
  ].join(CRLF);
}

/** The body of a $batch: writes each in a changeset of its own, reads as plain parts. */
export function batchBody(requests: readonly BatchRequest[], id: string = randomUUID()): { contentType: string; body: string } {
  const boundary = `batch_${id}`;
  const chunks: string[] = [];
  requests.forEach((req, i) => {
    if (req.method === 'GET') {
      chunks.push(`--${boundary}${CRLF}${part(req, i + 1)}${CRLF}`);
      return;
    }
    const cs = `changeset_${id}_${i + 1}`;
    chunks.push(`--${boundary}${CRLF}Content-Type: multipart/mixed; boundary=${cs}${CRLF}${CRLF}--${cs}${CRLF}${part(req, i + 1)}${CRLF}--${cs}--${CRLF}`);
  });
  chunks.push(`--${boundary}--${CRLF}`);
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: chunks.join('') };
}

export function boundaryParam(contentType: string | undefined): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The parts between `--boundary` lines (RFC 2046 §5.1): a delimiter only at a line start. */
function split(text: string, boundary: string): string[] {
  const lines = text.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}` || trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\n'));
      if (trimmed !== `--${boundary}`) break;
      current = [];
      continue;
    }
    current?.push(line);
  }
  return parts;
}

/** Headers (lower-case) up to the first blank line, and the rest. */
function headed(text: string): { headers: Record<string, string>; rest: string } {
  const at = text.search(/\n\s*\n|^\s*\n/);
  const head = at < 0 ? text : text.slice(0, at);
  const rest = at < 0 ? '' : text.slice(at).replace(/^\s*\n/, '').replace(/^\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest };
}

function answerOf(partText: string): BatchAnswer | undefined {
  const outer = headed(partText);
  const status = /^HTTP\/\d\.\d\s+(\d{3})/.exec(outer.rest.trimStart());
  if (!status) return undefined;
  const inner = headed(outer.rest.trimStart().replace(/^[^\n]*\n/, ''));
  return { contentId: outer.headers['content-id'] ?? inner.headers['content-id'], status: Number(status[1]), text: inner.rest.trim() };
}

/** Every answer of a $batch response, changesets flattened, in order. */
export function parseBatchAnswer(contentType: string | undefined, text: string): BatchAnswer[] {
  const boundary = boundaryParam(contentType);
  if (!boundary) throw new Error(`not a multipart answer (Content-Type ${contentType ?? 'missing'})`);
  const out: BatchAnswer[] = [];
  for (const p of split(text, boundary)) {
    const { headers, rest } = headed(p);
    const inner = (headers['content-type'] ?? '').toLowerCase().startsWith('multipart/mixed') ? boundaryParam(headers['content-type']) : undefined;
    const answers = inner ? split(rest, inner).map(answerOf) : [answerOf(p)];
    for (const a of answers) if (a) out.push(a);
  }
  return out;
}
