// POST /api/v1/reports/custom (reference §2.3): all employees whatever their status, values as
// strings ("" when empty), unknown or hidden fields silently dropped from `fields` and from
// every employee. Output format: `?format=` (case-insensitive), else an exact Accept value;
// any other Accept gives 404 (spec Request Custom Report).
import { SimError } from '../company-inputs.js';
import type { ApiContext } from '../context.js';
import { findField, type FieldDef } from '../fields.js';
import { bodyText, errorResponse, header, jsonResponse, textResponse, xmlResponse, type SimRequest, type SimResponse } from '../http.js';
import { parseReportBody } from '../report-body.js';
import type { Router } from '../../common/router.js';
import { fieldNode, toXml } from '../xml.js';
import { asOfFor, MAX_FIELDS } from './employee.js';

const BY_FORMAT: Record<string, string> = { json: 'json', xml: 'xml', csv: 'csv', xls: 'xls', pdf: 'pdf' };
const BY_ACCEPT: Record<string, string> = {
  'application/json': 'json', 'text/xml': 'xml', 'text/csv': 'csv', 'application/pdf': 'pdf', 'application/vnd.ms-excel': 'xls',
};

function outputFormat(req: SimRequest): string | undefined {
  const format = req.query.get('format');
  if (format !== null) return BY_FORMAT[format.toLowerCase()];
  return BY_ACCEPT[header(req, 'accept') ?? ''];
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function customReport(req: SimRequest, _p: Record<string, string>, ctx: ApiContext): SimResponse {
  const format = outputFormat(req);
  if (!format) return errorResponse(404, 'Report format not found');
  if (format === 'pdf' || format === 'xls') return errorResponse(404, `The simulator does not render ${format} reports`);
  const body = parseReportBody(header(req, 'content-type'), bodyText(req));
  if ((body.fields?.length ?? 0) > MAX_FIELDS) throw new SimError(400, `A maximum of ${MAX_FIELDS} fields may be requested`);

  const columns: Array<{ key: string; def: FieldDef }> = [];
  for (const key of body.fields ?? []) {
    const def = findField(key);
    if (def && !ctx.principal.hidden.has(def.alias) && !columns.some((c) => c.key === key)) columns.push({ key, def });
  }
  let employees = ctx.company.list().filter((e) => !ctx.principal.invisible.has(e.id));
  if (body.employeeIds && body.employeeIds.length > 0) {
    const wanted = new Set(body.employeeIds);
    employees = employees.filter((e) => wanted.has(e.id));
  }
  const since = body.lastChanged?.getTime();
  if (since !== undefined) employees = employees.filter((e) => Date.parse(e.lastChanged) >= since);
  // "If fields is empty or not specified, only one employee is returned" (KEVINOID, reference §2.3).
  if (!body.fields || body.fields.length === 0) employees = employees.slice(0, 1);

  const asOf = asOfFor(req, ctx);
  const rows = employees.map((e) => {
    const view = ctx.company.view(e, asOf);
    const row: Record<string, string> = { id: String(e.id) };
    for (const c of columns) row[c.key] = c.def.value(view) ?? '';
    return row;
  });
  const fields = columns.map((c) => ({ id: c.key, type: c.def.type, name: c.def.name }));

  if (format === 'json') return jsonResponse(200, { title: body.title, fields, employees: rows });
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.def.name)).join(',')];
    for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key] ?? '')).join(','));
    return textResponse(200, `${lines.join('\r\n')}\r\n`, 'text/csv; charset=UTF-8');
  }
  return xmlResponse(200, toXml({
    report: {
      title: body.title,
      fields: { field: fields.map((f) => ({ '@_id': f.id, '@_type': f.type, '#text': f.name })) },
      employees: { employee: rows.map((row) => ({ '@_id': row['id'] ?? '', field: columns.map((c) => fieldNode(c.key, row[c.key] ?? '')) })) },
    },
  }));
}

export function registerReportRoutes(router: Router<ApiContext>): void {
  router.add('POST', '/api/v1/reports/custom', customReport);
}
