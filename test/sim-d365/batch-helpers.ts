// A small $batch client for the tests, written independently of the simulator's parser:
// builds the request body the way the F&O walkthrough in reference §8 A.4 shows it, and
// reads an answer by splitting on the boundaries it declares.
import { randomUUID } from 'node:crypto';

export interface BatchOp {
  method: string;
  /** Relative to the service root (`VendorsV2`), or absolute. */
  url: string;
  body?: unknown;
  contentId?: string;
}

/** A bare op, or an array = one changeset. */
export type BatchItem = BatchOp | BatchOp[];

function opPart(op: BatchOp, base: string): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (op.contentId) lines.push(`Content-ID: ${op.contentId}`);
  const target = /^https?:|^\$/.test(op.url) ? op.url : `${base}/data/${op.url}`;
  const body = op.body === undefined ? '' : JSON.stringify(op.body);
  lines.push('', `${op.method} ${target} HTTP/1.1`, 'OData-Version: 4.0', 'Accept: application/json');
  if (op.body !== undefined) lines.push('Content-Type: application/json;odata.metadata=minimal');
  lines.push('', body);
  return lines.join('\r\n');
}

export function buildBatch(items: readonly BatchItem[], base: string): { body: string; contentType: string } {
  const boundary = `batch_${randomUUID()}`;
  const chunks: string[] = [];
  for (const item of items) {
    chunks.push(`--${boundary}`);
    if (Array.isArray(item)) {
      const cs = `changeset_${randomUUID()}`;
      chunks.push(`Content-Type: multipart/mixed; boundary=${cs}`, '');
      for (const op of item) chunks.push(`--${cs}`, opPart(op, base));
      chunks.push(`--${cs}--`);
    } else {
      chunks.push(opPart(item, base));
    }
  }
  chunks.push(`--${boundary}--`, '');
  return { body: chunks.join('\r\n'), contentType: `multipart/mixed; boundary=${boundary}` };
}

export interface PartAnswer {
  contentId?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ItemAnswer {
  changeset: boolean;
  parts: PartAnswer[];
}

const boundaryIn = (contentType: string): string => /boundary=([^;\s]+)/.exec(contentType)?.[1] ?? '';

function sections(text: string, boundary: string): string[] {
  const [, ...rest] = text.split(`--${boundary}`);
  const out: string[] = [];
  for (const s of rest) {
    if (s.startsWith('--')) break;
    out.push(s.replace(/^\r\n/, '').replace(/\r\n$/, ''));
  }
  return out;
}

function headerBlock(text: string): { headers: Record<string, string>; rest: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, rest: end < 0 ? '' : text.slice(end + 4) };
}

function httpPart(section: string): PartAnswer {
  const mime = headerBlock(section);
  const [statusLine = '', ...more] = mime.rest.split('\r\n');
  const http = headerBlock(more.join('\r\n'));
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
  return { ...(mime.headers['content-id'] ? { contentId: mime.headers['content-id'] } : {}), status, headers: http.headers, body: http.rest };
}

export function parseBatchAnswer(text: string, contentType: string): ItemAnswer[] {
  return sections(text, boundaryIn(contentType)).map((s) => {
    const mime = headerBlock(s);
    const type = mime.headers['content-type'] ?? '';
    if (type.startsWith('multipart/mixed')) return { changeset: true, parts: sections(mime.rest, boundaryIn(type)).map(httpPart) };
    return { changeset: false, parts: [httpPart(s)] };
  });
}
