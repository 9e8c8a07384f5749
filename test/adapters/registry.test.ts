// One line per adapter in the registry, one folder per adapter: the two must agree, and every
// adapter must declare the same things (Renovate's "validates" test, style-anchors habit 2).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adapterFor, adapterTypes } from '../../src/adapters/registry.js';
import { targetSpecs } from '../../src/adapters/specs.js';

const ADAPTERS = fileURLToPath(new URL('../../src/adapters/', import.meta.url));

describe('adapter registry', () => {
  it('lists exactly the adapter folders, each complete', () => {
    const folders = readdirSync(ADAPTERS).filter((f) => statSync(`${ADAPTERS}${f}`).isDirectory()).sort();
    expect(adapterTypes().sort()).toEqual(folders);
    expect(Object.keys(targetSpecs).sort()).toEqual(folders);
    for (const type of folders) {
      const files = readdirSync(`${ADAPTERS}${type}`);
      expect(files, type).toEqual(expect.arrayContaining(['index.ts', 'config.ts', 'client.ts', 'map.ts', 'errors.ts', 'README.md']));
      const a = adapterFor(type);
      expect(a.spec.type).toBe(type);
      expect(a.version).toMatch(/^\d+$/);
      expect(Object.values(a.spec.slots).some((s) => s.required) || Object.keys(a.spec.slots).length === 0).toBe(true);
      expect(a.spec.secrets.length).toBeGreaterThan(0);
    }
  });

  it('names the known adapters when asked for an unknown one', () => {
    expect(() => adapterFor('quickbooks')).toThrow('no adapter "quickbooks"; must be one of: netsuite');
  });
});
