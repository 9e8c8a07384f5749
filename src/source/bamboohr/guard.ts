// The no-silent-data-loss guard (DESIGN §3.7). BambooHR drops fields the key's user cannot
// read and still answers 200 (custom reports, get-employee, table columns; reference §2.3,
// §3.3). Airbyte users got green syncs with empty hire dates that way (peers.md §0.4). So a
// requested field that does not come back stops the run (exit 6) unless the config allows it.
// Findings are collected over the whole read and reported together, so one fix covers all.
// Datasets drop such fields the same way (the key is absent from the row's `fields`, while an
// empty value comes as null: recorded `"preferredName": null`, reference §2.4), so the same
// check runs on every dataset page, naming the dataset fields as well.
import type { BambooHrSettings } from '../../config/types.js';
import { MlcError } from '../../domain/errors.js';
import { TABLE_COLUMNS } from './fields.js';

export class FieldGuard {
  private readonly missing = new Set<string>();
  private readonly labels = new Map<string, string>();

  constructor(private readonly s: BambooHrSettings) {}

  private allowed(name: string): boolean {
    return this.s.allowMissingFields === true || this.s.allowMissingFields.includes(name);
  }

  /**
   * `returned` is the field list the answer declares (a custom report's `fields`), or the keys
   * of an employee object. When a report declares no fields we fall back to the keys seen.
   */
  fields(
    requested: readonly string[],
    returned: readonly string[],
    employees: ReadonlyArray<Record<string, unknown>>,
    label?: (field: string) => string,
  ): void {
    if (employees.length === 0) return;
    const seen = new Set(returned);
    if (seen.size === 0) for (const e of employees) for (const k of Object.keys(e)) seen.add(k);
    for (const f of requested) {
      if (seen.has(f) || this.allowed(f)) continue;
      this.missing.add(f);
      if (label) this.labels.set(f, label(f));
    }
  }

  /** A table column that no row carries was dropped, not empty (empty values come as null/""). */
  columns(table: string, rows: ReadonlyArray<Record<string, unknown>>): void {
    if (rows.length === 0) return;
    for (const col of TABLE_COLUMNS[table] ?? []) {
      const name = `${table}.${col}`;
      if (!rows.some((r) => col in r) && !this.allowed(name)) this.missing.add(name);
    }
  }

  /** Throws fields_missing (exit 6) naming every field that did not come back. */
  verdict(): void {
    if (this.missing.size === 0) return;
    const list = [...this.missing];
    const named = list.map((f) => this.labels.get(f) ?? f);
    throw new MlcError(
      'fields_missing',
      `BambooHR did not return ${list.length} requested field${list.length === 1 ? '' : 's'}: ${named.join(', ')}. ` +
        'BambooHR silently drops fields the API user cannot read and still answers 200.',
      {
        hint: "grant the API key's user (or the OAuth app) access to these fields, or list them under bamboohr.allowMissingFields to accept the gap",
        details: { missing: list },
      },
    );
  }
}
