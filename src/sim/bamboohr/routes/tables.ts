// GET /api/v1/employees/{id|all}/tables/{table} (reference §3.3): a flat array of rows with
// string `id` and `employeeId`; columns the caller may not see are omitted.
import { employeeFromPath, type ApiContext } from '../context.js';
import { errorResponse, negotiate, type SimRequest, type SimResponse } from '../http.js';
import { TABLE_NAMES, type SimEmployee, type TableName } from '../model.js';
import type { Router } from '../../common/router.js';
import { renderRows, rowToXml } from '../table-rows.js';
import { toXml } from '../xml.js';

function tableRows(req: SimRequest, params: Record<string, string>, ctx: ApiContext): SimResponse {
  const table = params['table'] as TableName;
  const id = params['id'] ?? '';
  const employees: SimEmployee[] = id === 'all' ? ctx.company.list() : [employeeFromPath(ctx, id)];
  if (!TABLE_NAMES.includes(table)) return errorResponse(404, `Table not found: ${params['table'] ?? ''}`);
  const style = { withIds: true, rateAsString: false, hidden: ctx.principal.hidden, lookup: (x: number) => ctx.company.get(x) };
  const rows = employees.flatMap((e) => renderRows(e, table, style));
  return negotiate(req, rows, () => toXml({ table: { row: rows.map(rowToXml) } }));
}

export function registerTableRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1/employees/:id/tables/:table', tableRows);
}
