// Row rendering for the tabular endpoints. The two endpoints differ (reference §3.2, §3.3):
// `/employees/{id}/tables/{t}` rows carry string `id`/`employeeId` and `rate` as an object
// `{value, currency}`; `/employees/changed/tables/{t}` rows carry neither id and `rate` as the
// string `"56.00 USD"`.
import { fullName1, formatRate } from './derive.js';
import type { SimEmployee, TableName } from './model.js';
import { fieldNode, type XmlNode } from './xml.js';

export type RowValue = string | null | { value: string; currency: string };
export type RenderedRow = Record<string, RowValue>;

export interface RowStyle {
  withIds: boolean;
  rateAsString: boolean;
  hidden: ReadonlySet<string>;
  lookup: (id: number) => SimEmployee | undefined;
}

function rowsOf(e: SimEmployee, table: TableName, style: RowStyle): RenderedRow[] {
  switch (table) {
    case 'jobInfo':
      return e.jobInfo.map((r) => {
        const boss = r.reportsTo === null ? undefined : style.lookup(r.reportsTo);
        // `teams` is a newer column that arrives as null (reference §3.3).
        return { id: String(r.id), date: r.date, location: r.location, department: r.department, division: r.division, jobTitle: r.jobTitle, reportsTo: boss ? fullName1(boss) : '', teams: null };
      });
    case 'employmentStatus':
      return e.employmentStatus.map((r) => ({
        id: String(r.id), date: r.date, employmentStatus: r.employmentStatus, comment: r.comment,
        terminationReasonId: r.terminationReasonId, terminationTypeId: r.terminationTypeId, terminationRehireId: r.terminationRehireId,
      }));
    case 'compensation':
      return e.compensation.map((r) => ({
        id: String(r.id), startDate: r.startDate, endDate: null,
        rate: style.rateAsString ? formatRate(r.rate) : { value: r.rate.value, currency: r.rate.currency },
        type: r.type, exempt: r.exempt, reason: r.reason, comment: r.comment, paidPer: r.paidPer, paySchedule: r.paySchedule,
      }));
  }
}

export function renderRows(e: SimEmployee, table: TableName, style: RowStyle): RenderedRow[] {
  return rowsOf(e, table, style).map((row) => {
    const out: RenderedRow = {};
    if (style.withIds) {
      out['id'] = row['id'] ?? null;
      out['employeeId'] = String(e.id);
    }
    for (const [column, value] of Object.entries(row)) {
      if (column === 'id' || style.hidden.has(`${table}.${column}`)) continue;
      out[column] = value;
    }
    return out;
  });
}

/** `<row id=".." employeeId=".."><field id="date">…</field></row>` as recorded from BambooHR. */
export function rowToXml(row: RenderedRow): XmlNode {
  const node: XmlNode = {};
  const fields: XmlNode[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (column === 'id' || column === 'employeeId') node[`@_${column}`] = typeof value === 'string' ? value : '';
    else if (value !== null && typeof value === 'object') fields.push(fieldNode(column, value.value, { currency: value.currency }));
    else fields.push(fieldNode(column, value));
  }
  node['field'] = fields;
  return node;
}
