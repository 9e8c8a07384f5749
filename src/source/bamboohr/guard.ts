// The no-silent-data-loss guard (DESIGN §3.7). BambooHR drops fields the key's user cannot
// read and still answers 200 (custom reports, get-employee, table columns; reference §2.3,
// §3.3). Airbyte users got green syncs with empty hire dates that way (peers.md §0.4). So a
// requested field that does not come back stops the run (exit 6) unless the config allows it.
import type { BambooHrSettings } from '../../config/types.js';
import { MlcError } from '../../domain/errors.js';
import { TABLE_COLUMNS } from './fields.js';

function allowed(s: BambooHrSettings, name: string): boolean {
  return s.allowMissingFields === true || s.allowMissingFields.includes(name);
}

function trip(missing: string[], where: string): never {
  const list = missing.join(', ');
  throw new MlcError(
    'fields_missing',
    `BambooHR did not return ${missing.length} requested field${missing.length === 1 ? '' : 's'} (${where}): ${list}. ` +
      'BambooHR silently drops fields the API user cannot read and still answers 200.',
    {
      hint: "grant the API key's user (or the OAuth app) access to these fields, or list them under bamboohr.allowMissingFields to accept the gap",
      details: { missing },
    },
  );
}

/**
 * `returned` is the field list the answer declares (a custom report's `fields`), or the keys
 * of an employee object. When a report declares no fields we fall back to the keys seen.
 */
export function checkFields(
  s: BambooHrSettings,
  requested: readonly string[],
  returned: readonly string[],
  employees: ReadonlyArray<Record<string, unknown>>,
): void {
  if (s.allowMissingFields === true || employees.length === 0) return;
  const seen = new Set(returned);
  if (seen.size === 0) for (const e of employees) for (const k of Object.keys(e)) seen.add(k);
  const missing = requested.filter((f) => !seen.has(f) && !allowed(s, f));
  if (missing.length > 0) trip(missing, 'employee fields');
}

/** A table column that no row carries was dropped, not empty (empty values come as null/""). */
export function checkTableColumns(s: BambooHrSettings, table: string, rows: ReadonlyArray<Record<string, unknown>>): void {
  if (s.allowMissingFields === true || rows.length === 0) return;
  const missing = (TABLE_COLUMNS[table] ?? [])
    .filter((col) => !rows.some((r) => col in r))
    .map((col) => `${table}.${col}`)
    .filter((name) => !allowed(s, name));
  if (missing.length > 0) trip(missing, `${table} table`);
}
