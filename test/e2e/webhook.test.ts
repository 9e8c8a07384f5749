// Webhooks end to end with the built CLI: register against the BambooHR simulator, serve,
// change an employee, and see NetSuite updated within seconds with one audit row; forged,
// replayed, stale and oversized deliveries leave no trace but a log line; SIGTERM exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { sign } from '../../src/source/bamboohr/webhook.js';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { testSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { freePort } from '../helpers/net.js';
import { useTempDir } from '../helpers/tmp.js';
import { until } from '../helpers/until.js';

const tmp = useTempDir();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});


function serve(t: TestSandbox): { child: ChildProcess; log: () => string; exit: Promise<number | null>; ready: Promise<void> } {
  const child = spawn(process.execPath, [MLC_BIN, 'webhook', 'serve', '--config', t.config], { env: { PATH: process.env.PATH ?? '', ...t.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const ready = new Promise<void>((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening on')) resolve();
    });
  });
  const exit = new Promise<number | null>((r) => child.on('close', r));
  cleanup.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, log: () => err, exit, ready };
}


describe('webhooks', () => {
  it('register, serve, change in BambooHR → NetSuite updated within seconds; bad deliveries leave no trace', async () => {
    const dir = tmp();
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/bamboohr/webhook`;
    const t = await testSandbox(dir, { size: 20, seed: 41, extraConfig: `secrets:\n  file: ./secrets.json\nwebhook:\n  port: ${port}\n  publicUrl: ${hook}\n  debounce: 300ms\n` });
    cleanup.push(() => t.close());
    expect((await t.run(['sync'])).code).toBe(0);

    const reg = await t.run(['webhook', 'register']);
    expect(reg.code, reg.stderr).toBe(0);
    expect(reg.stdout).toMatch(new RegExp(`^created webhook \\d+ → ${hook.replace(/[/.]/g, '\\$&')} \\(events employee.created, employee.updated, employee.deleted\\)\\nmonitoring: .*department.*\\nprivate key stored in the file as bamboohr.webhook_key\\n$`));
    const key = (JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>)['bamboohr.webhook_key']!;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(reg.stdout + reg.stderr).not.toContain(key);
    expect((await t.run(['webhook', 'register'])).stderr).toContain('pass --replace to delete and recreate it');
    const list = await t.json<Array<{ url: string }>>(['webhook', 'list']);
    expect(list.out.map((w) => w.url)).toEqual([hook]);

    const srv = serve(t);
    await srv.ready;
    const e = t.sb.bamboo.company.list().find((x) => t.sb.bamboo.company.view(x).d.status === 'Active' && t.sb.bamboo.company.view(x).d.job?.department !== 'Finance')!;
    const before = t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)!;
    t.sb.bamboo.clock.advance(60_000);
    t.sb.bamboo.company.addJobInfo(e.id, { date: t.sb.bamboo.clock.today(), department: 'Finance' });
    // How fast is a benchmark figure (README); here: it arrives, through the receiver and sync.
    await until(() => t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)?.department === '107');
    expect(t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)?.id).toBe(before.id);
    await until(() => srv.log().includes('webhook-triggered sync done'));
    let s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    const applied = s.audit.list({ employeeId: String(e.id), status: 'applied' }).filter((r) => r.kind === 'update');
    expect(applied).toHaveLength(1);
    const inboxRows = s.db.prepare('SELECT COUNT(*) FROM inbox').pluck().get() as number;
    s.close();

    // Bad deliveries: nothing recorded, one log line each.
    const delivery = t.sb.bamboo.webhooks.deliveries.at(-1)!;
    const post = (body: string, headers: Record<string, string>, method = 'POST', path = '/bamboohr/webhook') =>
      fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body } : {}) }).then((r) => r.status);
    const now = String(Math.floor(Date.now() / 1000));
    expect(await post(delivery.body, { 'x-bamboohr-timestamp': delivery.timestamp, 'x-bamboohr-signature': delivery.signature })).toBe(401); // replay
    expect(await post(delivery.body, { 'x-bamboohr-timestamp': now, 'x-bamboohr-signature': sign('f'.repeat(32), Buffer.from(delivery.body), now) })).toBe(401); // forged
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect(await post(delivery.body, { 'x-bamboohr-timestamp': old, 'x-bamboohr-signature': sign(key, Buffer.from(delivery.body), old) })).toBe(401); // stale
    const big = JSON.stringify({ type: 'employee.updated', data: { employeeId: '1' }, pad: 'x'.repeat(300_000) });
    expect(await post(big, { 'x-bamboohr-timestamp': now, 'x-bamboohr-signature': sign(key, Buffer.from(big), now) })).toBe(413); // oversized
    expect(await post('', {}, 'GET')).toBe(405);
    expect(await post('{}', {}, 'POST', '/elsewhere')).toBe(404);
    s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    expect(s.db.prepare('SELECT COUNT(*) FROM inbox').pluck().get()).toBe(inboxRows);
    s.close();
    await until(() => srv.log().includes('unknown path'));
    const refusals = srv.log().split('\n').filter((l) => l.includes('webhook delivery refused'));
    expect(refusals.map((l) => (JSON.parse(l) as { status: number; reason: string }).reason)).toEqual([
      'replay of a delivery already accepted', 'bad signature', expect.stringMatching(/^timestamp \d+ outside the 300 s window$/),
      expect.stringMatching(/^body of \d+ bytes over the 262144-byte limit$/), 'method GET', 'unknown path',
    ]);
    expect(srv.log()).not.toContain(e.firstName); // no personal data in delivery lines

    srv.child.kill('SIGTERM');
    expect(await srv.exit).toBe(0);
    expect(srv.log()).toContain('stopping: finishing the requests in flight');
  });

  it('serves TLS from a configured certificate, and a 0s window accepts recorded vectors', async () => {
    const dir = tmp();
    const port = await freePort();
    // A throwaway certificate from the selfsigned dependency: no openssl command needed.
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 86_400_000),
      extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    const config = join(dir, 'mlc.yaml');
    writeFileSync(config, `timezone: UTC\nstate:\n  path: ./mlc.db\nbamboohr:\n  companyDomain: acme\nwebhook:\n  port: ${port}\n  timestampTolerance: 0s\n  tls: { cert: ./cert.pem, key: ./key.pem }\n`);
    const child = spawn(process.execPath, [MLC_BIN, 'webhook', 'serve', '--no-sync', '--config', config], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, MLC_BAMBOOHR_WEBHOOK_KEY: '0123456789abcdef0123456789abcdef' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    cleanup.push(() => void child.kill('SIGKILL'));
    const banner = await new Promise<string>((resolve) => child.stderr!.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve(d.toString())));
    expect(banner).toContain(`listening on https://127.0.0.1:${port}/bamboohr/webhook (key from env, inbox only)`);
    // Our recorded vector from reference §4.3: timestamp 1769884920, months old.
    const body = '{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"12345","employeeId":"67890","changedFields":["firstName"]}}';
    const dispatcher = new Agent({ connect: { ca: readFileSync(join(dir, 'cert.pem')) } });
    const res = await undiciFetch(`https://127.0.0.1:${port}/bamboohr/webhook`, {
      method: 'POST', body, dispatcher,
      headers: { 'content-type': 'application/json', 'x-bamboohr-timestamp': '1769884920', 'x-bamboohr-signature': '34ff2fdf42bca095d63bc0516d4d7c8ef7365a932bd4b1543ff691310c73e951' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1 });
    await dispatcher.close();
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    const s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    expect(s.db.prepare('SELECT employee_id, event FROM inbox').all()).toEqual([{ employee_id: '67890', event: 'employee.updated' }]);
    s.close();
  });

  it('refuses to serve without the webhook key, naming how to get one', async () => {
    const dir = tmp();
    const t = await testSandbox(dir, { size: 10, seed: 2 });
    cleanup.push(() => t.close());
    const res = await t.run(['webhook', 'serve']);
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('secret bamboohr.webhook_key is not set');
    expect(res.stderr).toContain('run `mlc webhook register`');
  });
});
