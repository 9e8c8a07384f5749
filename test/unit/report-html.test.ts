// The report page (pure renderer): self-contained, escaped, accessible, names only when
// allowed, a chart whose text alternative carries the numbers.
import { describe, expect, it } from 'vitest';
import type { FlowReport, ReportModel, RunPoint } from '../../src/app/report/model.js';
import { axisFor, chartSummary } from '../../src/report/html/chart.js';
import { renderReportHtml } from '../../src/report/html/index.js';
import { timeFormatter } from '../../src/report/html/html.js';
import { emptyCounts } from '../../src/app/sync/summary.js';

const EVIL = '<script>alert(1)</script>';

function run(i: number, over: Partial<RunPoint> = {}): RunPoint {
  const startedAt = new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
  return {
    id: `run-${i}`, status: 'ok', startedAt, finishedAt: startedAt, command: 'sync', asOf: startedAt.slice(0, 10), flows: ['employees'],
    counts: { ...emptyCounts(10), created: i === 0 ? 5000 : 1, updated: 2, parked: i % 7 === 0 ? 1 : 0 }, requests: { bamboohr: 5, netsuite: 3 }, durationMs: 1200 + i,
    writes: { count: 3, totalMs: 90, maxMs: 60 }, errorCode: null, errorMessage: null, ...over,
  };
}

function flow(name: string, over: Partial<FlowReport> = {}): FlowReport {
  return {
    name, target: { name: 'netsuite', type: 'netsuite', system: 'Oracle NetSuite' },
    health: { verdict: 'stale', lastGood: { id: 'run-3', status: 'ok', startedAt: '2026-11-01T03:00:00Z', finishedAt: '2026-11-01T03:00:05Z', ageMs: 3 * 86_400_000 }, stale: true, lastRun: null, cursor: null, inboxBacklog: 4, linked: 118, owed: 0 },
    waiting: [{ status: 'parked', errorCode: 'unmapped', reason: `department: no lookup for "${EVIL}"`, oldest: '2026-11-02T10:00:00Z', records: [{ auditId: 41, runId: 'run-2', family: 'employee', sourceKey: '252', name: `Tomás ${EVIL}`, kind: 'create', since: '2026-11-02T10:00:00Z', attempts: 3, replay: 'npx mlc replay 41' }] }],
    open: { parked: 1, failed: 0 },
    upcoming: [{ date: '2026-12-01', employeeId: '156', name: 'Priya Green', kinds: ['transfer'], changes: [{ field: 'department', from: 'Engineering', to: 'Legal', erp: { slot: 'department', value: '110', how: 'mapped' } }] }],
    coverage: [{ slot: 'department', from: 'department', source: 'departments.csv', unmapped: 1, values: [{ value: 'Quantum Research', headcount: 1, incoming: 0, erp: null, how: 'unmapped' }, { value: 'Sales', headcount: 18, incoming: 0, erp: '104', how: 'mapped' }] }],
    fixed: [{ slot: 'subsidiary', value: '1' }],
    ...over,
  };
}

function model(over: Partial<ReportModel> = {}): ReportModel {
  return {
    reportVersion: 1, mlcVersion: '0.1.0', generatedAt: '2026-11-04T16:00:00Z', businessDate: '2026-11-04', timezone: 'America/Denver', company: 'acme', state: '/srv/mlc/mlc.db',
    stateExists: true, names: true, window: { since: '2026-10-05T16:00:00Z', sinceText: '30d' }, maxAge: { ms: 26 * 3_600_000, text: '26h' },
    lastGood: null, lastGoodAgeMs: null, flows: [flow('employees')], runs: [run(0), run(1), run(2, { status: 'failed', counts: null, errorCode: 'erp_unreachable' }), run(3)], systems: ['bamboohr', 'netsuite'],
    ...over,
  };
}

