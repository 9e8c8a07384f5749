// Per-company secret namespaces, for the fleet (`mlc fleet`: many client companies run from one
// host). The fleet runs each company's sync with MLC_COMPANY=<NAME> (the config file's base
// name in upper snake case); the secret store then reads MLC_<NAME>_<CONNECTION>_<SECRET>
// before the plain MLC_<CONNECTION>_<SECRET>, and uses a keychain service of its own, so two
// companies' credentials never share a name. Without MLC_COMPANY nothing changes.
import { basename, extname } from 'node:path';
import { MlcError } from '../domain/errors.js';

export const COMPANY_VAR = 'MLC_COMPANY';

const COMPANY = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/** `acme-corp`, `AcmeCorp`, `acme corp` → `ACME_CORP`; the env-variable spelling of any name. */
export function upperSnake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The company a fleet config belongs to: its file's base name (`globex-eu.yaml` → `GLOBEX_EU`). */
export function companyName(file: string): string {
  return upperSnake(basename(file, extname(file)));
}

/** The company this process runs for (MLC_COMPANY), or undefined outside a fleet. */
export function companyOf(env: NodeJS.ProcessEnv): string | undefined {
  const v = env[COMPANY_VAR];
  if (v === undefined || v === '') return undefined;
  if (!COMPANY.test(v)) throw new MlcError('usage', `${COMPANY_VAR} must be a company name in upper snake case such as ACME_CORP, got "${v}"`);
  return v;
}

/** The keychain service of a company: the config's service plus the company, never shared. */
export function companyKeychainService(service: string, company: string | undefined): string {
  return company === undefined ? service : `${service}:${company.toLowerCase()}`;
}

/** Every variable of a company's namespace starts with this. */
export function companyPrefix(company: string): string {
  return `MLC_${company}_`;
}

/**
 * Whose namespace a variable is in: the company with the longest matching prefix, so that
 * MLC_ACME_EU_… belongs to ACME_EU, not to ACME. Undefined for plain names.
 */
export function namespaceOwner(variable: string, companies: readonly string[]): string | undefined {
  let owner: string | undefined;
  for (const c of companies) if (variable.startsWith(companyPrefix(c)) && c.length > (owner?.length ?? -1)) owner = c;
  return owner;
}

/**
 * The environment of one company's child process: the fleet's own, minus every variable in
 * another company's namespace (so no lookup of this company, plain or prefixed, can ever land
 * on one), plus MLC_COMPANY.
 */
export function companyEnv(env: NodeJS.ProcessEnv, company: string, companies: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k === COMPANY_VAR) continue;
    const owner = namespaceOwner(k, companies);
    if (owner !== undefined && owner !== company) continue;
    out[k] = v;
  }
  out[COMPANY_VAR] = company;
  return out;
}
