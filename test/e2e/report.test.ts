// `mlc report` through the built CLI against a state made by real syncs: the figures equal
// `mlc status --json` and `mlc audit list --json`, nothing is asked of any system (proved
// with the simulators stopped and every socket refused), no pay, personal e-mail or birth
// date, names only where report.names allows, usage errors, --open.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/app/report/model.js';
import { useSandboxes } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';
import { demoLikeState, sensitiveValues, standsIn } from './report-state.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 60, seed: 7 });

interface Status {
  lastGood: { id: string; finishedAt: string } | null;
  cursors: Array<{ flow: string; value: string; sweptThrough: string | null }>;
  runs: Array<{ id: string; status: string; summary: { counts: Record<string, number>; requests: Record<string, number>; durationMs: number } | null }>;
  open: Array<{ flow: string; status: string; count: number }>;
}
interface AuditRow { id: number; runId: string; flow: string; employeeId: string; status: string; reason: string; errorCode: string | null; createdAt: string }

/** A preload that refuses every socket and DNS lookup, and writes down who tried. */
function netBlocker(dir: string): { env: Record<string, string>; log: string } {
  const log = join(dir, 'net-attempts.log');
  const file = join(dir, 'no-network.cjs');
  writeFileSync(file, `
const fs = require('node:fs'); const net = require('node:net'); const dns = require('node:dns');
const note = (what) => { fs.appendFileSync(${JSON.stringify(log)}, what + '\\n'); };
net.Socket.prototype.connect = function (...a) { note('connect ' + JSON.stringify(a[0])); throw new Error('network refused by the test'); };
dns.lookup = function (host) { note('lookup ' + host); throw new Error('network refused by the test'); };
`);
  return { env: { NODE_OPTIONS: `--require ${file}` }, log };
}

