// POST /data/$batch (OData 4.0 multipart; reference §5.6, §8 A.4). Requests outside
// changesets run independently; a changeset runs in one transaction: the first failing
// request rolls every change of the changeset back and the changeset is answered by that one
// error (with the first request's Content-ID, as recorded). The outer answer is 200 even
// when parts fail. Up to 5,000 operations per batch (service-protection doc).
import { randomUUID } from 'node:crypto';
import type { DataContext } from './context.js';
import { errorResponse, header, ODataError, odataException, type SimRequest, type SimResponse } from './http.js';
import { boundaryOf, MultipartError, parseHttpRequest, parseMultipart, writeHttpResponse, writeMultipart, type MimePart, type OutPart } from './multipart.js';

export const BATCH_PATH = '/data/$batch';
export const MAX_BATCH_OPERATIONS = 5_000;

type Dispatch = (ctx: DataContext, req: SimRequest) => SimResponse;

interface Operation {
  contentId?: string;
  req: SimRequest;
}

const failed = (res: SimResponse): boolean => res.status >= 400;

/** Absolute (`https://env/data/X`), root-relative (`/data/X`), relative (`X`) or `$1/…` targets. */
function resolveTarget(target: string, locations: ReadonlyMap<string, string>): URL {
  const ref = /^\$([^/?]+)(.*)$/.exec(target);
  if (ref) {
    const location = locations.get(ref[1] ?? '');
    if (!location) throw odataException(`The Content-ID reference '$${ref[1] ?? ''}' does not name an earlier request of the changeset.`);
    return new URL(`${location}${ref[2] ?? ''}`);
  }
  if (/^https?:\/\//i.test(target)) return new URL(target);
  return new URL(target.startsWith('/') ? target : `/data/${target}`, 'http://batch.invalid');
}

function operation(part: MimePart, locations: ReadonlyMap<string, string>): Operation {
  const msg = parseHttpRequest(part.body);
  const url = resolveTarget(msg.target, locations);
  const contentId = part.headers['content-id'] ?? msg.headers['content-id'];
  return { ...(contentId !== undefined ? { contentId } : {}), req: { method: msg.method, path: url.pathname, query: url.searchParams, headers: msg.headers, body: msg.body } };
}

function answerPart(res: SimResponse, contentId: string | undefined): OutPart {
  return {
    headers: { 'Content-Type': 'application/http', 'Content-Transfer-Encoding': 'binary', ...(contentId !== undefined ? { 'Content-ID': contentId } : {}) },
    body: writeHttpResponse(res),
  };
}

function runOne(ctx: DataContext, op: Operation, dispatch: Dispatch): SimResponse {
  if (op.req.path === BATCH_PATH) return errorResponse(odataException('A batch request cannot contain another batch.'));
  if (!op.req.path.startsWith('/data')) return errorResponse(odataException(`The request URI '${op.req.path}' is not under the service root.`, 404));
  return dispatch(ctx, op.req);
}

function runChangeset(ctx: DataContext, part: MimePart, dispatch: Dispatch): { part: OutPart; failed: boolean } {
  const boundary = boundaryOf(part.headers['content-type']);
  if (!boundary) throw odataException('A changeset part needs Content-Type multipart/mixed with a boundary.');
  const inner = parseMultipart(part.body, boundary);
  ctx.stats.changesets += 1;
  const locations = new Map<string, string>();
  const answers: OutPart[] = [];
  let failure: { res: SimResponse; contentId: string | undefined } | undefined;
  let firstId: string | undefined;
  ctx.state.db.transaction(
    () => {
      for (const [i, p] of inner.entries()) {
        const op = operation(p, locations);
        if (i === 0) firstId = op.contentId;
        const res = op.req.method === 'GET' ? errorResponse(odataException('A changeset cannot contain a GET request.')) : runOne(ctx, op, dispatch);
        if (failed(res)) {
          failure = { res, contentId: op.contentId };
          return;
        }
        if (op.contentId !== undefined && res.headers['Location']) locations.set(op.contentId, res.headers['Location']);
        answers.push(answerPart(res, op.contentId));
      }
    },
    () => failure !== undefined,
  );
  const out = failure
    ? [answerPart(failure.res, ctx.state.settings.failedChangesetContentId === 'first' ? firstId : failure.contentId)]
    : answers;
  if (failure) ctx.stats.changesetsRolledBack += 1;
  const csBoundary = `changesetresponse_${randomUUID()}`;
  return { part: { headers: { 'Content-Type': `multipart/mixed; boundary=${csBoundary}` }, body: writeMultipart(csBoundary, out) }, failed: failure !== undefined };
}

function countOperations(parts: readonly MimePart[]): number {
  let n = 0;
  for (const p of parts) {
    const b = boundaryOf(p.headers['content-type']);
    n += b ? parseMultipart(p.body, b).length : 1;
  }
  return n;
}

function runParts(ctx: DataContext, req: SimRequest, parts: readonly MimePart[], dispatch: Dispatch): OutPart[] {
  const continueOnError = ctx.state.settings.batchContinueOnError || /odata\.continue-on-error/i.test(header(req, 'prefer') ?? '');
  const out: OutPart[] = [];
  for (const p of parts) {
    const type = (p.headers['content-type'] ?? '').toLowerCase();
    let partFailed: boolean;
    if (type.startsWith('multipart/mixed')) {
      const cs = runChangeset(ctx, p, dispatch);
      out.push(cs.part);
      partFailed = cs.failed;
    } else if (type.startsWith('application/http')) {
      const op = operation(p, new Map());
      const res = runOne(ctx, op, dispatch);
      out.push(answerPart(res, op.contentId));
      partFailed = failed(res);
    } else {
      throw odataException(`A batch part must be application/http or multipart/mixed, not '${type}'.`);
    }
    if (partFailed && !continueOnError) break;
  }
  return out;
}

export function executeBatch(ctx: DataContext, req: SimRequest, dispatch: Dispatch): SimResponse {
  try {
    if (req.method !== 'POST') throw odataException('$batch requests must use POST.', 405);
    const boundary = boundaryOf(header(req, 'content-type'));
    if (!boundary) throw odataException("The batch request must have a 'Content-Type' header of multipart/mixed with a boundary parameter.");
    const parts = parseMultipart(req.body, boundary);
    const operations = countOperations(parts);
    if (operations > MAX_BATCH_OPERATIONS) {
      throw odataException(`The current batch message contains too many operations. Only batch messages with a maximum number of '${MAX_BATCH_OPERATIONS}' operations are allowed.`);
    }
    ctx.stats.batches += 1;
    ctx.stats.batchOperations += operations;
    const batchCtx: DataContext = { ...ctx, inBatch: true };
    const responseBoundary = `batchresponse_${randomUUID()}`;
    return {
      status: 200,
      headers: { 'Content-Type': `multipart/mixed; boundary=${responseBoundary}`, 'OData-Version': '4.0' },
      body: writeMultipart(responseBoundary, runParts(batchCtx, req, parts, dispatch)),
    };
  } catch (err) {
    if (err instanceof MultipartError) return errorResponse(odataException(`The batch request body is not valid multipart/mixed: ${err.message}.`));
    if (err instanceof ODataError) return errorResponse(err);
    throw err;
  }
}
