// POST /v1/objects/{object}/write (one record, HTTP status from the outcome) and POST
// /v1/batch (several records in order, one result each, HTTP 200). README "Protocol v1".
import { isObjectName, OBJECTS, type ObjectName } from '../boi/catalog.js';
import type { BoiHost } from '../boi-host.js';
import type { AgentRequest, AgentResponse } from '../server/types.js';
import { ApiError, json } from './errors.js';
import { batchBody, parseJson, WriteBody } from './schemas.js';
import { writeRecord, type Outcome, type WriteInput, type WriteResult } from './write-record.js';

export interface WriteContext {
  host: BoiHost;
  writable: ReadonlySet<ObjectName>;
  busyPatterns: readonly RegExp[];
  batchMaxWrites: number;
  /** Retry-After (seconds) on a busy answer. */
  busyRetryAfterSec: number;
}

const STATUS: Record<Outcome, number> = { created: 200, updated: 200, unchanged: 200, rejected: 422, busy: 423 };

function writableObject(ctx: WriteContext, name: string): ObjectName {
  if (!isObjectName(name)) throw new ApiError(404, 'unknown_object', `unknown business object ${name}`);
  if (!ctx.writable.has(name)) throw new ApiError(403, 'object_not_writable', `${name} is not in this agent's boi.writableObjects`);
  return name;
}

/** The key must name exactly the object's key columns; SetKeyValue then runs in the object's key order. */
function toInput(object: ObjectName, body: WriteBody, where: string): WriteInput {
  const keyFields = OBJECTS[object].key;
  const given = Object.keys(body.key);
  if (given.length !== keyFields.length || !keyFields.every((f) => f in body.key)) {
    throw new ApiError(400, 'invalid_key', `${where}key must have exactly ${keyFields.join(', ')} for ${object}`);
  }
  const inKey = Object.keys(body.fields).filter((f) => keyFields.includes(f));
  if (inKey.length > 0) throw new ApiError(400, 'invalid_request', `${where}fields must not repeat key columns (${inKey.join(', ')})`);
  return { object, key: Object.fromEntries(keyFields.map((f) => [f, body.key[f] ?? ''])), fields: body.fields };
}

function outcomes(results: WriteResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

export async function writeOne(ctx: WriteContext, objectName: string, req: AgentRequest): Promise<AgentResponse> {
  const object = writableObject(ctx, objectName);
  const input = toInput(object, parseJson(WriteBody, req.body), '');
  const result = await ctx.host.run((s) => writeRecord(s.object(object), input, ctx.busyPatterns));
  const headers: Record<string, string> = result.outcome === 'busy' ? { 'Retry-After': String(ctx.busyRetryAfterSec) } : {};
  return json(STATUS[result.outcome], result, headers, { object, outcomes: outcomes([result]) });
}

export async function writeBatch(ctx: WriteContext, req: AgentRequest): Promise<AgentResponse> {
  const body = parseJson(batchBody(ctx.batchMaxWrites), req.body);
  const inputs = body.writes.map((w, i) => toInput(writableObject(ctx, w.object), w, `writes.${i}.`));
  // One turn on the session for the whole batch: in order, each record on its own (one refusal does not stop the rest).
  const results = await ctx.host.run((s) => inputs.map((input) => writeRecord(s.object(input.object), input, ctx.busyPatterns)));
  return json(200, { results }, {}, { writes: results.length, outcomes: outcomes(results) });
}
