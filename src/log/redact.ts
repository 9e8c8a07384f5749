// Redaction of secrets from anything that leaves the process as text: log lines, error
// messages, audit rows, stdout. Two layers, because either alone leaks:
//  1. every secret value mlc loads is registered here and scrubbed wherever it appears;
//  2. well-known carriers (Authorization headers, token/key/password parameters in URLs,
//     query strings and JSON) are masked even when the value was never registered (for
//     example a token freshly returned by a server).

const known = new Set<string>();
const MASK = '[REDACTED]';

/** Register a secret value so that scrub() removes it everywhere. Short values are ignored. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6) return;
  known.add(value);
  // A URL secret (a Slack or Teams webhook) is a credential by its path: lines that show only
  // the path (request logs) must not give it away either.
  if (/^https?:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      const tail = `${u.pathname}${u.search}`;
      if (tail.length >= 6) known.add(tail);
    } catch {
      // not a URL after all
    }
  }
}

const patterns: Array<[RegExp, string]> = [
  // Authorization: Basic xxx / Bearer xxx (headers, curl lines, JSON dumps)
  [/\b(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, `$1$2 ${MASK}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${MASK}`],
  // key=value in URLs and form bodies
  [/([?&](?:access_token|refresh_token|id_token|client_secret|code|api_key|apikey|password|token)=)[^&\s"']+/gi, `$1${MASK}`],
  // "access_token": "..." in JSON (values long enough to be credentials, not labels like "env")
  [/("(?:access_token|refresh_token|id_token|client_secret|api_?key|password|privateKey|private_key|secret|token)"\s*:\s*")[^"]{12,}(")/gi, `$1${MASK}$2`],
];

export function scrub(text: string): string {
  let out = text;
  for (const value of known) {
    if (out.includes(value)) out = out.split(value).join(MASK);
  }
  for (const [re, repl] of patterns) out = out.replace(re, repl);
  return out;
}
