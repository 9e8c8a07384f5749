// Lookup tables: inline maps, or CSV files next to the config (a header row, then BambooHR
// value, ERP id). File problems are reported with the CSV's own file and line. The header
// must name the columns: a file that starts with data would otherwise lose its first row.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv } from './csv.js';
import type { FlowConfig } from './flows.js';
import type { RuleProblem } from './rules.js';
import type { LookupTable, ReferenceRule } from './types.js';

type WrittenReference = FlowConfig['references'][string];

/** The target a lookup's ids belong to: its name and ERP type may name the second column. */
export interface LookupTarget {
  name: string;
  type: string | undefined;
}

export function loadReference(ref: WrittenReference, dir: string, path: Array<string | number>, problems: RuleProblem[], target: LookupTarget): ReferenceRule {
  if ('value' in ref) return { kind: 'value', value: ref.value };
  const table = ref.lookup ? loadTable(ref.lookup, dir, [...path, 'lookup'], problems, { from: ref.from, ...target }) : { source: 'provisioned', map: new Map<string, string>() };
  const provision = ref.provision === undefined ? undefined : ref.provision === true ? { code: '{id}', deactivate: false } : ref.provision;
  return { kind: 'lookup', from: ref.from, table, default: ref.default, provision };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const ID_WORDS = new Set(['id', 'ids', 'key', 'code', 'value', 'internalid', 'erp']);

/** bamboohr_department,netsuite_department_id: the BambooHR side, then the ERP side. */
function namesColumns(cells: string[], names: LookupTarget & { from: string }): boolean {
  const [left = '', right = ''] = cells.map((c) => c.trim());
  const words = right.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/).map(norm);
  const bamboo = norm(left).includes('bamboo') || norm(left).includes(norm(names.from));
  const erp = [names.name, names.type ?? ''].some((n) => n !== '' && norm(right).includes(norm(n))) || words.some((w) => ID_WORDS.has(w));
  return bamboo && erp;
}

function loadTable(lookup: Record<string, string> | { file: string }, dir: string, path: Array<string | number>, problems: RuleProblem[], names: LookupTarget & { from: string }): LookupTable {
  if (!('file' in lookup) || typeof lookup.file !== 'string') {
    return { source: 'inline', map: new Map(Object.entries(lookup as Record<string, string>)) };
  }
  const file = resolve(dir, lookup.file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ path: [...path, 'file'], severity: 'error', message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    return { source: file, map: new Map() };
  }
  const { rows, error } = parseCsv(text);
  const at = (line: number, message: string) => problems.push({ path: [...path, 'file'], severity: 'error', message, at: { file, line, column: 1 } });
  if (error) at(error.line, error.message);
  const head = rows[0];
  if (head && !namesColumns(head.cells, names)) {
    const example = `bamboohr_${names.from},${names.type ?? names.name}_${names.from}_id`;
    at(head.line, `the first row must be a header naming the columns, BambooHR's then the ERP's (e.g. ${example}); got ${JSON.stringify(head.cells.join(','))}, which would be skipped as the header: add a header row`);
  }
  const map = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const [from, to] = row.cells.map((c) => c.trim());
    if (row.cells.length < 2 || !from || !to) {
      at(row.line, `expected two columns (BambooHR value, ERP id), got ${JSON.stringify(row.cells.join(','))}`);
      continue;
    }
    if (map.has(from) && map.get(from) !== to) at(row.line, `"${from}" is mapped twice (to ${map.get(from)} and ${to})`);
    map.set(from, to);
  }
  if (rows.length === 0) at(1, 'the file is empty; expected a header row, then BambooHR value, ERP id');
  return { source: file, map };
}
