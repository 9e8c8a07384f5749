// What the simulators' control APIs (/_sim/*) share: a JSON body checked against a zod schema,
// refused with 400 naming the offending keys, and a router whose handlers throw their answer.
import type { z } from 'zod';
import type { SimRequest, SimResponse } from './http.js';
import type { Router } from './router.js';

/** A control request refused with this status and message (answered as `{ error }`). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body as `schema` says; `fail` builds the simulator's own 400 error. */
export function parseControlBody<T extends z.ZodType>(schema: T, text: string, fail: (status: number, message: string) => Error = (s, m) => new ControlError(s, m)): z.infer<T> {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw fail(400, 'body is not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw fail(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

/** Routes a control request; a ControlError or RangeError is a 4xx answer, anything else a 500. */
export function controlDispatch<C = void>(router: Router<C>, json: (status: number, value: unknown) => SimResponse, ctx?: C): (req: SimRequest) => Promise<SimResponse> {
  return async (req) => {
    const match = router.match(req.method, req.path);
    if ('status' in match) return json(match.status, { error: match.status === 405 ? 'method not allowed' : `not found: ${req.path}` });
    try {
      return await match.handler(req, match.params, ctx as C);
    } catch (err) {
      if (err instanceof ControlError) return json(err.status, { error: err.message });
      if (err instanceof RangeError) return json(400, { error: err.message });
      return json(500, { error: err instanceof Error ? err.message : 'internal error' });
    }
  };
}
