// Element types and lengths of the Setup documents. SYSPRO's XSDs are not public (erps.md
// §8 C.5: field lengths NOT FOUND), so every length below is an assumption a site can
// override (`fieldMaxLengths`); the employee code length is its own option (§8 C.1).
import { toCp1252 } from './cp1252.js';
import { ItemErrors, type ItemError } from './errors.js';
import type { SysproRow } from './types.js';

export type FieldKind = 'text' | 'number' | 'flag' | 'date';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  maxLength?: number;
}

/** Assumed lengths (characters) for text elements; others default to DEFAULT_TEXT_LENGTH. */
export const DEFAULT_LENGTHS: Readonly<Record<string, number>> = {
  Employee: 20,
  Name: 50,
  Description: 50,
  WorkCentre: 20,
  CostCentre: 20,
  ShiftId: 10,
  ProductClass: 20,
  EtCalcMeth: 1,
  TimeUom: 10,
  CapacityUom: 10,
  WipBranch: 20,
  ShiftCode: 10,
  SiteCode: 10,
  FormType: 6,
  KeyField: 50,
  // Every recorded or sample custom form field name has at most six characters (TempPO, BrnCod, TrnDat).
  FieldName: 6,
  AlphaValue: 100,
};

const DEFAULT_TEXT_LENGTH = 50;

export const text = (name: string): FieldSpec => ({ name, kind: 'text' });
export const num = (name: string): FieldSpec => ({ name, kind: 'number' });
export const flag = (name: string): FieldSpec => ({ name, kind: 'flag' });

/** `<prefix>1` … `<prefix>9`, the numbered rate elements (Rates1…, SetUpRate1…; §8 C.1). */
export function numbered(prefix: string, kind: FieldKind = 'number'): FieldSpec[] {
  return Array.from({ length: 9 }, (_, i) => ({ name: `${prefix}${i + 1}`, kind }));
}

export function withLengths(specs: FieldSpec[], lengths: Readonly<Record<string, number>>): FieldSpec[] {
  return specs.map((s) => (s.kind === 'text' ? { ...s, maxLength: lengths[s.name] ?? DEFAULT_LENGTHS[s.name] ?? DEFAULT_TEXT_LENGTH } : s));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(raw: string): boolean {
  const m = DATE.exec(raw);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === raw;
}

/** The stored value of a non-empty element, or the item error it earns. */
export function parseValue(spec: FieldSpec, raw: string): string | number | ItemError {
  switch (spec.kind) {
    case 'number':
      return NUMBER.test(raw) ? Number(raw) : ItemErrors.notNumeric(spec.name, raw);
    case 'flag': {
      const v = raw.toUpperCase();
      return v === 'Y' || v === 'N' ? v : ItemErrors.notFlag(spec.name, raw);
    }
    case 'date':
      return isDate(raw) ? raw : ItemErrors.notDate(spec.name, raw);
    case 'text': {
      // SYSPRO's columns are non-Unicode: what Windows-1252 cannot hold is stored as '?'.
      const v = toCp1252(raw);
      return spec.maxLength !== undefined && v.length > spec.maxLength ? ItemErrors.tooLong(spec.name, raw, spec.maxLength) : v;
    }
  }
}

export const emptyValue = (spec: FieldSpec): string | number => (spec.kind === 'number' ? 0 : '');

/** What an Add starts from before its elements are merged: blank text, zero numbers. */
export function blankRow(fields: readonly FieldSpec[]): SysproRow {
  const row: SysproRow = {};
  for (const f of fields) row[f.name] = emptyValue(f);
  return row;
}

export const isItemError = (v: unknown): v is ItemError => typeof v === 'object' && v !== null && 'number' in v && 'description' in v;
