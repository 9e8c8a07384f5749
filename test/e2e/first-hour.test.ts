// A new user's first hour with the built CLI (issue 10): piping into `head` never crashes,
// pay never shows in clear text whatever the audit holds, and a partial run's one line says
// why and what to do next, with the audit showing whole reasons.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { runMlc } from '../helpers/cli.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp);

/** `mlc ARGS | READER` through a real shell pipe; pipefail makes mlc's exit the pipeline's. */
function piped(t: TestSandbox, args: string[], reader: string): Promise<{ code: number | null; stderr: string }> {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const line = `set -o pipefail; ${q(process.execPath)} ${q(MLC_BIN)} ${[...args, '--config', t.config].map(q).join(' ')} | ${reader}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { env: { PATH: process.env.PATH ?? '', HOME: t.dir, NO_COLOR: '1', ...t.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const employeeOf = (t: TestSandbox) => t.sb.bamboo.company.list().find((e) => t.sb.bamboo.company.view(e).d.status === 'Active')!.id;

describe('piping mlc into a reader that leaves early', () => {
  it('ends quietly with exit 0, however the race falls, for every listing and --json', { timeout: 180_000 }, async () => {
    const t = await sandbox({ size: 300, seed: 5 });
    expect((await t.run(['sync'])).code).toBe(0);
    const commands = [['audit', 'list', '--limit', '1000'], ['audit', 'list', '--json', '--limit', '1000'], ['audit', 'show', '1'], ['status'], ['status', '--json'], ['sync', '--dry-run', '--all'], ['sync', '--dry-run', '--json']];
    for (const args of commands) {
      // `true` never reads: the first write meets a closed pipe. `head -1` closes after one
      // line, racing the writes that follow: run it several times.
      for (const reader of ['true', ...Array.from({ length: 4 }, () => 'head -1 >/dev/null')]) {
        const res = await piped(t, args, reader);
        expect({ args, reader, ...res }).toEqual({ args, reader, code: 0, stderr: '' });
      }
    }
  });
});

describe('audit.redact covers every output', () => {
  const CANARY = '91234.56';
  const clean = (label: string, text: string) => expect(text, label).not.toContain(CANARY);

  it('reasons, plan lines, dry runs, audit list and show, and rows written before a pattern existed', async () => {
    const t = await sandbox({ size: 20, seed: 9 });
    expect((await t.run(['sync'])).code).toBe(0);
    const id = employeeOf(t);
    const c = t.sb.bamboo.company;
    const later = new Date(Date.parse(`${t.sb.bamboo.clock.today()}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    c.addCompensation(id, { startDate: later, rate: { value: CANARY, currency: 'USD' }, type: 'Salary', paidPer: 'Year' });
    t.sb.bamboo.clock.advance(60_000);
    for (const args of [['sync', '--dry-run', '--log-level', 'debug'], ['sync', '--dry-run', '--json'], ['sync', '--log-level', 'debug']]) {
      const res = await t.run(args);
      expect(res.code, res.stderr).toBe(0);
      clean(args.join(' '), res.stdout + res.stderr);
    }
    // What older runs left in the audit: a reason and a payload in clear text.
    const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000 });
    const old = s.audit.insert({ runId: s.runs.recent(1)[0]!.id, flow: 'employees', employeeId: String(id), label: 'Old Row', kind: 'update', status: 'scheduled', reason: `pay: ${CANARY} GBP on 2026-12-30`, payloadJson: JSON.stringify({ payRate: CANARY, title: 'Engineer' }), createdAt: new Date().toISOString() });
    s.close();
    const outputs: Array<[string, string[]]> = [
      ['audit list --employee', ['audit', 'list', '--employee', String(id)]],
      ['audit list --json', ['audit', 'list', '--json']],
      ['audit list --wide', ['audit', 'list', '--wide']],
      ['audit show', ['audit', 'show', String(old)]],
      ['audit show --json', ['audit', 'show', String(old), '--json']],
      ['status', ['status']],
    ];
    for (const [label, args] of outputs) {
      const res = await t.run(args);
      expect(res.code, res.stderr).toBe(0);
      clean(label, res.stdout + res.stderr);
    }
    const list = await t.run(['audit', 'list', '--employee', String(id)]);
    expect(list.stdout).toContain('pay: [redacted] on 2026-12-30');
    // NetSuite's flow maps no pay field, so a pay change is not planned for it at all (issue 10
    // §2: plan only what the target receives), and no reason ever carries an amount.
    expect(list.stdout).not.toContain(`on ${later}`);
    expect((await t.run(['audit', 'show', String(old)])).stdout).toContain('"payRate": "[redacted]"');
  });

  it('the BambooHR-only dry run (no flows yet) shows pay rows without the pay', async () => {
    const t = await sandbox({ size: 20, seed: 9 });
    const id = employeeOf(t);
    t.sb.bamboo.company.addCompensation(id, { startDate: '2030-01-01', rate: { value: CANARY, currency: 'USD' }, type: 'Salary', paidPer: 'Year' });
    const config = join(t.dir, 'bamboo-only.yaml');
    writeFileSync(config, `timezone: America/Denver\nstate:\n  path: ./mlc.db\nbamboohr:\n  companyDomain: acme\n  baseUrl: ${t.sb.bamboo.url}\n  auth: apiKey\n`);
    for (const args of [['sync', '--dry-run', '--full'], ['sync', '--dry-run', '--full', '--json']]) {
      // (t.run would add the sandbox's own --config after this one.)
      const res = await runMlc([...args, '--config', config], { env: t.env });
      expect(res.code, res.stderr).toBe(0);
      clean(args.join(' '), res.stdout + res.stderr);
      expect(res.stdout).toContain('[redacted]');
    }
  });
});

