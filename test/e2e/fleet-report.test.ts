// `mlc fleet report <dir>`: each company's own report page and one index linking them, from the
// state databases alone; a company that cannot be read gets a row saying why, not a crash.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { useFleet } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);

describe('mlc fleet report', () => {
  it('writes a page per company and an index page linking them with their health', { timeout: 120_000 }, async () => {
    const f = fleet();
    await f.add('acme', { size: 12, seed: 1 });
    await f.add('globex', { size: 12, seed: 2 });
    expect((await f.run(['sync', f.dir])).code).toBe(0);
    writeFileSync(join(f.dir, 'broken.yaml'), 'timezone: Nowhere/Land\n');
    const res = await f.run(['report', f.dir]);
    expect(res.code, res.stderr).toBe(0);
    const index = join(f.dir, 'reports', 'index.html');
    expect(res.stdout).toContain(`index: ${index}`);
    const html = readFileSync(index, 'utf8');
    expect(html).toMatch(/<a href="acme\.html">ACME<\/a><\/th><td>✓ healthy<\/td>/);
    expect(html).toMatch(/<a href="globex\.html">GLOBEX<\/a><\/th><td>✓ healthy<\/td>/);
    expect(html).toMatch(/BROKEN <small>\(no page: .+\)<\/small><\/th><td>✗ cannot be read/);
    for (const c of ['acme', 'globex']) {
      const page = readFileSync(join(f.dir, 'reports', `${c}.html`), 'utf8');
      expect(page).toContain('<title>mlc report');
      expect(page).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    }
    expect(existsSync(join(f.dir, 'reports', 'broken.html'))).toBe(false);
  });
});
