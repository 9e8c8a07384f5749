// SecretStore: asks the backends in precedence order (environment, then the secrets file when
// configured, then the keychain) and reports which one answered. Every value read or written
// is registered with the redactor so it can never reach a log line or an error message.
import { MlcError } from '../domain/errors.js';
import { registerSecret } from '../log/redact.js';
import { companyKeychainService, companyOf } from './company.js';
import { EnvBackend, envVarNames } from './env.js';
import { FileBackend } from './file.js';
import { KeychainBackend } from './keychain.js';
import { refKey, type SecretBackend, type SecretRef, type SecretSource } from './types.js';

export interface SecretValue {
  value: string;
  source: SecretSource;
}

export interface SecretListing {
  ref: SecretRef;
  sources: SecretSource[];
}

export interface SecretStoreOptions {
  keychainService: string;
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export class SecretStore {
  /** `company`: the fleet company this store reads for (MLC_COMPANY), named in hints. */
  constructor(
    private readonly backends: SecretBackend[],
    readonly company?: string | undefined,
  ) {}

  static create(opts: SecretStoreOptions): SecretStore {
    const env = opts.env ?? process.env;
    // A fleet company gets its own environment names and keychain service (company.ts); the
    // order stays environment, secrets file, keychain.
    const company = companyOf(env);
    const list: SecretBackend[] = [new EnvBackend(env, { company })];
    if (opts.file) list.push(new FileBackend(opts.file));
    list.push(new KeychainBackend(companyKeychainService(opts.keychainService, company), env));
    return new SecretStore(list, company);
  }

  /** The keychain service this store reads and writes (per company in a fleet). */
  get keychainService(): string | undefined {
    const b = this.backends.find((x): x is KeychainBackend => x instanceof KeychainBackend);
    return b?.service;
  }

  /** The value and where it came from; undefined when no backend holds it. */
  async get(ref: SecretRef): Promise<SecretValue | undefined> {
    for (const b of this.backends) {
      if (b.source !== 'env' && (await b.unavailableReason())) continue;
      const value = await b.get(ref);
      if (value !== undefined) {
        registerSecret(value);
        return { value, source: b.source };
      }
    }
    return undefined;
  }

  async require(ref: SecretRef, hint?: string): Promise<SecretValue> {
    const found = await this.get(ref);
    if (found) return found;
    const names = envVarNames(ref, this.company);
    const auth = `${this.company ? `MLC_COMPANY=${this.company} ` : ''}mlc auth set ${ref.connection} ${ref.name}`;
    throw new MlcError('auth_required', `secret ${refKey(ref)} ${this.company ? `of company ${this.company} ` : ''}is not set`, {
      hint: hint ?? `run \`${auth}\` or set ${names.join(' (or ')}${names.length > 1 ? ')' : ''}`,
    });
  }

  /** Where `set` will write: the secrets file when configured, else the keychain. */
  writable(): SecretBackend {
    const b = this.backends.find((x) => x.source === 'file') ?? this.backends.find((x) => x.source === 'keychain');
    if (!b?.set) throw new MlcError('internal', 'no writable secret backend');
    return b;
  }

  async set(ref: SecretRef, value: string): Promise<SecretSource> {
    const b = this.writable();
    const reason = await b.unavailableReason();
    if (reason) throw new MlcError('secret_store_unavailable', `cannot store ${refKey(ref)} in the ${b.source}: ${reason}`);
    registerSecret(value);
    await b.set!(ref, value);
    return b.source;
  }

  /** Deletes from every writable backend; returns where it was found. */
  async delete(ref: SecretRef): Promise<SecretSource[]> {
    const removed: SecretSource[] = [];
    for (const b of this.backends) {
      if (!b.delete || (await b.unavailableReason())) continue;
      if (await b.delete(ref)) removed.push(b.source);
    }
    return removed;
  }

  /** Names (never values) of the expected secrets and any others stored, with their sources. */
  async list(expected: SecretRef[]): Promise<SecretListing[]> {
    const byKey = new Map<string, SecretListing>();
    for (const ref of expected) byKey.set(refKey(ref), { ref, sources: [] });
    for (const b of this.backends) {
      if (b.source !== 'env' && (await b.unavailableReason())) continue;
      const stored = b.list ? await b.list() : [];
      for (const ref of stored) if (!byKey.has(refKey(ref))) byKey.set(refKey(ref), { ref, sources: [] });
      for (const entry of byKey.values()) {
        if ((await b.get(entry.ref)) !== undefined) entry.sources.push(b.source);
      }
    }
    return [...byKey.values()];
  }

  /** Availability of each backend, for `mlc auth list` and `mlc ping`. */
  async backendStatus(): Promise<Array<{ source: SecretSource; available: boolean; reason?: string }>> {
    const out = [];
    for (const b of this.backends) {
      const reason = await b.unavailableReason();
      out.push(reason ? { source: b.source, available: false, reason } : { source: b.source, available: true });
    }
    return out;
  }
}
