// Generic table reads: COMFND through Query/Query (TableName, ReturnRows, Columns or
// AllColumns, Where, OrderBy; erps.md §1.4) and COMFCH through Query/Fetch (one row by key,
// §1.2). The answer's root is the table name; RowsReturned is right-aligned in eight
// characters, as recorded (test_query_query.yml).
import { EnetError } from './errors.js';
import type { FieldSpec } from './fields.js';
import type { SysproTables, TableName } from './tables.js';
import type { SysproRow } from './types.js';
import { compileWhere } from './where.js';
import { isNode, leaf, nodes, parseDocument, sysproXml, type XmlNode } from './xml.js';

export interface QueryTable {
  name: string;
  table: Exclude<TableName, 'formValues'>;
  columns: FieldSpec[];
}

export interface QueryConfig {
  version: string;
  tables: QueryTable[];
}

/**
 * Numbers come back space-padded with fixed decimals, like the costs in the recorded
 * InvMaster fetch (`<LabourCost>         0.00000</LabourCost>`); clients must trim. The
 * width for COMFND is an assumption.
 */
const formatNumber = (n: number): string => n.toFixed(5).padStart(16);

function render(row: SysproRow, columns: FieldSpec[]): XmlNode {
  const out: XmlNode = {};
  for (const c of columns) {
    const v = row[c.name];
    out[c.name] = typeof v === 'number' ? formatNumber(v) : (v ?? '');
  }
  return out;
}

function findTable(cfg: QueryConfig, name: string): QueryTable {
  const t = cfg.tables.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  if (!t) throw new EnetError(`ERROR: Invalid table name '${name}'`);
  return t;
}

function columnOf(table: QueryTable): (name: string) => FieldSpec {
  return (name) => {
    const c = table.columns.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    if (!c) throw new EnetError(`ERROR: Invalid column name '${name}' for table '${table.name}'`);
    return c;
  };
}

function listed(node: XmlNode, name: string): string[] {
  const holder = node[name];
  if (!isNode(holder)) return [];
  const v = holder['Column'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function returnRows(q: XmlNode): number {
  const raw = leaf(q, 'ReturnRows')?.trim() ?? '';
  if (raw === '') return Infinity;
  if (!/^\d+$/.test(raw)) throw new EnetError(`ERROR: Invalid ReturnRows '${raw}'`);
  return Number(raw) === 0 ? Infinity : Number(raw);
}

function sortRows(rows: SysproRow[], order: FieldSpec[]): SysproRow[] {
  if (order.length === 0) return rows;
  const cmp = (a: SysproRow, b: SysproRow): number => {
    for (const c of order) {
      const x = a[c.name] ?? '';
      const y = b[c.name] ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
  return [...rows].sort(cmp);
}

export function runQuery(cfg: QueryConfig, tables: SysproTables, xmlIn: string): string {
  const doc = parseDocument(xmlIn, 'XmlIn');
  if (doc.root !== 'Query') throw new EnetError(`ERROR: XmlIn root element '${doc.root}' is not valid for business object COMFND (expected Query)`);
  const q = doc.body;
  const table = findTable(cfg, leaf(q, 'TableName') ?? '');
  const column = columnOf(table);
  const all = (leaf(q, 'AllColumns') ?? '').trim().toUpperCase() === 'Y' || listed(q, 'Columns').length === 0;
  const columns = all ? table.columns : listed(q, 'Columns').map(column);
  const order = listed(q, 'OrderBy').map(column);
  const where = isNode(q['Where']) ? compileWhere(nodes(q['Where'], 'Expression'), column) : () => true;
  const limit = returnRows(q);
  const matching = tables[table.table].sorted().map(([, row]) => row).filter(where);
  const rows = sortRows(matching, order).slice(0, limit);
  const header: XmlNode = { TableName: table.name, Columns: { Column: columns.map((c) => c.name) } };
  if (order.length > 0) header['OrderBy'] = { Column: order.map((c) => c.name) };
  const body: XmlNode = { HeaderDetails: header, Row: rows.map((r) => render(r, columns)), RowsReturned: String(rows.length).padStart(8) };
  return sysproXml(table.name, body, cfg.version);
}

/** COMFCH: the row whose key is `Key`; a missing row is an `ERROR:` text (wording NOT FOUND). */
export function runFetch(cfg: QueryConfig, tables: SysproTables, xmlIn: string): string {
  const doc = parseDocument(xmlIn, 'XmlIn');
  if (doc.root !== 'Fetch') throw new EnetError(`ERROR: XmlIn root element '${doc.root}' is not valid for Fetch (expected Fetch)`);
  const table = findTable(cfg, leaf(doc.body, 'TableName') ?? '');
  const key = leaf(doc.body, 'Key')?.trim() ?? '';
  const row = tables[table.table].get(key);
  if (!row) throw new EnetError(`ERROR: Key '${key}' not found in table '${table.name}'`);
  return sysproXml(table.name, render(row, table.columns), cfg.version);
}
