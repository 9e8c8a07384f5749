// The fleet folder: which files are companies, --only, the checks made before anyone runs,
// fleet.yaml, the fleet's memory file and the digest's text.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/app/fleet/checks.js';
import { findCompanies, selectCompanies } from '../../src/app/fleet/companies.js';
import { digestText } from '../../src/app/fleet/digest.js';
import { MEMORY_FILE, readMemory, writeMemory } from '../../src/app/fleet/memory.js';
import { loadFleetSettings } from '../../src/config/fleet.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();

function config(dir: string, file: string, extra = 'state:\n  path: ./' + file.replace(/\.ya?ml$/, '') + '.db\n'): void {
  writeFileSync(join(dir, file), `timezone: UTC\n${extra}bamboohr:\n  companyDomain: acme\n  baseUrl: http://127.0.0.1:9\n`);
}

describe('the fleet folder', () => {
  it('takes every *.yaml and *.yml as a company, but not fleet.yaml, hidden files or folders', () => {
    const dir = tmp();
    for (const f of ['globex-eu.yaml', 'acme.yml', 'fleet.yaml', '.hidden.yaml', 'notes.txt']) writeFileSync(join(dir, f), 'x: 1\n');
    mkdirSync(join(dir, 'sub.yaml'));
    expect(findCompanies(dir)).toEqual([{ name: 'ACME', file: join(dir, 'acme.yml') }, { name: 'GLOBEX_EU', file: join(dir, 'globex-eu.yaml') }]);
    writeFileSync(join(dir, 'globex_eu.yml'), 'x: 1\n');
    expect(() => findCompanies(dir)).toThrow(`${join(dir, 'globex-eu.yaml')} and ${join(dir, 'globex_eu.yml')} are both company GLOBEX_EU: rename one (the name keeps their secrets apart)`);
    expect(() => findCompanies(join(dir, 'nope'))).toThrow(expect.objectContaining({ code: 'config_not_found' }));
    expect(() => findCompanies(join(dir, 'notes.txt'))).toThrow(expect.objectContaining({ code: 'usage' }));
    expect(() => findCompanies(join(dir, 'sub.yaml'))).toThrow('no company configurations (*.yaml) in');
  });

  it('--only picks companies by file name or company name, and names the ones it has', () => {
    const all = [{ name: 'ACME', file: '/f/acme.yaml' }, { name: 'GLOBEX_EU', file: '/f/globex-eu.yaml' }, { name: 'HOOLI', file: '/f/hooli.yaml' }];
    expect(selectCompanies(all, ['globex-eu', 'acme']).map((c) => c.name)).toEqual(['ACME', 'GLOBEX_EU']);
    expect(selectCompanies(all, ['HOOLI']).map((c) => c.name)).toEqual(['HOOLI']);
    expect(selectCompanies(all, undefined)).toHaveLength(3);
    expect(() => selectCompanies(all, ['initech'])).toThrow('--only: no company INITECH in the fleet; it has: ACME, GLOBEX_EU, HOOLI');
  });

  it('refuses companies that share a state database or secrets file, or whose names swallow others', () => {
    const dir = tmp();
    config(dir, 'acme.yaml', 'state:\n  path: ./shared.db\nsecrets:\n  file: ./s.json\n');
    config(dir, 'acme-eu.yaml', 'state:\n  path: ./shared.db\n');
    config(dir, 'globex.yaml', 'state:\n  path: ./g.db\nsecrets:\n  file: ./s.json\n');
    config(dir, 'hooli.yaml');
    config(dir, 'log.yaml');
    writeFileSync(join(dir, 'broken.yaml'), 'timezone: [\n');
    const all = findCompanies(dir);
    const problems = preflight(all, all);
    expect(problems.get('ACME')).toBe(`shares its state database ${join(dir, 'shared.db')} with company ACME_EU; each company needs its own (state.path); shares its secrets file ${join(dir, 's.json')} with company GLOBEX; each company needs its own (secrets.file)`);
    expect(problems.get('ACME_EU')).toBe(`shares its state database ${join(dir, 'shared.db')} with company ACME; each company needs its own (state.path)`);
    expect(problems.get('GLOBEX')).toContain('shares its secrets file');
    expect(problems.get('LOG')).toBe('the company name LOG would hide MLC_LOG_LEVEL from the other companies; rename the file');
    // ACME and ACME_EU read MLC_ACME_… and MLC_ACME_EU_…: each its own, no false alarm.
    expect(problems.has('HOOLI')).toBe(false);
    expect(problems.has('BROKEN')).toBe(false); // its own run reports it, with line numbers
    expect([...preflight(all, all.filter((c) => c.name === 'HOOLI')).keys()]).toEqual([]);
  });

  it("refuses a company whose plain secret names are another company's", () => {
    const dir = tmp();
    config(dir, 'acme.yaml');
    config(dir, 'bamboohr.yaml');
    const problems = preflight(findCompanies(dir), findCompanies(dir));
    expect(problems.get('ACME')).toBe("it reads bamboohr.api_key from MLC_BAMBOOHR_API_KEY, which is in company BAMBOOHR's namespace (MLC_BAMBOOHR_…); rename the connection or one of the files");
    expect(problems.has('BAMBOOHR')).toBe(false);
  });
});

