// Default-dimension display values (reference §5.4, §8 A.2): segments in the order of the
// active "Default dimension format", joined by the DimensionParameters delimiter. Mapping is
// positional; extra trailing segments are dropped silently, missing ones are blank, and
// every non-blank segment must be a value of its dimension. No active format → the Infolog
// error of the field note in A.2.
import type { InfologEntry } from './http.js';
import type { D365State } from './state.js';
import type { StoredRow } from './table.js';
import type { DelimiterName } from './types.js';

export const DELIMITERS: Record<DelimiterName, string> = {
  Hyphen: '-',
  Period: '.',
  Underscore: '_',
  Bar: '|',
  DoubleHyphen: '--',
  DoublePeriod: '..',
  DoubleUnderscore: '__',
  DoubleBar: '||',
  Tilde: '~',
  DoubleTilde: '~~',
};

export type Resolution = { ok: true; canonical: string; rows: StoredRow[] } | { ok: false; entries: InfologEntry[] };

const fill = (template: string, value: string, dimension: string): string => template.replace('{value}', value).replace('{dimension}', dimension);

function inactive(row: StoredRow, now: number): boolean {
  const to = Date.parse(String(row.values['ActiveTo'] ?? ''));
  return row.values['IsSuspended'] === 'Yes' || (to > Date.parse('1901-01-01T00:00:00Z') && to < now);
}

/** Parses `text` for `company`; on success the canonical string (all positions, stored casing). */
export function resolveDisplayValue(state: D365State, company: string, text: string): Resolution {
  if (text === '') return { ok: true, canonical: '', rows: [] };
  const format = state.format;
  const msg = state.settings.messages;
  if (!format) return { ok: false, entries: [{ level: 'Error', text: msg.noActiveFormat }] };
  const delimiter = DELIMITERS[format.delimiter];
  const parts = text.split(delimiter);
  const entries: InfologEntry[] = [];
  const rows: StoredRow[] = [];
  const canonical = format.dimensions.map((dimension, i) => {
    const value = (parts[i] ?? '').trim();
    if (value === '') return '';
    const row = state.findDimensionValue(dimension, company, value);
    if (!row) entries.push({ level: 'Error', text: fill(msg.unknownDimensionValue, value, dimension) });
    else if (inactive(row, Date.now())) entries.push({ level: 'Error', text: fill(msg.suspendedDimensionValue, value, dimension) });
    else rows.push(row);
    return String(row?.values['DimensionValue'] ?? value);
  });
  if (entries.length > 0) return { ok: false, entries };
  return { ok: true, canonical: canonical.join(delimiter), rows };
}

/** Referenced values become "used": from then on FinancialDimensionValues lists them (A.2). */
export function markUsed(state: D365State, rows: readonly StoredRow[]): void {
  for (const row of rows) {
    const current = state.dimensionValues.get(row.values);
    if (current && !current.used) state.dimensionValues.put({ ...current, used: true });
  }
}

/**
 * `DimensionSets/Microsoft.Dynamics.DataEntities.getSetDisplayValue` (A.2, [3P] blog): the
 * values in format order, skipping names the format does not have.
 */
export function setDisplayValue(state: D365State, names: readonly string[], values: readonly string[]): string | undefined {
  const format = state.format;
  if (!format) return undefined;
  const byName = new Map(names.map((n, i) => [n.toUpperCase(), values[i] ?? '']));
  return format.dimensions.map((d) => byName.get(d.toUpperCase()) ?? '').join(DELIMITERS[format.delimiter]);
}
