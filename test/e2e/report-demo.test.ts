// `mlc demo` ends by writing the report of its story and printing where: the page outlives the
// demo's temporary folder (it is in the system's temp folder, not the current one).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runMlc } from '../helpers/cli.js';

describe('mlc demo and the report', () => {
  it('prints the path of the report it wrote, before the closing line', async () => {
    const res = await runMlc(['demo', '--size', '60'], { timeoutMs: 120_000 });
    expect([res.code, res.stderr]).toEqual([0, '']);
    const m = /^9\. mlc report: (\S+\.html) \(open it in a browser: .*\)\nDone: /m.exec(res.stdout);
    expect(m, res.stdout).not.toBeNull();
    const file = m![1]!;
    try {
      expect(file.startsWith(tmpdir())).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('<h2 id="h-waiting">Waiting for a person</h2>');
      // The story's runs: the first sync, the incremental one, two replays, the last sync.
      expect(html).toMatch(/<desc id="chart-desc">5 runs from /);
      expect(html).toContain('Nothing is waiting for a person.');
      expect(html).toMatch(/department: \w[\w ]* <span class="arrow" aria-hidden="true">→<\/span> <span class="sr-only">to<\/span> <b>Legal<\/b>/);
    } finally {
      rmSync(file, { force: true });
    }
    expect(existsSync(file)).toBe(false);
  }, 120_000);
});
