// Default-dimension display values (pure): the segment values in the order of the active
// "Default dimension format" for integrating applications, joined by the DimensionParameters
// delimiter; positions without a value stay empty, e.g. `-022-001--` (erps.md §5.4, §8 A.2).
// Positions the flow does not map keep what the vendor has (a cost centre set in D365 by
// finance survives a transfer), which is why the session reads the vendor first.
import type { DimensionFormatSetting } from './config.js';

export type DisplayResult = { ok: true; value: string } | { ok: false; unknown: string[] };

const fold = (s: string) => s.toUpperCase();

/** Segment values of `text` by dimension name (upper-cased), positional in `format`. */
export function segments(format: DimensionFormatSetting, text: string): Map<string, string> {
  const parts = text === '' ? [] : text.split(format.delimiter);
  return new Map(format.dimensions.map((d, i) => [fold(d), (parts[i] ?? '').trim()]));
}

/**
 * The display value for `wanted` (dimension → value) over `current` (the vendor's display
 * value, or null for a new vendor). All-blank is "" (no default dimension at all).
 */
export function displayValue(format: DimensionFormatSetting, wanted: Readonly<Record<string, string>>, current: string | null): DisplayResult {
  const names = new Set(format.dimensions.map(fold));
  const unknown = Object.keys(wanted).filter((d) => !names.has(fold(d)));
  if (unknown.length > 0) return { ok: false, unknown };
  const byName = new Map(Object.entries(wanted).map(([d, v]) => [fold(d), v]));
  const kept = segments(format, current ?? '');
  const values = format.dimensions.map((d) => byName.get(fold(d)) ?? kept.get(fold(d)) ?? '');
  return { ok: true, value: values.every((v) => v === '') ? '' : values.join(format.delimiter) };
}

/** Whether two display values name the same segments (D365 may store them canonically). */
export function sameDisplay(format: DimensionFormatSetting, a: string, b: string): boolean {
  const x = segments(format, a);
  const y = segments(format, b);
  return format.dimensions.every((d) => fold(x.get(fold(d)) ?? '') === fold(y.get(fold(d)) ?? ''));
}

export function describeFormat(format: DimensionFormatSetting): string {
  return `${format.dimensions.join(format.delimiter)} (delimiter "${format.delimiter}")`;
}
