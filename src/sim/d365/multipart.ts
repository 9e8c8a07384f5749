// multipart/mixed (RFC 2046 §5.1) and application/http messages for OData $batch. Written
// here rather than taken from npm: the form-data parsers (busboy & co) refuse multipart/mixed
// or nested parts, and a $batch body is small and already buffered. A delimiter is
// "--boundary" at the start of a line followed by "--", optional blanks, or a line break;
// anything else (a body line "--boundaryX", JSON holding "--") is content. CRLF is the
// standard; bare LF is accepted as some clients send it.
import { STATUS_TEXT, type SimResponse } from './http.js';

export interface MimePart {
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export class MultipartError extends Error {}

/** The boundary parameter of a multipart Content-Type (quoted or not). */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /^\s*multipart\/mixed\s*;(?:.*;)?\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

const CR = 13;
const LF = 10;

/** Length of the line break ending just before `pos` (2 for CRLF, 1 for LF, 0 at the start). */
function breakBefore(buf: Buffer, pos: number): number {
  if (pos === 0) return 0;
  if (buf[pos - 1] !== LF) return -1;
  return pos >= 2 && buf[pos - 2] === CR ? 2 : 1;
}

interface Delimiter {
  start: number;
  /** First byte after the delimiter line. */
  next: number;
  close: boolean;
}

function delimiterAt(buf: Buffer, pos: number, dashBoundary: Buffer): Delimiter | undefined {
  let i = pos + dashBoundary.length;
  if (buf[i] === 45 && buf[i + 1] === 45) return { start: pos, next: i + 2, close: true };
  while (buf[i] === 32 || buf[i] === 9) i++;
  if (i === buf.length) return { start: pos, next: i, close: false };
  if (buf[i] === CR && buf[i + 1] === LF) return { start: pos, next: i + 2, close: false };
  if (buf[i] === LF) return { start: pos, next: i + 1, close: false };
  return undefined;
}

function nextDelimiter(buf: Buffer, from: number, dashBoundary: Buffer): Delimiter | undefined {
  let pos = buf.indexOf(dashBoundary, from);
  while (pos >= 0) {
    const d = breakBefore(buf, pos) >= 0 ? delimiterAt(buf, pos, dashBoundary) : undefined;
    if (d) return d;
    pos = buf.indexOf(dashBoundary, pos + 1);
  }
  return undefined;
}

/** Header block up to the first empty line; the rest is the body. */
export function splitHeaders(buf: Buffer): { lines: string[]; body: Buffer } {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  let end: number;
  let skip: number;
  if (buf.subarray(0, 2).toString('latin1') === '\r\n') [end, skip] = [0, 2];
  else if (buf[0] === LF) [end, skip] = [0, 1];
  else if (crlf >= 0 && (lf < 0 || crlf < lf)) [end, skip] = [crlf, 4];
  else if (lf >= 0) [end, skip] = [lf, 2];
  else [end, skip] = [buf.length, 0];
  const head = buf.subarray(0, end).toString('latin1');
  const lines: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
    else lines.push(line);
  }
  return { lines, body: buf.subarray(Math.min(buf.length, end + skip)) };
}

export function headerMap(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed header line: ${line}`);
    out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

export function parseMultipart(buf: Buffer, boundary: string): MimePart[] {
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  let d = nextDelimiter(buf, 0, dash);
  if (!d) throw new MultipartError(`no part starts with --${boundary}`);
  const parts: MimePart[] = [];
  while (!d.close) {
    const next = nextDelimiter(buf, d.next, dash);
    if (!next) throw new MultipartError(`the multipart body does not end with --${boundary}--`);
    const content = buf.subarray(d.next, next.start - breakBefore(buf, next.start));
    const { lines, body } = splitHeaders(content);
    parts.push({ headers: headerMap(lines), body });
    d = next;
  }
  return parts;
}

export interface HttpRequestMessage {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** `POST https://env/data/VendorsV2 HTTP/1.1` + headers + body (an application/http part). */
export function parseHttpRequest(buf: Buffer): HttpRequestMessage {
  const { lines, body } = splitHeaders(buf);
  const [requestLine = '', ...headerLines] = lines;
  const m = /^([A-Z]+)\s+(\S+)\s+HTTP\/(1\.1|1\.0|2\.0)$/.exec(requestLine.trim());
  if (!m) throw new MultipartError(`not an HTTP request line: ${requestLine}`);
  return { method: m[1] ?? '', target: m[2] ?? '', headers: headerMap(headerLines), body };
}

export interface OutPart {
  headers: Record<string, string>;
  body: string | Buffer;
}

export function writeMultipart(boundary: string, parts: readonly OutPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = Object.entries(p.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`, 'latin1'), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** `HTTP/1.1 201 Created` + headers + body, the content of an application/http answer part. */
export function writeHttpResponse(res: SimResponse): Buffer {
  const body = res.body === undefined ? Buffer.alloc(0) : Buffer.from(res.body);
  const head = Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? 'Unknown'}\r\n${head}\r\n`, 'latin1'), body]);
}
