// Environment backend: MLC_<CONNECTION>_<SECRET> in upper snake case (DESIGN.md §5), e.g.
// MLC_BAMBOOHR_API_KEY. It wins over every other backend so a headless host, a container or
// a one-off rehearsal can override a stored value without touching the keychain.
import type { SecretBackend, SecretRef } from './types.js';

export function envVarName(ref: SecretRef): string {
  const snake = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase();
  return `MLC_${snake(ref.connection)}_${snake(ref.name)}`;
}

export class EnvBackend implements SecretBackend {
  readonly source = 'env' as const;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async unavailableReason(): Promise<string | undefined> {
    return undefined;
  }

  async get(ref: SecretRef): Promise<string | undefined> {
    const v = this.env[envVarName(ref)];
    return v === undefined || v === '' ? undefined : v;
  }
}
