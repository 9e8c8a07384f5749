// The report checked as a person would: the page made from a demo-like state (real syncs
// against the sandbox) opened in headless Chromium (Debian's chromium, driven by
// playwright-core). Its sections and figures equal `mlc status --json` and `mlc audit list
// --json`, the browser logs no error and makes no request but the file itself, dark and print
// layouts apply, and screenshots are kept as artifacts. MLC_UPDATE_SCREENSHOTS=1 also writes
// the README's docs/report-demo.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runMlc } from '../helpers/cli.js';
import { useSandboxes } from '../helpers/sandbox.js';
import { needOrSkip } from '../helpers/needs.js';
import { useTempDir } from '../helpers/tmp.js';
import { demoLikeState } from './report-state.js';

const CHROMIUM = process.env.MLC_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const missing = existsSync(CHROMIUM) ? [] : [`Chromium at ${CHROMIUM} (or set MLC_CHROMIUM)`];
const INSTALL = 'apt-get install -y --no-install-recommends chromium';
const ARTIFACTS = process.env.MLC_ARTIFACTS_DIR ?? join(tmpdir(), 'mlc-artifacts');
const DOCS_PNG = new URL('../../docs/report-demo.png', import.meta.url);

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 120, seed: 7 });

interface Status {
  lastGood: { id: string } | null;
  cursors: Array<{ value: string; sweptThrough: string | null }>;
  runs: Array<{ id: string; status: string; summary: { counts: Record<string, number>; requests: Record<string, number> } | null }>;
}
interface AuditRow { id: number; employeeId: string; status: string; reason: string }

async function openPage(file: string): Promise<{ ctx: BrowserContext; page: Page; problems: string[]; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mlc-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  // Every request is routed: the page itself may load, anything else is refused and noted.
  await ctx.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    problems.push(`request ${route.request().url()}`);
    return route.abort();
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console error: ${m.text()}`)));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  return { ctx, page, problems, close: async () => (await ctx.close(), rmSync(profile, { recursive: true, force: true })) };
}

type Row = { cells: ArrayLike<{ textContent: string | null }> };
const cells = (page: Page, selector: string) => page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => Array.from((r as unknown as Row).cells, (c) => (c.textContent ?? '').trim())));

describe('mlc report in a browser', () => {
  it('shows the sections and the figures of the state it was made from, offline, without errors', async (ctx) => {
    needOrSkip(ctx, 'browser test', missing, INSTALL);
    const t = await sandbox();
    const story = await demoLikeState(t, 3);
    const { out: status } = await t.json<Status>(['status']);
    const { out: open } = await t.json<AuditRow[]>(['audit', 'list', '--status', 'open']);
    // Made as an operator would, in the folder of mlc.yaml: replay commands need no --config.
    const file = join(t.dir, 'mlc-report.html');
    expect((await runMlc(['report'], { env: t.env, cwd: t.dir })).code).toBe(0);
    const b = await openPage(file);
    try {
      const { page } = b;
      expect(await page.title()).toBe(`mlc report: acme, ${story.today}`);
      expect(await page.locator('h2').allTextContents()).toEqual(['Health', 'Runs over time', 'Waiting for a person', 'What happens next', 'Mapping coverage', 'Requests and timings']);
      await expect.poll(() => page.locator('.card .badge').first().textContent()).toContain('Needs attention');

      const health = await page.locator('table.health').innerText();
      expect(health).toContain(status.lastGood!.id);
      expect(health).toContain(status.cursors[0]!.value);
      expect(health).toMatch(/Webhook inbox backlog\s+1 employee/);
      expect(health).toMatch(/Open records\s+1 parked, 1 failed/);

      // Runs: one row and one bar per run, the counts of each run's summary.
      const runs = await cells(page, 'table.runs');
      expect(runs.map((r) => r[0]!.slice(0, status.runs[0]!.id.length))).toEqual(status.runs.map((r) => r.id));
      const order = ['read', 'created', 'updated', 'deactivated', 'reactivated', 'unchanged', 'scheduled', 'parked', 'failed'];
      expect(runs.map((r) => r.slice(2).map(Number))).toEqual(status.runs.map((r) => order.map((k) => r.summary!.counts[k])));
      expect(await page.locator('svg.chart > g').count()).toBe(status.runs.length);
      const chart = page.getByRole('img', { name: 'Records per run and run duration' });
      await expect.poll(() => chart.count()).toBe(1);
      expect(await page.locator('#chart-desc').textContent()).toMatch(/^5 runs from .* \(0 failed runs\): \d+ created, .*1 parked, 1 failed in total\./);

      // Waiting for a person: every open record of mlc audit list, with its replay command.
      const waiting = await page.locator('#waiting').innerText();
      for (const r of open) {
        expect(waiting).toMatch(new RegExp(`npx mlc replay ${r.id}(\\s|$)`));
        expect(waiting).toContain(r.reason);
      }
      expect(waiting).toContain('Tomás Quinn');
      expect(waiting).not.toContain('--config');

      // What happens next: by date, who, and the ERP value.
      const next = await cells(page, '#next table');
      const dates = next.map((r) => r[0]!.slice(0, 10));
      expect(dates).toEqual([...dates].sort());
      expect(next.find((r) => r[1] === String(story.later.id))![4]).toMatch(/^department: \w+ → to Legal \(department \d+\)$/);
      expect(next.find((r) => r[1] === String(story.soon.id))![4]).toContain('✗ department: unmapped, will be parked');
      expect(next.find((r) => r[1] === String(story.raise.id))![3]).toBe('pay change (amount not shown)');

      // Mapping coverage: the unmapped department first.
      const dept = await cells(page, '#mapping .lookups > div:has(h4:text-is("department")) table');
      expect(dept[0]).toEqual(['Quantum Research', '1', '1', 'none', '✗ unmapped']);

      // Requests per system per run, as the summaries say.
      const req = await cells(page, 'table.requests');
      expect(req.map((r) => [Number(r[4]), Number(r[5])])).toEqual(status.runs.map((r) => [r.summary!.requests.bamboohr, r.summary!.requests.netsuite]));

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
      // The README's picture: the page down to the end of "What happens next".
      const end = await page.locator('#next').boundingBox();
      if (process.env.MLC_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: DOCS_PNG.pathname, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.ceil(end!.y + end!.height + 24) } });

      // Dark scheme and print: other colours, no navigation on paper.
      const bg = () => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
      const light = await bg();
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await bg()).not.toBe(light);
      await page.screenshot({ path: join(ARTIFACTS, 'report-dark.png'), fullPage: true });
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      expect(await page.locator('nav').isVisible()).toBe(false);
      expect(await bg()).toBe('rgb(255, 255, 255)');
      expect(b.problems).toEqual([]);
      expect(readFileSync(join(ARTIFACTS, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await b.close();
    }
  }, 120_000);
});
