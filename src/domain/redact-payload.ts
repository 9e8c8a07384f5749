// Masking sensitive keys in payloads before they are written to the audit (pay, personal
// e-mail, birth date…; `audit.redact` in the config). Patterns match key names at any depth,
// case-insensitively; `*` stands for any run of characters.
export const REDACTED = '[redacted]';

export function keyMatcher(patterns: readonly string[]): (key: string) => boolean {
  const res = patterns.map((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i'));
  return (key) => res.some((re) => re.test(key));
}

export function redactPayload(value: unknown, isSensitive: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redactPayload(v, isSensitive));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSensitive(k) && v !== null && v !== undefined ? REDACTED : redactPayload(v, isSensitive)]),
  );
}

/** Keys (dotted paths) whose value was redacted, for --as-recorded replays. */
export function redactedPaths(value: unknown, prefix = ''): string[] {
  if (value === REDACTED) return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => redactedPaths(v, prefix ? `${prefix}.${k}` : k));
}
