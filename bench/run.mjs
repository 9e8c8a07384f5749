#!/usr/bin/env node
// Benchmarks of mlc against the simulators (`npm run bench`; not part of `npm test`).
// The simulators run in their own process (`mlc sandbox`), mlc in another, as in production.
// Usage: node bench/run.mjs [--erp netsuite,d365,…] [--sizes 1000,10000] [--latency 20]
//                           [--concurrency 10] [--erp-limit 15]
//                           [--scenarios initial,incremental,noop,startup,report,fleet] [--json]
//                           [--fleet-companies 50] [--fleet-size 500]
// BENCH_PROF=1 writes a CPU profile of each mlc run to /tmp/prof; BENCH_NODE_FLAGS="--flag …"
// passes V8/Node flags to the mlc process (to try GC or JIT settings).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/mlc.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const { values: a } = parseArgs({
  options: {
    erp: { type: 'string', default: 'netsuite' },
    sizes: { type: 'string', default: '1000,10000' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '10' },
    'erp-limit': { type: 'string', default: '15' },
    scenarios: { type: 'string', default: 'initial,incremental,noop,startup,report,fleet' },
    'fleet-companies': { type: 'string', default: '50' },
    'fleet-size': { type: 'string', default: '500' },
    json: { type: 'boolean', default: false },
  },
});
const latency = Number(a.latency);
const concurrency = Number(a.concurrency);
const scenarios = new Set(a.scenarios.split(','));
const results = [];

async function sandbox(erp, size) {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--json', '--erp', erp, '--size', String(size), '--seed', '1', '--latency', String(latency), '--erp-concurrency', a['erp-limit']], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]));
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  return { info, stop: () => new Promise((r) => (child.on('close', r), child.kill('SIGTERM'))) };
}

async function sync(dir, env, args = []) {
  const probe = join(dir, 'probe.json');
  const t0 = performance.now();
  const r = await run(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--require', PROBE, BIN, 'sync', '--json', '--config', join(dir, 'mlc.yaml'), ...args], { env: { ...env, MLC_BENCH_PROBE: probe }, maxBuffer: 1e9 }).catch((e) => e);
  const wallMs = Math.round(performance.now() - t0);
  if (!r.stdout) throw new Error(`mlc sync failed: ${r.stderr ?? r}`);
  const s = JSON.parse(r.stdout);
  const p = JSON.parse(readFileSync(probe, 'utf8'));
  return { wallMs, summary: s, rssMb: Math.round(p.maxRssKb / 1024), cpuMs: p.cpuMs, userMs: p.userMs, sysMs: p.sysMs };
}

function record(erpName, target, scenario, size, m) {
  const bamboo = m.summary.requests.bamboohr ?? 0;
  const erp = m.summary.requests[target] ?? 0;
  const c = m.summary.counts;
  // Latency-bound floor: BambooHR calls are sequential; ERP calls run `concurrency` at a time.
  const floorMs = latency * (bamboo + Math.ceil(erp / concurrency));
  results.push({
    erp: erpName, scenario, employees: size, latencyMs: latency, concurrency, wallMs: m.wallMs, cpuMs: m.cpuMs, userMs: m.userMs, sysMs: m.sysMs, bamboohrRequests: bamboo, erpRequests: erp,
    written: c.created + c.updated + c.deactivated + c.reactivated, peakRssMb: m.rssMb, floorMs, floorRatio: floorMs > 0 ? +(m.wallMs / floorMs).toFixed(2) : null, status: m.summary.status,
  });
}

async function control(url, path, body) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

for (const erpName of a.erp.split(',')) for (const size of a.sizes.split(',').map(Number)) {
  const { info, stop } = await sandbox(erpName, size);
  const dir = mkdtempSync(join(tmpdir(), 'mlc-bench-'));
  const rec = (scenario, m) => record(erpName, info.target, scenario, size, m);
  try {
    for (const [name, text] of Object.entries(info.files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'mlc.yaml'), info.config.replace(/\n    concurrency: \d+/, `\n    concurrency: ${concurrency}`));
    const env = { PATH: process.env.PATH, HOME: dir, ...info.env };
    if (scenarios.has('initial')) rec('initial load', await sync(dir, env));
    if (scenarios.has('incremental')) {
      // 1% of the active employees move to another department with a new job title today: a
      // change every target receives (a title alone reaches only those that carry titles).
      const state = await (await fetch(`${info.bamboohr.url}/_sim/state`)).json();
      await control(info.bamboohr.url, '/_sim/clock', { advanceMs: 60_000 });
      const active = state.employees.filter((e) => e.status === 'Active' && !e.deleted);
      // The two largest departments (mapped in every sandbox; a rare one might be left unmapped).
      const sizes = new Map();
      for (const e of active) if (e.department) sizes.set(e.department, (sizes.get(e.department) ?? 0) + 1);
      const departments = [...sizes.keys()].sort((x, y) => sizes.get(y) - sizes.get(x)).slice(0, 2);
      for (const e of active.slice(0, Math.max(1, Math.round(size / 100)))) {
        const department = departments.find((d) => d !== e.department);
        await control(info.bamboohr.url, `/_sim/employees/${e.id}/jobInfo`, { date: state.today, jobTitle: `Bench Title ${e.id}`, ...(department ? { department } : {}) });
      }
      rec('incremental (1% changed)', await sync(dir, env));
    }
    if (scenarios.has('noop')) rec('no-op incremental', await sync(dir, env));
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (scenarios.has('startup')) {
  const times = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    await run(process.execPath, [BIN, '--version']);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  results.push({ scenario: 'mlc --version (median of 25)', wallMs: Math.round(times[12]) });
}

if (scenarios.has('report')) {
  // bench/report.mjs: `mlc report` over 10,000 employees and 1,000 runs (issue 15: under 2 s, a few MB).
  const { stdout } = await run(process.execPath, [fileURLToPath(new URL('./report.mjs', import.meta.url)), '--json'], { maxBuffer: 1e8 });
  for (const r of JSON.parse(stdout).results) {
    results.push({ scenario: `mlc report (${r.runs} runs; page ${r.htmlKb} KB; gather ${r.gatherMs} ms, render ${r.renderMs} ms)`, employees: r.employees, wallMs: r.reportWallMs });
  }
}

if (scenarios.has('fleet')) {
  // bench/fleet.mjs: 50 companies of 500 people through `mlc fleet sync`, against the same
  // companies synced one after another (issue 16), at this run's latency.
  const args = [fileURLToPath(new URL('./fleet.mjs', import.meta.url)), '--json', '--companies', a['fleet-companies'], '--size', a['fleet-size'], '--latency', String(latency)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1e8 });
  for (const r of JSON.parse(stdout).results) {
    results.push({ scenario: `${r.mode}: ${r.companies} companies × ${r.employees}${r.mode.startsWith('mlc fleet') && r.speedup ? ` (${r.speedup}× as fast)` : ''}`, employees: r.companies * r.employees, wallMs: r.wallMs });
  }
}

if (a.json) console.log(JSON.stringify({ node: process.version, latencyMs: latency, concurrency, results }, null, 2));
else {
  const cols = ['erp', 'scenario', 'employees', 'wallMs', 'cpuMs', 'bamboohrRequests', 'erpRequests', 'written', 'peakRssMb', 'floorMs', 'floorRatio'];
  const rows = [cols, ...results.map((r) => cols.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))))];
  const w = cols.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
  console.log(`\nlatency ${latency} ms per simulated request, mlc concurrency ${concurrency}, simulated NetSuite limit ${a['erp-limit']}; Node ${process.version}`);
}