describe('fleet.yaml and the fleet memory', () => {
  it('has defaults, takes its settings, and reports mistakes with line numbers', () => {
    const dir = tmp();
    expect(loadFleetSettings(dir)).toEqual({ file: undefined, concurrency: 4, maxAgeMs: 26 * 3_600_000, digest: undefined });
    writeFileSync(join(dir, 'fleet.yaml'), 'concurrency: 8\nmaxAge: 2d\ndigest:\n  kind: teams\n');
    expect(loadFleetSettings(dir)).toEqual({ file: join(dir, 'fleet.yaml'), concurrency: 8, maxAgeMs: 2 * 86_400_000, digest: { kind: 'teams' } });
    writeFileSync(join(dir, 'fleet.yaml'), 'concurrency: 0\nmaxage: 2d\n');
    expect(() => loadFleetSettings(dir)).toThrow(expect.objectContaining({
      code: 'config_invalid',
      problems: [
        expect.objectContaining({ line: 1, path: 'concurrency', message: expect.stringContaining('>=1') }),
        expect.objectContaining({ line: 2, path: 'maxage', message: 'unknown key' }),
      ],
    }));
  });

  it('remembers what the digest reported in an owner-only file, and shrugs off a damaged one', () => {
    const dir = tmp();
    expect(readMemory(dir)).toEqual({ version: 1, reported: {}, reportedAt: null });
    writeMemory(dir, { version: 1, reported: { ACME: 'failed:auth' }, reportedAt: '2026-01-01T00:00:00.000Z' });
    expect(statSync(join(dir, MEMORY_FILE)).mode & 0o777).toBe(0o600);
    expect(readMemory(dir).reported).toEqual({ ACME: 'failed:auth' });
    writeFileSync(join(dir, MEMORY_FILE), '{"version": 2}');
    expect(readMemory(dir).reported).toEqual({});
    writeFileSync(join(dir, MEMORY_FILE), 'not json');
    expect(readMemory(dir).reported).toEqual({});
    expect(readFileSync(join(dir, MEMORY_FILE), 'utf8')).toBe('not json'); // reading never rewrites
  });

  it('writes one digest: the problems (new ones marked) and who was resolved', () => {
    const text = digestText('/srv/fleet', [{ company: 'GLOBEX', fingerprint: 'failed:auth', text: 'auth (exit 4): secret missing', isNew: true }, { company: 'HOOLI', fingerprint: 'stale', text: 'stale: no good run yet', isNew: false }], ['ACME']);
    expect(text).toMatch(/^mlc fleet on .+ \(\/srv\/fleet\): 2 companies need attention\n• GLOBEX: auth \(exit 4\): secret missing \[new\]\n• HOOLI: stale: no good run yet\nResolved: ACME$/);
    expect(digestText('/srv/fleet', [], ['ACME', 'HOOLI'])).toMatch(/\): every company is fine again\nResolved: ACME, HOOLI$/);
  });
});
