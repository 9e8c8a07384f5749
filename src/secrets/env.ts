// Environment backend: MLC_<CONNECTION>_<SECRET> in upper snake case (DESIGN.md §5), e.g.
// MLC_BAMBOOHR_API_KEY. It wins over every other backend so a headless host, a container or
// a one-off rehearsal can override a stored value without touching the keychain. A company of
// a fleet (MLC_COMPANY, company.ts) reads MLC_<COMPANY>_<CONNECTION>_<SECRET> first.
import { companyOf, companyPrefix, upperSnake } from './company.js';
import type { SecretBackend, SecretRef } from './types.js';

/** The names a secret is looked up under, most specific first. */
export function envVarNames(ref: SecretRef, company: string | undefined, plain = true): string[] {
  const tail = `${upperSnake(ref.connection)}_${upperSnake(ref.name)}`;
  const own = company === undefined ? [] : [`${companyPrefix(company)}${tail}`];
  return plain || company === undefined ? [...own, `MLC_${tail}`] : own;
}

/** The name to tell people about: the company's own when this process runs for one. */
export function envVarName(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
  return envVarNames(ref, companyOf(env))[0]!;
}

export class EnvBackend implements SecretBackend {
  readonly source = 'env' as const;
  private readonly company: string | undefined;

  /** `plain: false` reads the company's names only (the fleet's own digest secret). */
  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly opts: { company?: string | undefined; plain?: boolean } = {},
  ) {
    this.company = 'company' in opts ? opts.company : companyOf(env);
  }

  async unavailableReason(): Promise<string | undefined> {
    return undefined;
  }

  async get(ref: SecretRef): Promise<string | undefined> {
    for (const name of envVarNames(ref, this.company, this.opts.plain ?? true)) {
      const v = this.env[name];
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  }
}
