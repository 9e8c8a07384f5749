// Field rules of the in-memory BOI, from the vendor layouts (erps.md §8 D.1) and crgolden's
// entity comments (erps.md §2.3): lengths, valid values, read-only columns. What a rule
// answers follows SetValue's contract: 1 ok, -1 ok with a warning, 0 refused.
import type { ObjectName } from '../catalog.js';
import { BOI_FAIL, BOI_OK, BOI_WARNING, type FieldValue } from '../port.js';

export interface FieldRule {
  max?: number;
  valid?: readonly string[];
  /** YYYYMMDD, or empty to clear. */
  date?: boolean;
  /** Two digits, zero-filled (Mask 00, FmtType ZEROFILL). */
  twoDigits?: boolean;
  number?: boolean;
  readOnly?: boolean;
}

const YES_NO = ['Y', 'N'] as const;
const STATUS = ['A', 'I', 'D'] as const;
const CASH_FLOWS = ['C', 'F', 'N', 'I', 'O'] as const;
const AUDIT: Record<string, FieldRule> = {
  DateCreated: { readOnly: true },
  TimeCreated: { readOnly: true },
  UserCreatedKey: { readOnly: true },
  DateUpdated: { readOnly: true },
  TimeUpdated: { readOnly: true },
  UserUpdatedKey: { readOnly: true },
};
/** Validated against GL_Rollup in Sage; the memory BOI has no rollups, so only the length is checked (assumption). */
const ROLLUPS: Record<string, FieldRule> = { RollupCode1: { max: 15 }, RollupCode2: { max: 15 }, RollupCode3: { max: 15 }, RollupCode4: { max: 15 } };

export const RULES: Record<ObjectName, Record<string, FieldRule>> = {
  GL_SubAccount_bus: {
    SubAccountDesc: { max: 40 },
    SubAccountShortDesc: { max: 10 },
    PrintFinancialStmts: { valid: YES_NO },
    DateStart: { date: true },
    DateEnd: { date: true },
    Status: { valid: STATUS },
    ...AUDIT,
  },
  GL_MainAccount_bus: {
    MainAccountDesc: { max: 50 },
    MainAccountShortDesc: { max: 10 },
    DateStart: { date: true },
    DateEnd: { date: true },
    Status: { valid: STATUS },
    ClearBalance: { valid: YES_NO },
    AccountGroup: { max: 10 },
    AccountCategory: { readOnly: true },
    AccountType: { twoDigits: true },
    CashFlowsType: { valid: CASH_FLOWS },
    ...ROLLUPS,
  },
  // Read-only: AccountKey, RawAccount, MainAccountCode, AccountType (from the main account), erps.md §8 D.1.
  GL_Account_bus: {
    AccountKey: { readOnly: true },
    RawAccount: { readOnly: true },
    MainAccountCode: { readOnly: true },
    AccountType: { readOnly: true },
    AccountGroup: { readOnly: true },
    AccountCategory: { readOnly: true },
    AccountDesc: { max: 50 },
    Status: { valid: STATUS },
    DateStart: { date: true },
    DateEnd: { date: true },
    ClearBalance: { valid: YES_NO },
    CashFlowsType: { valid: CASH_FLOWS },
    ...ROLLUPS,
  },
};

export interface RuleAnswer {
  retVal: number;
  value?: FieldValue;
  message?: string;
}

function validDate(v: string): boolean {
  if (v === '') return true;
  if (!/^\d{8}$/.test(v)) return false;
  const d = new Date(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replaceAll('-', '') === v;
}

/** Messages name the field, never the value: values may be descriptions (and logs stay clean). */
export function applyRule(field: string, rule: FieldRule, value: FieldValue): RuleAnswer {
  if (rule.readOnly) return { retVal: BOI_FAIL, message: `${field} is a read-only column.` };
  if (rule.number) {
    return typeof value === 'number' && Number.isFinite(value) ? { retVal: BOI_OK, value } : { retVal: BOI_FAIL, message: `${field} is a numeric column.` };
  }
  if (typeof value !== 'string') return { retVal: BOI_FAIL, message: `${field} is a string column.` };
  if (rule.valid && !rule.valid.includes(value)) return { retVal: BOI_FAIL, message: `Invalid value for ${field}; valid values are ${rule.valid.join(', ')}.` };
  if (rule.date && !validDate(value)) return { retVal: BOI_FAIL, message: `${field} must be a date as YYYYMMDD.` };
  if (rule.twoDigits) return /^\d{1,2}$/.test(value) ? { retVal: BOI_OK, value: value.padStart(2, '0') } : { retVal: BOI_FAIL, message: `${field} must be two digits.` };
  if (rule.max !== undefined && value.length > rule.max) {
    return { retVal: BOI_WARNING, value: value.slice(0, rule.max), message: `${field} was truncated to ${rule.max} characters.` };
  }
  return { retVal: BOI_OK, value };
}
