// Account structure: how many segments a GL account has, their lengths and the separator
// between them (`6000-01-02` = main account 6000, segment-2 sub-account 01, segment-3
// sub-account 02; erps.md §2.3). Sage keeps it in GL_AccountStructure, whose layout is NOT
// FOUND (erps.md §8 D.3), so the agent defines this shape and says where it came from.
import { z } from 'zod';

export const AccountSegment = z.strictObject({
  length: z.int().min(1).max(15),
  description: z.string().min(1).max(40),
});
export type AccountSegment = z.infer<typeof AccountSegment>;

export const AccountStructure = z.strictObject({
  separator: z.string().max(1).regex(/^[^A-Za-z0-9]?$/, 'must be one non-alphanumeric character, or empty'),
  /** Segment 1 is the main account (GL_MainAccount.SegmentNo "01"); segments 2.. are sub-accounts. */
  segments: z.array(AccountSegment).min(1).max(9),
});
export type AccountStructure = z.infer<typeof AccountStructure>;

/** SegmentNo is two digits, zero-filled (GL_SubAccount layout: Mask 00, FmtType ZEROFILL; erps.md §8 D.1). */
export function segmentNo(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2" → "02", as the BOI zero-fills; undefined when it is not a number at all. */
export function zeroFillSegmentNo(value: string): string | undefined {
  return /^\d{1,2}$/.test(value) ? value.padStart(2, '0') : undefined;
}

export function segmentByNo(structure: AccountStructure, no: string): AccountSegment | undefined {
  const index = Number(no);
  return Number.isInteger(index) && index >= 1 ? structure.segments[index - 1] : undefined;
}

export const SEGMENT_CODE = /^[A-Za-z0-9]+$/;

/**
 * Splits a formatted account into its segment values, or says why it does not fit the
 * structure. Every segment must have exactly its length (fixed-width segments; whether Sage
 * pads short codes is NOT FOUND, so shorter codes are refused).
 */
export function splitAccount(structure: AccountStructure, account: string): { parts: string[] } | { error: string } {
  const parts = structure.separator === '' ? sliceRaw(structure, account) : account.split(structure.separator);
  const expected = structure.segments.map((s) => s.length);
  const format = expected.map((n) => 'X'.repeat(n)).join(structure.separator);
  if (!parts || parts.length !== expected.length) return { error: `Account ${account} does not match the account format ${format}.` };
  for (const [i, part] of parts.entries()) {
    if (part.length !== expected[i] || !SEGMENT_CODE.test(part)) return { error: `Account ${account} does not match the account format ${format}.` };
  }
  return { parts };
}

function sliceRaw(structure: AccountStructure, account: string): string[] | undefined {
  const total = structure.segments.reduce((n, s) => n + s.length, 0);
  if (account.length !== total) return undefined;
  let at = 0;
  return structure.segments.map((s) => {
    const part = account.slice(at, at + s.length);
    at += s.length;
    return part;
  });
}

/** GL_AccountStructure rows as the agent reports them (agent-defined column names). */
export function structureRows(structure: AccountStructure): Array<Record<string, string | number>> {
  return structure.segments.map((s, i) => ({
    SegmentNo: segmentNo(i + 1),
    SegmentLength: s.length,
    SegmentDesc: s.description,
    Separator: structure.separator,
  }));
}
