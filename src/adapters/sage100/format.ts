// Sage 100's segmented GL account (erps.md §2.3, §8 D.1): segment 01 is the main account,
// 02.. are sub-account segments, each of a fixed length, joined by one separator character
// (`6000-01-02`). The layout of GL_AccountStructure is NOT FOUND (erps.md §8 D.3), so the
// agent reports it in its own shape; mlc's configuration carries it too (as a mask such as
// `XXXX-XX-XX`), because planning is pure and runs before the agent is asked, and the session
// checks the two agree before anything is written. Pure.
import { codeFrom } from '../../domain/code-rule.js';

export interface AccountFormat {
  /** One non-alphanumeric character, or '' for none. */
  separator: string;
  /** Segment lengths, main account first. */
  lengths: number[];
}

/** Letters and digits only (the BOI's rule for segment codes, as the agent enforces it). */
export const SEGMENT_CODE = /^[A-Za-z0-9]+$/;

/** `XXXX-XX-XX` → separator `-`, lengths 4, 2, 2. */
export function parseMask(mask: string): AccountFormat | undefined {
  // One separator, the same between every two segments.
  const m = /^X+(?:([^A-Za-z0-9])X+(?:\1X+)*)?$/.exec(mask);
  if (!m) return undefined;
  const separator = m[1] ?? '';
  if (separator === '') return { separator, lengths: [mask.length] };
  return { separator, lengths: mask.split(separator).map((p) => p.length) };
}

export function maskOf(f: AccountFormat): string {
  return f.lengths.map((n) => 'X'.repeat(n)).join(f.separator);
}

/** Segment number as Sage writes it: two digits, zero-filled (GL_SubAccount layout, erps.md §8 D.1). */
export const segmentNo = (n: number): string => String(n).padStart(2, '0');

/** The length of segment `no` ('02'), or undefined when the structure has no such segment. */
export function segmentLength(f: AccountFormat, no: string): number | undefined {
  return f.lengths[Number(no) - 1];
}

export function formatAccount(f: AccountFormat, parts: readonly string[]): string {
  return parts.join(f.separator);
}

/** Why `code` cannot be a value of segment `no`, or undefined when it fits. */
export function codeProblem(f: AccountFormat, no: string, code: string): string | undefined {
  const length = segmentLength(f, no);
  if (length === undefined) return `the account structure ${maskOf(f)} has no segment ${no}`;
  if (!SEGMENT_CODE.test(code)) return `code "${code}" has characters other than letters and digits`;
  if (code.length !== length) return `code "${code}" is ${code.length} characters; segment ${no} takes exactly ${length}`;
  return undefined;
}

/**
 * The code of a value mlc provisions, from the flow's `provision.code` pattern (code-rule.ts).
 * A pattern with one placeholder and no width (`{id}`, `{name}`, `D{id}`) is sized to the
 * segment, since Sage's codes have exactly the segment's length: `{name}` on a 2-character
 * segment is `{name:2}`. Whether the result fits is checked by codeProblem.
 */
export function provisionCode(pattern: string, option: { id: string; name: string }, length: number): string {
  const placeholders = pattern.match(/\{(id|name)(?::\d{1,2})?\}/g) ?? [];
  if (placeholders.length !== 1 || /:\d/.test(placeholders[0]!)) return codeFrom(pattern, option);
  const literal = pattern.replace(placeholders[0]!, '').length;
  const width = Math.max(1, length - literal);
  return codeFrom(pattern.replace(/\{(id|name)\}/, `{$1:${width}}`), option);
}

/** `02/05`: the identity of a sub-account value (KPRIMARY SegmentNo+SubAccountCode, erps.md §8 D.1). */
export const subAccountKey = (no: string, code: string): string => `${no}/${code}`;

export function splitSubAccountKey(key: string): { no: string; code: string } | undefined {
  const m = /^(\d{2})\/([A-Za-z0-9]+)$/.exec(key);
  return m ? { no: m[1]!, code: m[2]! } : undefined;
}

/** Cut to `n` characters (Sage truncates longer strings with a warning, and the next identical write would then differ again). */
export const cut = (s: string, n: number): string => [...s].slice(0, n).join('');

/** GL_AccountStructure rows as the agent reports them ({SegmentNo, SegmentLength, Separator}, agent-defined). */
export function formatFromRows(rows: ReadonlyArray<Record<string, unknown>>): AccountFormat | undefined {
  const sorted = [...rows].sort((a, b) => Number(a['SegmentNo']) - Number(b['SegmentNo']));
  const lengths = sorted.map((r) => Number(r['SegmentLength']));
  if (lengths.length === 0 || lengths.some((n) => !Number.isInteger(n) || n < 1)) return undefined;
  return { separator: String(sorted[0]!['Separator'] ?? ''), lengths };
}

export const sameFormat = (a: AccountFormat, b: AccountFormat): boolean => a.separator === b.separator && a.lengths.join() === b.lengths.join();
