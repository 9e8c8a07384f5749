// Operating mlc: `status --max-age`, `audit list/show` (with redaction), notifications that
// report a problem once and its resolution once, and `config check --online`.
import { appendFileSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function sandbox(extraConfig = ''): Promise<TestSandbox> {
  const t = await testSandbox(tmp(), { size: 20, seed: 5, extraConfig });
  open.push(t);
  return t;
}

async function hookServer(): Promise<{ url: string; hits: Array<{ method: string; path: string; body: string }> }> {
  const hits: Array<{ method: string; path: string; body: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => void server.close() });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

function hireUnmapped(t: TestSandbox): number {
  t.sb.bamboo.clock.advance(60_000);
  return t.sb.bamboo.company.hire({ firstName: 'Ola', lastName: 'Nordmann', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' });
}

function fixLookup(t: TestSandbox): void {
  const id = t.sb.netsuite.records.addReference('department', { name: 'Skunkworks' });
  appendFileSync(join(t.dir, 'departments.csv'), `Skunkworks,${id}\n`);
}

describe('operating mlc', () => {
  it('status: cursors, runs, open records; --max-age exits 7 without a recent good run', async () => {
    const t = await sandbox();
    const none = await t.run(['status']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('(not created yet: mlc sync has never run with this configuration)');
    expect((await t.run(['status', '--max-age', '1h'])).code).toBe(7);
    hireUnmapped(t);
    expect((await t.run(['sync'])).code).toBe(1);
    const stale = await t.run(['status', '--max-age', '26h']);
    expect(stale.code).toBe(7);
    expect(stale.stdout).toContain('last good run: none');
    expect(stale.stdout).toContain('open records: 1 parked in employees (mlc audit list --status open)');
    expect(stale.stderr).toContain('mlc: last good run is missing, more than --max-age 26h');
    fixLookup(t);
    expect((await t.run(['sync'])).code).toBe(0);
    const ok = await t.json<{ stale: boolean; cursors: Array<{ flow: string; value: string }>; open: unknown[]; lastGood: { status: string } }>(['status', '--max-age', '26h']);
    expect(ok.res.code).toBe(0);
    expect(ok.out).toMatchObject({ stale: false, open: [], lastGood: { status: 'ok' } });
    expect(ok.out.cursors.map((c) => c.flow)).toEqual(['employees']);
  });

  it('audit list and show: reasons, filters, and sensitive payload fields redacted', async () => {
    const t = await sandbox('audit:\n  redact: [email, "*Date"]\n');
    const id = hireUnmapped(t);
    await t.run(['sync']);
    const parked = await t.json<Array<{ id: number; employeeId: string; status: string; reason: string }>>(['audit', 'list', '--status', 'parked']);
    expect(parked.out).toEqual([expect.objectContaining({ employeeId: String(id), status: 'parked', reason: expect.stringContaining('no lookup for department "Skunkworks"') })]);
    const applied = await t.json<Array<{ id: number; employeeId: string }>>(['audit', 'list', '--status', 'applied', '--limit', '1']);
    const show = await t.json<{ payload: Record<string, unknown>; status: string; erpKey: string }>(['audit', 'show', String(applied.out[0]!.id)]);
    expect(show.out.status).toBe('applied');
    expect(show.out.payload).toMatchObject({ email: '[redacted]', hireDate: '[redacted]', isInactive: false });
    expect(show.out.payload.firstName).toEqual(expect.any(String));
    const db = readFileSync(join(t.dir, 'mlc.db'));
    const emails = t.sb.bamboo.company.list().map((e) => e.workEmail).filter(Boolean);
    for (const e of emails.slice(0, 5)) expect(db.includes(Buffer.from(`"email":"${e}"`))).toBe(false);
    const text = await t.run(['audit', 'list', '--employee', String(id)]);
    expect(text.stdout).toMatch(/^ID\s+RUN\s+FLOW\s+EMPLOYEE\s+NAME\s+KIND\s+STATUS\s+WHEN\s+REASON\n/); // reasons last, whole
    expect((await t.run(['audit', 'show', '999999'])).stderr).toContain('no audited operation 999999');
  });

  it('notifies a problem once, not again while it stays, and its resolution once', async () => {
    const hook = await hookServer();
    const t = await sandbox('notify:\n  kind: slack\n');
    const env = { MLC_NOTIFY_URL: hook.url };
    hireUnmapped(t);
    expect((await t.run(['sync'], env)).code).toBe(1);
    expect(hook.hits).toHaveLength(1);
    const msg = JSON.parse(hook.hits[0]!.body) as { text: string };
    expect(msg.text).toMatch(/^mlc sync on .+ finished with 1 parked and 0 failed record\(s\) \(run .+\)\.\n• employee \d+ \(Ola Nordmann\) parked: department: no lookup/);
    expect((await t.run(['sync'], env)).code).toBe(1);
    expect(hook.hits).toHaveLength(1); // same problem: not sent again
    fixLookup(t);
    expect((await t.run(['sync'], env)).code).toBe(0);
    expect(hook.hits).toHaveLength(2);
    expect(JSON.parse(hook.hits[1]!.body).text).toMatch(/: resolved; run .+ finished cleanly\.$/);
    expect((await t.run(['sync'], env)).code).toBe(0);
    expect(hook.hits).toHaveLength(2); // all quiet
  });

  it('pings a healthchecks URL on success and /fail on failure', async () => {
    const hook = await hookServer();
    const t = await sandbox('notify:\n  kind: healthchecks\n');
    const env = { MLC_NOTIFY_URL: hook.url };
    expect((await t.run(['sync'], env)).code).toBe(0);
    hireUnmapped(t);
    expect((await t.run(['sync'], env)).code).toBe(1);
    expect(hook.hits.map((h) => `${h.method} ${h.path}`)).toEqual(['GET /hook', 'POST /hook/fail']);
    expect(hook.hits[1]!.body).toContain('1 parked');
  });

  it('unmapped: fail stops the run before any write (exit 2), naming each unmapped value', async () => {
    const t = await sandbox();
    writeFileSync(t.config, readFileSync(t.config, 'utf8').replace('    target: netsuite\n', '    target: netsuite\n    unmapped: fail\n'));
    const id = hireUnmapped(t);
    const res = await t.run(['sync']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`mlc: error: 1 record has unmapped values and the flow says unmapped: fail; nothing was written:\n  employee ${id}: department: no lookup for department "Skunkworks"`);
    expect(t.sb.netsuite.stats.writes).toBe(0);
  });

  it('config check --online finds missing and inactive ERP ids and BambooHR values no lookup covers', async () => {
    const t = await sandbox();
    const csv = join(t.dir, 'departments.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('"Legal",110', '"Legal",999').replace('"IT",111', '"IT",199'));
    hireUnmapped(t);
    const res = await t.run(['config', 'check', '--online']);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('error: flows.employees.references.department: "Legal" → department 999, which does not exist in netsuite');
    expect(res.stdout).toContain('error: flows.employees.references.department: "IT" → department 199 ("Old Projects (inactive)"), which is inactive in netsuite');
    expect(res.stdout).toContain('warning: flows.employees.references.department: BambooHR department values with no lookup (their records will be parked): "Skunkworks"');
    expect(res.stdout).toMatch(/online check: 2 error\(s\), 1 warning\(s\)\n$/);
  });
});
