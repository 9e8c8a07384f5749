// File backend: a JSON object { "<connection>.<name>": "<value>" } in a file readable by its
// owner only. It exists for headless hosts where no keychain is reachable but a secret must be
// *written* by mlc itself, e.g. a rotated OAuth refresh token (an environment variable cannot
// be updated from inside the process). Like ssh with a private key, mlc refuses a file that
// other users can read.
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { MlcError } from '../domain/errors.js';
import { parseRefKey, refKey, type SecretBackend, type SecretRef } from './types.js';

export class FileBackend implements SecretBackend {
  readonly source = 'file' as const;

  constructor(private readonly path: string) {}

  async unavailableReason(): Promise<string | undefined> {
    if (!existsSync(this.path) || process.platform === 'win32') return undefined;
    const mode = statSync(this.path).mode & 0o077;
    return mode === 0 ? undefined : `${this.path} is readable by other users (mode ${(statSync(this.path).mode & 0o777).toString(8)}); run: chmod 600 ${this.path}`;
  }

  async get(ref: SecretRef): Promise<string | undefined> {
    const data = await this.read();
    const v = data[refKey(ref)];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    const data = await this.read();
    data[refKey(ref)] = value;
    this.write(data);
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const data = await this.read();
    if (!(refKey(ref) in data)) return false;
    delete data[refKey(ref)];
    this.write(data);
    return true;
  }

  async list(): Promise<SecretRef[]> {
    const data = await this.read();
    return Object.keys(data)
      .map(parseRefKey)
      .filter((r): r is SecretRef => r !== undefined);
  }

  private async read(): Promise<Record<string, unknown>> {
    const reason = await this.unavailableReason();
    if (reason) throw new MlcError('secret_store_unavailable', `secrets file refused: ${reason}`);
    if (!existsSync(this.path)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through to the error below; never echo the content, it holds secrets
    }
    throw new MlcError('secret_store_unavailable', `secrets file ${this.path} is not a JSON object`);
  }

  private write(data: Record<string, unknown>): void {
    // Write a sibling file with mode 0600, then rename: a crash never leaves half a file.
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}
