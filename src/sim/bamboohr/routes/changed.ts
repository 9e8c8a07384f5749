// GET /api/v1/employees/changed and /api/v1/employees/changed/tables/{table}
// (reference §3.1, §3.2). `since` is exclusive here: an employee appears when its lastChanged
// is strictly after it (BambooHR leaves this unspecified; strict is the harsher reading).
import { SimError } from '../company-inputs.js';
import type { ApiContext } from '../context.js';
import { formatTimestamp, parseTimestamp } from '../dates.js';
import { errorResponse, negotiate, type SimRequest, type SimResponse } from '../http.js';
import { TABLE_NAMES, type TableName } from '../model.js';
import type { Router } from '../../common/router.js';
import { renderRows, rowToXml, type RenderedRow } from '../table-rows.js';
import { toXml, type XmlNode } from '../xml.js';

function sinceOf(req: SimRequest): Date {
  const raw = req.query.get('since');
  if (!raw) throw new SimError(400, 'The since parameter is required');
  const since = parseTimestamp(raw);
  if (!since) throw new SimError(400, `The since parameter is not a valid ISO 8601 date: ${raw}`);
  return since;
}

const TYPES = new Set(['inserted', 'updated', 'deleted', 'all']);

function changedEmployees(req: SimRequest, _p: Record<string, string>, ctx: ApiContext): SimResponse {
  const since = sinceOf(req);
  const type = req.query.get('type') ?? 'all';
  if (!TYPES.has(type)) return errorResponse(400, `Invalid type: ${type}`);
  const sinceMs = since.getTime();
  let latestMs = -Infinity;
  const entries: Array<{ id: string; action: string; lastChanged: string }> = [];
  for (const e of ctx.company.data.employees) {
    const changedMs = Date.parse(e.lastChanged);
    if (changedMs <= sinceMs) continue;
    const action = e.deleted ? 'Deleted' : Date.parse(e.createdAt) > sinceMs ? 'Inserted' : 'Updated';
    if (type !== 'all' && action.toLowerCase() !== type) continue;
    latestMs = Math.max(latestMs, changedMs);
    entries.push({ id: String(e.id), action, lastChanged: formatTimestamp(new Date(changedMs), '+00:00') });
  }
  const latest = formatTimestamp(entries.length > 0 ? new Date(latestMs) : since, '+00:00');
  // PHP encodes an empty map as [] (reference §3.1), so "no changes" is an empty array.
  const employees = entries.length > 0 ? Object.fromEntries(entries.map((x) => [x.id, x])) : [];
  return negotiate(req, { latest, employees }, () =>
    toXml({ employees: { '@_latest': latest, employee: entries.map((x) => ({ '@_id': x.id, '@_action': x.action, '@_lastChanged': x.lastChanged })) } }),
  );
}

function changedTable(req: SimRequest, params: Record<string, string>, ctx: ApiContext): SimResponse {
  const table = params['table'] as TableName;
  if (!TABLE_NAMES.includes(table)) return errorResponse(404, `Table not found: ${params['table'] ?? ''}`);
  const sinceMs = sinceOf(req).getTime();
  const style = { withIds: false, rateAsString: true, hidden: ctx.principal.hidden, lookup: (id: number) => ctx.company.get(id) };
  const out: Array<{ id: string; lastChanged: string; rows: RenderedRow[] }> = [];
  for (const e of ctx.company.data.employees) {
    if (e.deleted || Date.parse(e.lastChanged) <= sinceMs) continue;
    out.push({ id: String(e.id), lastChanged: formatTimestamp(new Date(e.lastChanged), 'Z'), rows: renderRows(e, table, style) });
  }
  const employees = out.length > 0 ? Object.fromEntries(out.map((x) => [x.id, { lastChanged: x.lastChanged, rows: x.rows }])) : [];
  return negotiate(req, { table, employees }, () => {
    const nodes: XmlNode[] = out.map((x) => ({ '@_id': x.id, '@_lastChanged': x.lastChanged, row: x.rows.map(rowToXml) }));
    return toXml({ table: { '@_id': table, employee: nodes } });
  });
}

export function registerChangedRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1/employees/changed', changedEmployees);
  router.add('GET', '/api/v1/employees/changed/tables/:table', changedTable);
}