describe('report page', () => {
  it('is self-contained: no script, no fetched font, image or style, and a CSP that forbids fetching', () => {
    const html = renderReportHtml(model());
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|https?:\/\/|src=/i);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]).every((u) => u!.startsWith('#p-'))).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(html).toMatch(/@media print/);
  });

  it('escapes everything from the state: names, reasons', () => {
    const html = renderReportHtml(model());
    expect(html).not.toContain(EVIL);
    expect(html).toContain('Tomás &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('no lookup for &quot;&lt;script&gt;');
  });

  it('has one h1, the six sections as h2 in order, captioned tables with header scopes', () => {
    const html = renderReportHtml(model());
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect([...html.matchAll(/<h2 id="h-[a-z]+">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['Health', 'Runs over time', 'Waiting for a person', 'What happens next', 'Mapping coverage', 'Requests and timings']);
    const tables = html.match(/<table[\s\S]*?<\/table>/g)!;
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const t of tables) {
      expect(t).toMatch(/^<table[^>]*><caption>/);
      expect((t.match(/<th[ >][^>]*>/g) ?? []).filter((th) => !th.includes(' scope='))).toEqual([]);
    }
  });

  it('states health in words and symbols, not colour alone', () => {
    const html = renderReportHtml(model());
    expect(html).toContain('<span class="badge bad"><span aria-hidden="true">✗</span> Stale</span>');
    expect(html).toContain('<span class="badge bad"><span aria-hidden="true">✗</span> unmapped</span>');
    expect(html).toContain('<code>npx mlc replay 41</code>');
  });

  it('gives the chart a text alternative with the totals, and patterns for parked and failed', () => {
    const m = model();
    const html = renderReportHtml(m);
    expect(html).toMatch(/<svg class="chart"[^>]* role="img" aria-labelledby="chart-title chart-desc">/);
    const summary = chartSummary(m.runs, timeFormatter(m.timezone));
    expect(summary).toMatch(/^4 runs from 2026-10-31 18:00 to 2026-10-31 21:00 /);
    expect(summary).toContain('(1 failed run): 5,002 created, 6 updated, 0 deactivated, 1 parked, 0 failed in total');
    expect(html).toContain(`<desc id="chart-desc">${summary}</desc>`);
    expect(html).toMatch(/<pattern id="p-parked"/);
    expect(html).toMatch(/<pattern id="p-failed"/);
    // The initial load is cut and labelled, so the daily runs stay readable.
    expect(html).toContain('>5,003</text>');
  });

  it('shows ids only, no name column, when report.names is false', () => {
    const f = flow('employees');
    const nameless = flow('employees', { waiting: f.waiting.map((g) => ({ ...g, records: g.records.map((r) => ({ ...r, name: null })) })), upcoming: f.upcoming.map((u) => ({ ...u, name: null })) });
    const html = renderReportHtml(model({ names: false, flows: [nameless] }));
    expect(html).not.toContain('<th scope="col">Name</th>');
    expect(html).not.toContain('Priya');
    expect(html).toContain('names hidden, BambooHR ids only (report.names: false)');
  });

  it('says so when there is nothing: no runs, nothing waiting, nothing scheduled', () => {
    const empty = flow('employees', { waiting: [], open: { parked: 0, failed: 0 }, upcoming: [], coverage: [] });
    const html = renderReportHtml(model({ runs: [], systems: [], flows: [empty], stateExists: false }));
    expect(html).toContain('No runs since');
    expect(html).toContain('Nothing is waiting for a person.');
    expect(html).toContain('No effective-dated change is stored');
    expect(html).toContain('mlc sync has never run with this configuration');
  });

  it('a large history stays a few MB: 1,000 runs, 2 flows, 2,000 waiting, 500 scheduled', () => {
    const f = flow('employees');
    const many = flow('employees', {
      waiting: [{ ...f.waiting[0]!, records: Array.from({ length: 2000 }, (_, i) => ({ ...f.waiting[0]!.records[0]!, auditId: i })) }],
      upcoming: Array.from({ length: 500 }, () => f.upcoming[0]!),
    });
    const html = renderReportHtml(model({ runs: Array.from({ length: 1000 }, (_, i) => run(i)), flows: [many, flow('contractors')] }));
    expect(Buffer.byteLength(html)).toBeLessThan(4 * 1024 * 1024);
    // Long lists are cut on the page (the JSON has them all), and say where the rest is.
    expect(html).toContain('1,800 more not shown here');
  });
});

describe('chart axis', () => {
  it('cuts a run that dwarfs the rest, and keeps gridlines on whole numbers for counts', () => {
    expect(axisFor([5000, 3, 2, 4], { whole: true, steps: [5, 4, 3, 2] })).toEqual({ max: 6, steps: 3 });
    expect(axisFor([10, 7, 9], { whole: true, steps: [5, 4, 3, 2] })).toEqual({ max: 10, steps: 5 });
    expect(axisFor([], { whole: true, steps: [5, 4, 3, 2] })).toEqual({ max: 2, steps: 2 });
    expect(axisFor([0.69, 0.2], { whole: false, steps: [2] })).toEqual({ max: 1, steps: 2 });
  });
});
