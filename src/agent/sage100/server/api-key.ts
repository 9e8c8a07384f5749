// The agent's API key. The agent keeps only its SHA-256 (a file written by `gen-key`,
// owner-only) or reads the key from an environment variable; it compares in constant time
// and never logs either. mlc keeps the key itself in its keychain (DESIGN §3.10).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const API_KEY_HEADER = 'x-api-key';

export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Hashing both sides first gives equal lengths, so timingSafeEqual can compare any input. */
export function apiKeyMatches(presented: string, expectedHash: Buffer): boolean {
  return timingSafeEqual(hashApiKey(presented), expectedHash);
}

export class ApiKeyMissing extends Error {
  override readonly name = 'ApiKeyMissing';
}

/** The environment variable wins over the hash file (headless installs, tests). */
export function loadApiKeyHash(hashFile: string, envName: string, env: NodeJS.ProcessEnv): Buffer {
  const fromEnv = env[envName];
  if (fromEnv) return hashApiKey(fromEnv);
  let text: string;
  try {
    text = readFileSync(hashFile, 'utf8').trim();
  } catch {
    throw new ApiKeyMissing(`no API key: set ${envName} or run \`mlc-sage100-agent gen-key\` to create ${hashFile}`);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new ApiKeyMissing(`${hashFile} does not hold a SHA-256 hex digest; run \`mlc-sage100-agent gen-key --force\``);
  return Buffer.from(text, 'hex');
}
