// Checks the fleet makes before starting anyone, so per-company guarantees hold across the
// folder: each company has its own state database (its own lock, cursor and audit), its own
// secrets file, and no secret it reads from the environment can fall in another company's
// namespace (MLC_<OTHER>_…). A company that fails a check is not run (exit 2 for it); a config
// that does not load is left to its own run, which reports it with line numbers.
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/types.js';
import { companyPrefix, namespaceOwner } from '../../secrets/company.js';
import { envVarNames } from '../../secrets/env.js';
import { expectedSecrets } from '../secrets.js';
import type { Company } from './companies.js';

/** Variables every run reads that are not secrets: no company name may swallow them. */
const SHARED_VARS = ['MLC_CONFIG', 'MLC_NOW', 'MLC_LOG_LEVEL'];

function tryLoad(file: string): Config | undefined {
  try {
    return loadConfig(file).config;
  } catch {
    return undefined;
  }
}

/** Problems by company name, for the companies in `selected` (`all` is the whole folder). */
export function preflight(all: readonly Company[], selected: readonly Company[]): Map<string, string> {
  const configs = new Map(all.map((c) => [c.name, tryLoad(c.file)]));
  const problems = new Map<string, string>();
  for (const c of selected) {
    const mine = configs.get(c.name);
    const found = [...sharedFiles(c, mine, all, configs), ...swallowedShared(c, all), ...(mine ? foreignNames(c, mine, all) : [])];
    if (found.length > 0) problems.set(c.name, found.join('; '));
  }
  return problems;
}

function sharedFiles(c: Company, mine: Config | undefined, all: readonly Company[], configs: Map<string, Config | undefined>): string[] {
  if (!mine) return [];
  const out: string[] = [];
  for (const o of all) {
    const theirs = configs.get(o.name);
    if (o.name === c.name || !theirs) continue;
    if (theirs.state.path === mine.state.path) out.push(`shares its state database ${mine.state.path} with company ${o.name}; each company needs its own (state.path)`);
    if (mine.secrets.file && theirs.secrets.file === mine.secrets.file) out.push(`shares its secrets file ${mine.secrets.file} with company ${o.name}; each company needs its own (secrets.file)`);
  }
  return out;
}

function foreignNames(c: Company, config: Config, all: readonly Company[]): string[] {
  const out: string[] = [];
  const names = all.map((o) => o.name);
  for (const ref of expectedSecrets(config)) {
    for (const name of envVarNames(ref, c.name)) {
      const owner = namespaceOwner(name, names);
      if (owner !== undefined && owner !== c.name) out.push(`it reads ${ref.connection}.${ref.name} from ${name}, which is in company ${owner}'s namespace (${companyPrefix(owner)}…); rename the connection or one of the files`);
    }
  }
  return out;
}

function swallowedShared(c: Company, all: readonly Company[]): string[] {
  if (all.length < 2) return [];
  const hidden = SHARED_VARS.filter((v) => namespaceOwner(v, all.map((o) => o.name)) === c.name);
  return hidden.length ? [`the company name ${c.name} would hide ${hidden.join(', ')} from the other companies; rename the file`] : [];
}
