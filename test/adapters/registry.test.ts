// One line per adapter in the registry, one folder per adapter: the two must agree, and every
// adapter must declare the same things (Renovate's "validates" test, style-anchors habit 2).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adapterTypes, loadAdapter, targetSpecs } from '../../src/adapters/registry.js';
import { simErps } from '../../src/sim/registry.js';

const ADAPTERS = fileURLToPath(new URL('../../src/adapters/', import.meta.url));

describe('adapter registry', () => {
  it('lists exactly the adapter folders, each complete, each with a simulator in every suite', async () => {
    const folders = readdirSync(ADAPTERS).filter((f) => statSync(`${ADAPTERS}${f}`).isDirectory()).sort();
    expect(adapterTypes().sort()).toEqual(folders);
    expect(Object.keys(targetSpecs).sort()).toEqual(folders);
    for (const type of folders) {
      const files = readdirSync(`${ADAPTERS}${type}`);
      expect(files, type).toEqual(expect.arrayContaining(['index.ts', 'config.ts', 'client.ts', 'map.ts', 'errors.ts', 'README.md']));
      const a = await loadAdapter(type);
      expect(a.spec.type).toBe(type);
      expect(a.version).toMatch(/^\d+$/);
      expect(Object.values(a.spec.slots).some((s) => s.required) || Object.keys(a.spec.slots).length === 0).toBe(true);
      expect(a.spec.secrets.length).toBeGreaterThan(0);
      expect(Boolean(a.mapEmployee) || Boolean(a.planReferences), `${type} writes nothing`).toBe(true);
    }
    // Every adapter's simulator is registered, so it runs in the story, fault, crash, bad-input and canary suites.
    expect(simErps().map((e) => e.name).sort()).toEqual(folders.map((f) => (f === 'dynamics-gp' ? 'gp' : f)).sort());
  });

  it('names the known adapters when asked for an unknown one', async () => {
    await expect(loadAdapter('quickbooks')).rejects.toThrow(/^no adapter "quickbooks"; must be one of: netsuite/);
  });
});
