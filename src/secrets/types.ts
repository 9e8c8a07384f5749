// The secrets port. Backends answer for one place a secret can live; SecretStore asks them
// in precedence order and reports which one answered (`mlc ping` and `mlc auth list` show it).

export type SecretSource = 'env' | 'file' | 'keychain';

/** A secret belongs to a connection (`bamboohr`, `netsuite`, …) and has a snake_case name. */
export interface SecretRef {
  connection: string;
  name: string;
}

export interface SecretBackend {
  readonly source: SecretSource;
  /** Why this backend cannot be used on this host, or undefined when it can. */
  unavailableReason(): Promise<string | undefined>;
  get(ref: SecretRef): Promise<string | undefined>;
  set?(ref: SecretRef, value: string): Promise<void>;
  delete?(ref: SecretRef): Promise<boolean>;
  /** Names stored in this backend (never values). */
  list?(): Promise<SecretRef[]>;
}

export function refKey(ref: SecretRef): string {
  return `${ref.connection}.${ref.name}`;
}

export function parseRefKey(key: string): SecretRef | undefined {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1) return undefined;
  return { connection: key.slice(0, dot), name: key.slice(dot + 1) };
}
