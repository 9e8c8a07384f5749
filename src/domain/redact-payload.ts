// Masking sensitive keys in payloads before they are written to the audit (pay, personal
// e-mail, birth date…; `audit.redact` in the config). Patterns match key names at any depth,
// case-insensitively; `*` stands for any run of characters.
export const REDACTED = '[redacted]';

export function keyMatcher(patterns: readonly string[]): (key: string) => boolean {
  const res = patterns.map((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i'));
  // Payload keys repeat from record to record: remember each answer (bounded, in case keys don't).
  const seen = new Map<string, boolean>();
  return (key) => {
    let hit = seen.get(key);
    if (hit === undefined) {
      hit = res.some((re) => re.test(key));
      if (seen.size < 10_000) seen.set(key, hit);
    }
    return hit;
  };
}

export function redactPayload(value: unknown, isSensitive: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redactPayload(v, isSensitive));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSensitive(k) && v !== null && v !== undefined ? REDACTED : redactPayload(v, isSensitive)]),
  );
}

/**
 * JSON.stringify(redactPayload(value)), in one pass: the replacer masks as it
 * serialises, so no masked copy of every payload of an initial load is built first. Keys of
 * objects only: an array's indices are not field names.
 */
export function redactedJson(value: unknown, isSensitive: (key: string) => boolean): string {
  // Most payloads carry nothing to mask: then the plain (native) serialisation, without a
  // replacer called back for every key of every payload of an initial load.
  if (!hasSensitive(value, isSensitive)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown): unknown {
    return key !== '' && !Array.isArray(this) && v !== null && v !== undefined && isSensitive(key) ? REDACTED : v;
  });
}

/** Whether redactedJson() would mask anything: a key it matches holds a value, at any depth. */
function hasSensitive(value: unknown, isSensitive: (key: string) => boolean): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasSensitive(v, isSensitive));
  const obj = value as Record<string, unknown>;
  // toJSON may make keys of its own: the masking path sees what is serialised.
  if (typeof obj.toJSON === 'function') return true;
  for (const key in obj) {
    const v = obj[key];
    if (v === null || v === undefined) continue;
    if (isSensitive(key) || hasSensitive(v, isSensitive)) return true;
  }
  return false;
}

/** Keys (dotted paths) whose value was redacted, for --as-recorded replays. */
export function redactedPaths(value: unknown, prefix = ''): string[] {
  if (value === REDACTED) return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => redactedPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * Sensitive values in free text: reasons ("pay: 57.70 GBP on 2026-12-30"), plan lines and ERP
 * messages that quote a field. A label or key that matches a pattern, followed by `:` or `=`,
 * loses its value; a trailing "on <date>" stays (when a change happens is not the secret).
 * The audit may hold such text from runs before a pattern was added, so every output applies
 * this, not only the writer of the audit.
 */
export function redactText(text: string, isSensitive: (key: string) => boolean): string {
  const re = new RegExp(LABELLED.source, 'g');
  let out = '';
  let done = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, q = '', key = '', sep = '', value = ''] = m;
    // An object or list after the key is JSON structure, not a value to mask in place.
    if (!isSensitive(key) || value.trim() === '' || value.includes(REDACTED) || /^[[{]/.test(value)) {
      // Not ours: look for labels inside the value too ("CODE: payRate: 12 is invalid").
      re.lastIndex = m.index + Math.max(1, whole.length - value.length);
      continue;
    }
    // A quoted key is JSON (a log line, an ERP answer): the mask is a string, so it stays JSON.
    out += `${text.slice(done, m.index)}${q}${key}${q}${sep}${value.startsWith('"') || q === '"' ? `"${REDACTED}"` : REDACTED}`;
    done = m.index + whole.length;
  }
  return out + text.slice(done);
}

// key (optionally quoted) + `:`/`=` + a quoted value, or a bare value that runs to the next
// `;` `,` `}` line end, or to " on YYYY-MM-DD".
const LABELLED = /(["']?)\b([A-Za-z_][\w.-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^;,}\n]*?(?=\s+on\s+\d{4}-\d{2}-\d{2}|[;,}\n]|$))/g;

export interface Redactor {
  /** A payload (or any JSON value) with sensitive keys masked. */
  payload(value: unknown): unknown;
  /** Free text with sensitive labelled values masked. */
  text(value: string): string;
  /** Same as text(), passing null/undefined through. */
  maybe<T extends string | null | undefined>(value: T): T;
}

/** One redactor for every output, from `audit.redact`. */
export function redactor(patterns: readonly string[]): Redactor {
  const sensitive = keyMatcher(patterns);
  const text = (s: string) => redactText(s, sensitive);
  return {
    payload: (v) => redactPayload(v, sensitive),
    text,
    maybe: <T extends string | null | undefined>(v: T): T => (typeof v === 'string' ? (text(v) as T) : v),
  };
}
