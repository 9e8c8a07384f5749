// A fleet is a folder of ordinary mlc configurations, one per company: every *.yaml / *.yml
// directly in it except fleet.yaml (the fleet's own settings) and hidden files. The company's
// name is the file's base name in upper snake case; it names the company's secret namespace.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { FLEET_FILES } from '../../config/fleet.js';
import { MlcError } from '../../domain/errors.js';
import { companyName } from '../../secrets/company.js';

export interface Company {
  /** MLC_COMPANY of its runs: `globex-eu.yaml` → GLOBEX_EU. */
  name: string;
  file: string;
}

export function findCompanies(dir: string): Company[] {
  const root = resolve(dir);
  let entries: string[];
  try {
    if (!statSync(root).isDirectory()) throw new MlcError('usage', `${root} is not a folder; mlc fleet takes a folder of mlc configurations (one per company)`);
    entries = readdirSync(root);
  } catch (err) {
    if (err instanceof MlcError) throw err;
    throw new MlcError('config_not_found', `fleet folder not found: ${root}`);
  }
  const files = entries
    .filter((f) => !f.startsWith('.') && ['.yaml', '.yml'].includes(extname(f)) && !FLEET_FILES.includes(f))
    .sort()
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0) throw new MlcError('config_not_found', `no company configurations (*.yaml) in ${root}`, { hint: 'a fleet folder holds one ordinary mlc.yaml per company, named after it (acme.yaml, globex-eu.yaml)' });
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = companyName(file);
    const other = byName.get(name);
    if (!name) throw new MlcError('usage', `${file}: the file name gives no company name (use letters and digits)`);
    if (other) throw new MlcError('usage', `${other} and ${file} are both company ${name}: rename one (the name keeps their secrets apart)`);
    byName.set(name, file);
  }
  return [...byName].map(([name, file]) => ({ name, file }));
}

/** `--only acme globex-eu`: by file base name or company name, in any case. */
export function selectCompanies(all: readonly Company[], only: readonly string[] | undefined): Company[] {
  if (!only || only.length === 0) return [...all];
  const wanted = new Set(only.map((n) => companyName(n)));
  const unknown = [...wanted].filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0) throw new MlcError('usage', `--only: no company ${unknown.join(', ')} in the fleet; it has: ${all.map((c) => c.name).join(', ')}`);
  return all.filter((c) => wanted.has(c.name));
}
