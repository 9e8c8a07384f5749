// Bytes and URLs of e.net REST. Answers are Windows-1252 (erps.md §1.4: every answer declares
// it), and Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as ISO-8859-1 (0x80 comes
// out as U+0080, not €), so the high block is mapped here. Requests carry everything in the
// query string (§1.1): values are percent-encoded UTF-8, spaces as %20 (the recorded Logoff
// sends a session id's trailing spaces as `%20%20`, §1.3), never as '+'.

/** What Windows-1252 puts at 0x80–0x9F; the five unassigned bytes stay themselves. */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chars[i] = b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : String.fromCharCode(b);
  }
  return chars.join('');
}

/**
 * One query value. RFC 3986 §3.4 lets '/' and ':' stand unencoded in a query, and XML is full
 * of '/', so they are kept: every byte counts against the server's URL limit.
 */
export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':');
}

/** `a=1&b=2`, in the given order, every value encoded. */
export function queryString(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([k, v]) => `${k}=${encodeQueryValue(v)}`).join('&');
}
