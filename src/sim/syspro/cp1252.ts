// Windows-1252, the encoding every e.net answer declares (erps.md §1.4). Node has no encoder
// for it, and Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as ISO-8859-1 (0x80
// gives U+0080, not €), so both directions are here. Characters outside the code page become
// '?', as .NET's default replacement fallback does; SYSPRO's tables are non-Unicode, so the
// simulator also stores names that way (see `toCp1252`).

/** Bytes 0x80–0x9F: the code page's own characters there (ISO-8859-1 has C1 controls). */
const HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Code point → byte for 0x80–0x9F. 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and map to themselves (as Windows does). */
const FROM_UNICODE = new Map<number, number>(HIGH.map((cp, i) => [cp, 0x80 + i]));

const QUESTION = 0x3f;

function byteFor(cp: number): number {
  if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return FROM_UNICODE.get(cp) ?? QUESTION;
}

export function encodeCp1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  // for…of walks code points, so an astral character (an emoji) becomes one '?'.
  for (const ch of text) out[n++] = byteFor(ch.codePointAt(0) ?? QUESTION);
  return out.subarray(0, n);
}

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? (HIGH[b - 0x80] ?? b) : b);
  return out;
}

/** The text as a Windows-1252 store keeps it: what cannot be encoded becomes '?'. */
export function toCp1252(text: string): string {
  let out = '';
  for (const ch of text) out += byteFor(ch.codePointAt(0) ?? QUESTION) === QUESTION && ch !== '?' ? '?' : ch;
  return out;
}