describe('a partial run tells cron mail why and what next', () => {
  it('ends its one line with the reason and the next step, adds problems to --json, and audit list shows the whole reason', async () => {
    const t = await sandbox({ size: 20, seed: 4 });
    expect((await t.run(['sync'])).code).toBe(0);
    for (const n of [1, 2]) t.sb.bamboo.company.hire({ firstName: 'Rae', lastName: `Unmapped${n}`, department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' });
    t.sb.bamboo.clock.advance(60_000);
    const res = await t.run(['sync']);
    expect(res.code).toBe(1);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const run = /\(run (\S+)\)/.exec(lines[0]!)?.[1];
    expect(lines[0]).toMatch(/^mlc sync partial: .*, 2 parked, 0 failed; .*\(run \S+\); 2 parked: no lookup for department "Skunkworks" → add it to departments\.csv, then mlc replay (\S+)$/);
    expect(lines[0]!.endsWith(`then mlc replay ${run}`)).toBe(true);

    const json = await t.json<Record<string, unknown>>(['sync', '--dry-run']);
    expect(Object.keys(json.out)).toEqual(expect.arrayContaining(['runId', 'status', 'dryRun', 'asOf', 'flows', 'counts', 'requests', 'cursor', 'durationMs', 'plan', 'notes', 'problems']));
    expect(json.out.problems).toEqual([{ status: 'parked', count: 2, reason: 'no lookup for department "Skunkworks"', next: 'add it to departments.csv' }]);

    const list = await t.run(['audit', 'list', '--status', 'open']);
    expect(list.stdout).toContain(`department: no lookup for department "Skunkworks" in ${join(t.dir, 'departments.csv')}`);
    const cut = await t.run(['audit', 'list', '--limit', '1']);
    expect(cut.stdout.trimEnd().split('\n').at(-1)).toBe('(stopped at --limit 1: older operations match too; raise --limit or narrow with --status, --employee, --run or --flow)');
    const cutJson = await t.run(['audit', 'list', '--limit', '1', '--json']);
    expect(JSON.parse(cutJson.stdout)).toHaveLength(1);
    expect(cutJson.stderr).toContain('mlc: (stopped at --limit 1');
  });
});
