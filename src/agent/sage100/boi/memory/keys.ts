// What SetKey does per business object: validate the key against the account structure and
// the master tables, then load the existing record or start a new one with its defaults.
// Rules: erps.md §8 D.1 (SegmentNo validated against GL_AccountStructure; GL_Account keyed
// by the formatted Account, main account from GL_MainAccount, sub-accounts must exist first).
// Refusing an inactive sub-account or main account for a NEW account is an assumption.
import type { ObjectName } from '../catalog.js';
import type { Row } from '../port.js';
import { SEGMENT_CODE, segmentByNo, splitAccount } from '../structure.js';
import { MemoryCompany } from './company.js';

export type KeyAnswer = { existing: Row } | { created: Row } | { error: string };

const BLANK_ROLLUPS = { RollupCode1: '', RollupCode2: '', RollupCode3: '', RollupCode4: '' };

function codeError(company: MemoryCompany, segment: string, code: string, what: string): string | undefined {
  const spec = segmentByNo(company.structure, segment);
  if (!spec) return `Segment number ${segment} is not defined in the account structure.`;
  if (!SEGMENT_CODE.test(code)) return `${what} must be letters and digits only.`;
  if (code.length !== spec.length) return `${what} must be ${spec.length} characters for segment ${segment}.`;
  return undefined;
}

function subAccount(company: MemoryCompany, key: Record<string, string>): KeyAnswer {
  const segment = key['SegmentNo'] ?? '';
  const code = key['SubAccountCode'] ?? '';
  if (segment === '01') return { error: 'Segment number 01 is the main account segment; it has no sub-accounts.' };
  const error = codeError(company, segment, code, 'Sub account code');
  if (error) return { error };
  const existing = company.get('GL_SubAccount', MemoryCompany.primaryKey('GL_SubAccount', { SegmentNo: segment, SubAccountCode: code }));
  if (existing) return { existing };
  const udfs = Object.fromEntries(company.udfs.map((u) => [u.name, u.type === 'number' ? 0 : '']));
  return {
    created: {
      SegmentNo: segment, SubAccountCode: code, SubAccountDesc: '', SubAccountShortDesc: '', PrintFinancialStmts: 'Y', DateStart: '', DateEnd: '', Status: 'A',
      DateCreated: '', TimeCreated: '', UserCreatedKey: '', DateUpdated: '', TimeUpdated: '', UserUpdatedKey: '', ...udfs,
    },
  };
}

function mainAccount(company: MemoryCompany, key: Record<string, string>): KeyAnswer {
  const segment = key['SegmentNo'] ?? '';
  const code = key['MainAccountCode'] ?? '';
  // crgolden Entities/MainAccount.cs: SegmentNo "Valid: 01".
  if (segment !== '01') return { error: `Segment number ${segment} is not the main account segment (01).` };
  const error = codeError(company, segment, code, 'Main account code');
  if (error) return { error };
  const existing = company.get('GL_MainAccount', MemoryCompany.primaryKey('GL_MainAccount', { SegmentNo: segment, MainAccountCode: code }));
  if (existing) return { existing };
  return {
    created: {
      SegmentNo: segment, MainAccountCode: code, MainAccountDesc: '', MainAccountShortDesc: '', DateStart: '', DateEnd: '', Status: 'A', ClearBalance: 'N',
      AccountGroup: '', AccountCategory: '', AccountType: '00', CashFlowsType: 'N', ...BLANK_ROLLUPS,
    },
  };
}

/** Why a new account cannot use its segment values, or undefined when every one exists and is active. */
function segmentsError(company: MemoryCompany, parts: string[]): string | undefined {
  for (const [i, code] of parts.slice(1).entries()) {
    const segment = String(i + 2).padStart(2, '0');
    const sub = company.get('GL_SubAccount', MemoryCompany.primaryKey('GL_SubAccount', { SegmentNo: segment, SubAccountCode: code }));
    if (!sub) return `Sub account ${code} does not exist for segment ${segment}.`;
    if (sub['Status'] !== 'A') return `Sub account ${code} for segment ${segment} is not active.`;
  }
  return undefined;
}

function account(company: MemoryCompany, key: Record<string, string>): KeyAnswer {
  const formatted = key['Account'] ?? '';
  const split = splitAccount(company.structure, formatted);
  if ('error' in split) return split;
  const existing = company.accountByAccount(formatted);
  if (existing) return { existing };
  const [mainCode = '', ...subs] = split.parts;
  const main = company.get('GL_MainAccount', MemoryCompany.primaryKey('GL_MainAccount', { SegmentNo: '01', MainAccountCode: mainCode }));
  if (!main) return { error: `Main account ${mainCode} does not exist.` };
  if (main['Status'] !== 'A') return { error: `Main account ${mainCode} is not active.` };
  const error = segmentsError(company, split.parts);
  if (error) return { error };
  return {
    created: {
      AccountKey: '', Account: formatted, RawAccount: [mainCode, ...subs].join(''), MainAccountCode: mainCode, AccountDesc: main['MainAccountDesc'] ?? '', Status: 'A',
      AccountType: main['AccountType'] ?? '', AccountGroup: main['AccountGroup'] ?? '', AccountCategory: main['AccountCategory'] ?? '',
      ClearBalance: main['ClearBalance'] ?? 'N', CashFlowsType: main['CashFlowsType'] ?? 'N', ...BLANK_ROLLUPS, DateStart: '', DateEnd: '',
    },
  };
}

export function loadOrCreate(object: ObjectName, company: MemoryCompany, key: Record<string, string>): KeyAnswer {
  if (object === 'GL_SubAccount_bus') return subAccount(company, key);
  if (object === 'GL_MainAccount_bus') return mainAccount(company, key);
  return account(company, key);
}
