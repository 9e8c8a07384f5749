// Lookup tables: inline maps, or CSV files next to the config (a header row, then BambooHR
// value, ERP id). File problems are reported with the CSV's own file and line.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv } from './csv.js';
import type { FlowConfig } from './flows.js';
import type { RuleProblem } from './rules.js';
import type { LookupTable, ReferenceRule } from './types.js';

type WrittenReference = FlowConfig['references'][string];

export function loadReference(ref: WrittenReference, dir: string, path: Array<string | number>, problems: RuleProblem[]): ReferenceRule {
  if ('value' in ref) return { kind: 'value', value: ref.value };
  const table = ref.lookup ? loadTable(ref.lookup, dir, [...path, 'lookup'], problems) : { source: 'provisioned', map: new Map<string, string>() };
  const provision = ref.provision === undefined ? undefined : ref.provision === true ? { code: '{id}', deactivate: false } : ref.provision;
  return { kind: 'lookup', from: ref.from, table, default: ref.default, provision };
}

function loadTable(lookup: Record<string, string> | { file: string }, dir: string, path: Array<string | number>, problems: RuleProblem[]): LookupTable {
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
