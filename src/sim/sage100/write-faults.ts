// Faults on the next written record, for the suites' generic faults (src/sim/erp-sandbox.ts):
// `reject` answers the first write of the next batch (or single write) as Sage refusing it
// (outcome `rejected`, retVal 0, a LastErrorMsg, nothing written; the other writes of the
// batch run as usual); `busy` makes another user hold that record for the next N SetKey
// calls through the in-memory BOI's own locks, so the agent's real busy path answers.
import type { ObjectName } from '../../agent/sage100/boi/catalog.js';
import { MemoryCompany } from '../../agent/sage100/boi/memory/index.js';
import type { AgentRequest, AgentResponse } from '../../agent/sage100/server/types.js';

export type WriteFault = { kind: 'reject'; message?: string | undefined } | { kind: 'busy'; attempts: number };

interface Write {
  object: ObjectName;
  key: Record<string, string>;
  fields?: Record<string, unknown>;
}

export interface Rewritten {
  /** Runs the agent (or not) and returns the answer the client gets. */
  answer(next: (req: AgentRequest) => Promise<AgentResponse>): Promise<AgentResponse>;
}

const DEFAULT_REFUSAL = 'Simulated refusal: this record cannot be changed while a budget revision is open.';

function refused(w: Write, message: string): Record<string, unknown> {
  return { object: w.object, key: w.key, outcome: 'rejected', setKey: null, retVal: 0, lastErrorMsg: message, warnings: [], changed: [], failedAt: { call: 'SetKey' } };
}

function jsonAnswer(status: number, value: unknown): AgentResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Agent-Protocol': '1' }, body: JSON.stringify(value), log: { fault: 'write' } };
}

function parse(req: AgentRequest): { batch: true; writes: Write[] } | { batch: false; write: Write } | undefined {
  if (req.method !== 'POST') return undefined;
  const single = /^\/v1\/objects\/([^/]+)\/write$/.exec(req.path);
  if (req.path !== '/v1/batch' && !single) return undefined;
  try {
    const body = JSON.parse(req.body.toString('utf8')) as { writes?: Write[]; key?: Record<string, string> };
    if (req.path === '/v1/batch') return Array.isArray(body.writes) && body.writes.length > 0 ? { batch: true, writes: body.writes } : undefined;
    return body.key ? { batch: false, write: { object: single![1] as ObjectName, key: body.key } } : undefined;
  } catch {
    return undefined; // the agent answers a bad body itself
  }
}

export class WriteFaults {
  private readonly queue: WriteFault[] = [];

  constructor(private readonly company: MemoryCompany) {}

  add(fault: WriteFault): void {
    this.queue.push(fault);
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The next fault, bound to this request when it writes; undefined when there is none to apply. */
  take(req: AgentRequest): Rewritten | undefined {
    const fault = this.queue[0];
    const parsed = fault && parse(req);
    if (!fault || !parsed) return undefined;
    this.queue.shift();
    const first = parsed.batch ? parsed.writes[0]! : parsed.write;
    if (fault.kind === 'busy') {
      this.company.locks.lock(first.object, MemoryCompany.lockKey(first.object, first.key), { attempts: fault.attempts });
      return { answer: (next) => next(req) };
    }
    const message = fault.message ?? DEFAULT_REFUSAL;
    if (!parsed.batch) return { answer: async () => jsonAnswer(422, refused(first, message)) };
    const rest = parsed.writes.slice(1);
    const others: AgentRequest = { ...req, body: Buffer.from(JSON.stringify({ writes: rest })) };
    return {
      async answer(next) {
        if (rest.length === 0) return jsonAnswer(200, { results: [refused(first, message)] });
        const res = await next(others);
        if (res.status !== 200 || res.body === undefined) return res;
        const doc = JSON.parse(res.body.toString()) as { results: unknown[] };
        return { ...res, body: JSON.stringify({ results: [refused(first, message), ...doc.results] }) };
      },
    };
  }
}
