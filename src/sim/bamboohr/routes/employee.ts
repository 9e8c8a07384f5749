// GET /api/v1/employees/{id}?fields=…&onlyCurrent= (reference §2.1). `id` is always present;
// other keys only when requested; unknown or hidden fields are omitted with a 200. Without
// `fields` only the id comes back (KEVINOID note; the spec's default is a generator artefact).
import { employeeFromPath, isHidden, type ApiContext } from '../context.js';
import { INCLUDE_FUTURE } from '../derive.js';
import { findField } from '../fields.js';
import { errorResponse, negotiate, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../../common/router.js';
import { fieldNode, toXml } from '../xml.js';

export const MAX_FIELDS = 400;

/** onlyCurrent defaults to true; `false`/`0` includes future-dated history values. */
export function asOfFor(req: SimRequest, ctx: ApiContext): string {
  const raw = (req.query.get('onlyCurrent') ?? 'true').toLowerCase();
  return raw === 'false' || raw === '0' ? INCLUDE_FUTURE : ctx.clock.today();
}

function getEmployee(req: SimRequest, params: Record<string, string>, ctx: ApiContext): SimResponse {
  const requested = (req.query.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (requested.length > MAX_FIELDS) return errorResponse(400, `A maximum of ${MAX_FIELDS} fields may be requested`);
  const e = employeeFromPath(ctx, params['id'] ?? '');
  const view = ctx.company.view(e, asOfFor(req, ctx));
  const out: Record<string, string | null> = { id: String(e.id) };
  for (const key of requested) {
    const def = findField(key);
    if (!def || isHidden(ctx, def.alias) || key === 'id') continue;
    out[key] = def.value(view);
  }
  return negotiate(req, out, () => {
    const fields = Object.entries(out).filter(([k]) => k !== 'id').map(([k, v]) => fieldNode(k, v));
    return toXml({ employee: { '@_id': String(e.id), field: fields } });
  });
}

export function registerEmployeeRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1/employees/:id', getEmployee);
}