// Several CLI runs and syncs per test: generous timeouts for a busy machine (no upper bound is asserted).
describe('mlc report', { timeout: 120_000 }, () => {
  it('equals mlc status and mlc audit list, from the state alone, with no network at all', async () => {
    const t = await sandbox();
    const story = await demoLikeState(t);
    const { out: status } = await t.json<Status>(['status']);
    const { out: open } = await t.json<AuditRow[]>(['audit', 'list', '--status', 'open']);
    const csv = readFileSync(join(t.dir, 'departments.csv'), 'utf8');
    const block = netBlocker(t.dir);
    const { res, out: m } = await t.json<ReportModel>(['report'], block.env);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const html = await t.run(['report', '--out', join(t.dir, 'r.html')], block.env);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^mlc report: wrote .*r\.html \(\d+ KB\): 1 flow\(s\), 2 run\(s\) since 30d, 2 waiting, \d+ scheduled\n$/);
    expect(existsSync(block.log)).toBe(false);
    // The blocker does catch a command that talks to a system.
    await t.run(['ping'], block.env);
    expect(readFileSync(block.log, 'utf8')).toMatch(/^connect /);

    // Health and runs, as mlc status says.
    expect(m.lastGood?.id).toBe(status.lastGood?.id);
    const f = m.flows[0]!;
    expect(m.flows.map((x) => x.name)).toEqual(['employees']);
    expect(f.health.lastGood?.id).toBe(status.lastGood?.id);
    expect(f.health.cursor).toMatchObject({ value: status.cursors[0]!.value, sweptThrough: status.cursors[0]!.sweptThrough });
    expect(f.health).toMatchObject({ verdict: 'attention', stale: false, inboxBacklog: 1, lastRun: { id: status.runs[0]!.id, status: 'partial' } });
    expect([...m.runs].reverse().map((r) => [r.id, r.status, r.counts, r.requests, r.durationMs])).toEqual(
      status.runs.map((r) => [r.id, r.status, r.summary?.counts, r.summary?.requests, r.summary?.durationMs]),
    );
    expect(m.systems).toEqual(['bamboohr', 'netsuite']);
    expect(m.runs[1]!.writes.count).toBeGreaterThan(0);

    // What waits for a person, as mlc audit list says, each with its replay command.
    expect(status.open.map((o) => [o.status, o.count]).sort()).toEqual([['failed', 1], ['parked', 1]]);
    expect(f.open).toEqual({ parked: 1, failed: 1 });
    const records = f.waiting.flatMap((g) => g.records.map((r) => ({ id: r.auditId, employeeId: r.sourceKey, status: g.status, reason: g.reason, replay: r.replay })));
    expect(records.sort((a, b) => a.id - b.id)).toEqual(
      open.map((r) => ({ id: r.id, employeeId: r.employeeId, status: r.status, reason: r.reason, replay: `npx mlc replay ${r.id} --config ${t.config}` })).sort((a, b) => a.id - b.id),
    );
    expect(f.waiting.find((g) => g.status === 'parked')!.records[0]).toMatchObject({ sourceKey: String(story.unmapped), name: 'Tomás Quinn' });

    // What happens next, from the stored dated rows and the lookups.
    const legal = /^"?Legal"?,(\S+)$/m.exec(csv)![1];
    const next = f.upcoming.map((u) => [u.date, u.employeeId, u.kinds.join('+')]);
    expect(next).toEqual(expect.arrayContaining([
      [story.soon.date, String(story.soon.id), 'transfer'],
      [story.raise.date, String(story.raise.id), 'pay'],
      [story.leaving.date, String(story.leaving.id), 'termination'],
      [story.later.date, String(story.later.id), 'transfer'],
    ]));
    expect(next.map((n) => n[0])).toEqual([...next.map((n) => n[0])].sort());
    expect(f.upcoming.find((u) => u.employeeId === String(story.later.id))!.changes).toEqual([expect.objectContaining({ field: 'department', to: 'Legal', erp: { slot: 'department', value: legal, how: 'mapped' } })]);
    expect(f.upcoming.find((u) => u.employeeId === String(story.soon.id))!.changes[0]!.erp).toEqual({ slot: 'department', value: null, how: 'unmapped' });

    // Mapping coverage: the unmapped value first, with its headcount.
    const dept = f.coverage.find((c) => c.slot === 'department')!;
    expect(dept.values[0]).toEqual({ value: 'Quantum Research', headcount: 1, incoming: 1, erp: null, how: 'unmapped' });
    expect(dept.values.slice(1).every((v) => v.how === 'mapped')).toBe(true);

    // Sensitive data stays out of the page and the JSON; the page is the owner's only.
    const page = readFileSync(join(t.dir, 'r.html'), 'utf8');
    for (const v of sensitiveValues(t, story)) {
      expect(standsIn(page, v), v).toBe(false);
      expect(standsIn(res.stdout, v), v).toBe(false);
    }
    expect(page).toContain('pay change (amount not shown)');
    expect(statSync(join(t.dir, 'r.html')).mode & 0o777).toBe(0o600);
  });

  it('report.names: false shows BambooHR ids only, in the page and the JSON', async () => {
    const t = await sandbox({ extraConfig: 'report:\n  names: false\n' });
    const story = await demoLikeState(t);
    const { out } = await t.json<ReportModel>(['report']);
    expect((await t.run(['report', '--out', join(t.dir, 'r.html')])).code).toBe(0);
    const page = readFileSync(join(t.dir, 'r.html'), 'utf8');
    const names = t.sb.bamboo.company.list().flatMap((e) => [`${e.firstName} ${e.lastName}`, e.lastName]);
    for (const n of names) {
      expect(page).not.toContain(n);
      expect(JSON.stringify(out)).not.toContain(n);
    }
    expect(out.names).toBe(false);
    expect(page).toContain(`>${story.unmapped}</span>`);
  });

  it('--flow, --since and --max-age: a stale flow, a narrow window, usage errors exit 2', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const { out } = await t.json<ReportModel>(['report', '--flow', 'employees', '--since', '1h', '--max-age', '1ms']);
    expect(out.flows[0]!.health).toMatchObject({ verdict: 'stale', stale: true });
    expect(out.runs).toHaveLength(1);
    expect(out.window.sinceText).toBe('1h');
    const wrongFlow = await t.run(['report', '--flow', 'nope']);
    expect([wrongFlow.code, wrongFlow.stderr]).toEqual([2, expect.stringContaining('no flow named "nope" (flows: employees)')]);
    expect((await t.run(['report', '--since', 'a month'])).code).toBe(2);
    expect((await t.run(['report', '--max-age', '26'])).stderr).toContain('--max-age: expected a duration such as 26h');
  });

  it('before any sync: a page that says so; --open hands it to the desktop opener', async () => {
    const t = await sandbox();
    const bin = join(t.dir, 'bin');
    const opened = join(t.dir, 'opened.txt');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin);
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > ${opened}\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const res = await t.run(['report', '--out', join(t.dir, 'first.html'), '--open'], { PATH: `${bin}:${process.env.PATH}` });
    expect(res.code).toBe(0);
    expect(readFileSync(join(t.dir, 'first.html'), 'utf8')).toContain('mlc sync has never run with this configuration');
    await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8').trim()).toBe(join(t.dir, 'first.html'));
    expect(existsSync(join(t.dir, 'mlc.db'))).toBe(false); // a report writes no state
  });
});
