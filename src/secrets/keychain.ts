// OS keychain backend through keytar (GitHub's maintained build, same API and item format as
// atom/node-keytar). On Linux it talks to the Secret Service over the D-Bus *session* bus; cron
// jobs, SSH sessions and containers usually have none, and keytar then fails with "Cannot
// autolaunch D-Bus without X11 $DISPLAY" (reference/dependencies.md §2). We check first and say
// so in plain words, so nothing ever looks stored that the next cron run cannot read.
import { MlcError } from '../domain/errors.js';
import { parseRefKey, refKey, type SecretBackend, type SecretRef } from './types.js';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const TIMEOUT_MS = 3000; // a locked or hung keyring must not hang a cron run (cli/cli keyring.go does the same)

export const NO_DBUS_REASON =
  'no D-Bus session bus on this host (DBUS_SESSION_BUS_ADDRESS is unset), so the Secret Service keychain cannot be reached; ' +
  'cron jobs and SSH sessions usually have none. Use environment variables (MLC_<CONNECTION>_<SECRET>) or `secrets.file` in the config instead';

export class KeychainBackend implements SecretBackend {
  readonly source = 'keychain' as const;
  private keytar: Keytar | undefined;
  private loadError: string | undefined;

  constructor(
    readonly service: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async unavailableReason(): Promise<string | undefined> {
    if (process.platform === 'linux' && !this.env.DBUS_SESSION_BUS_ADDRESS) return NO_DBUS_REASON;
    await this.load();
    return this.loadError;
  }

  async get(ref: SecretRef): Promise<string | undefined> {
    const kt = await this.ready();
    const v = await withTimeout(kt.getPassword(this.service, refKey(ref)), 'read');
    return v ?? undefined;
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    const kt = await this.ready();
    await withTimeout(kt.setPassword(this.service, refKey(ref), value), 'write');
    // Read back: a keyring that accepted the write but cannot return it is worse than an error.
    const back = await withTimeout(kt.getPassword(this.service, refKey(ref)), 'read');
    if (back !== value) {
      throw new MlcError('secret_store_unavailable', `the keychain accepted ${refKey(ref)} but did not return it when read back`);
    }
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const kt = await this.ready();
    return withTimeout(kt.deletePassword(this.service, refKey(ref)), 'delete');
  }

  async list(): Promise<SecretRef[]> {
    const kt = await this.ready();
    const items = await withTimeout(kt.findCredentials(this.service), 'list');
    return items.map((i) => parseRefKey(i.account)).filter((r): r is SecretRef => r !== undefined);
  }

  private async ready(): Promise<Keytar> {
    const reason = await this.unavailableReason();
    if (reason || !this.keytar) {
      throw new MlcError('secret_store_unavailable', `keychain unavailable: ${reason ?? 'keytar did not load'}`);
    }
    return this.keytar;
  }

  private async load(): Promise<void> {
    if (this.keytar || this.loadError) return;
    try {
      const mod = (await import('@github/keytar')) as unknown as { default?: Keytar } & Keytar;
      this.keytar = mod.default ?? mod;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      // keytar's prebuilt addon links libsecret; without it the load fails as "Failed to load
      // keytar native addon" (the dlopen error is not in the message).
      this.loadError = /libsecret/.test(msg) || (process.platform === 'linux' && /native addon/.test(msg))
        ? 'the keychain library needs libsecret (Debian/Ubuntu: apt install libsecret-1-0 gnome-keyring)'
        : `the keychain module did not load: ${msg}`;
    }
  }
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new MlcError('secret_store_unavailable', `keychain ${what} timed out after ${TIMEOUT_MS / 1000} s (is the keyring locked?)`)),
      TIMEOUT_MS,
    );
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        const msg = err instanceof Error ? err.message : String(err);
        reject(new MlcError('secret_store_unavailable', `keychain ${what} failed: ${msg}`, { cause: err }));
      },
    );
  });
}
