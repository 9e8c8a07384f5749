#!/usr/bin/env node
// Benchmark of `mlc fleet sync` (not part of `npm test`; needs `npm run build` first): the wall
// time of N companies' initial loads run by the fleet, a few at a time, against the same
// companies synced one after another with plain `mlc sync` (what one cron line per company
// run back to back would take). Each company has its own BambooHR and NetSuite simulators,
// hosted in worker threads of this process (`--sim-workers`), fresh for each mode.
// Usage: node bench/fleet.mjs [--companies 50] [--size 500] [--concurrency 4] [--latency 20]
//                             [--sim-workers 2] [--modes sequential,fleet] [--json]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const BIN = fileURLToPath(new URL('../bin/mlc.js', import.meta.url));

if (!isMainThread) await simWorker();
else await main();

/** A worker thread hosting some companies' simulators; answers with what mlc needs of them. */
async function simWorker() {
  const { startSandbox } = await import('../dist/app/sandbox.js');
  const { companies, size, latency } = workerData;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date());
  const sims = [];
  for (const c of companies) {
    const sb = await startSandbox({ seed: c.seed, size, latencyMs: latency, erpConcurrency: 15, start: `${today}T19:00:00Z` });
    sims.push(sb);
    const config = sb.configYaml({ statePath: `./${c.file}/mlc.db`, lookupFiles: true }).replaceAll('file: ./', `file: ./${c.file}/`);
    parentPort.postMessage({ type: 'company', file: c.file, config, files: sb.erp.files(), env: sb.env() });
  }
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', async (m) => {
    if (m !== 'close') return;
    await Promise.all(sims.map((s) => s.close()));
    parentPort.postMessage({ type: 'closed' });
  });
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      companies: { type: 'string', default: '50' },
      size: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '4' },
      latency: { type: 'string', default: '20' },
      'sim-workers': { type: 'string', default: '2' },
      modes: { type: 'string', default: 'sequential,fleet' },
      json: { type: 'boolean', default: false },
    },
  });
  const n = Number(a.companies);
  const size = Number(a.size);
  const concurrency = Number(a.concurrency);
  const latency = Number(a.latency);
  const results = [];
  for (const mode of a.modes.split(',')) {
    const fleet = await startFleet(n, size, latency, Number(a['sim-workers']));
    try {
      const m = mode === 'fleet' ? await runFleet(fleet, concurrency) : await runSequential(fleet);
      results.push({ mode: mode === 'fleet' ? `mlc fleet sync (${concurrency} at a time)` : 'mlc sync, one after another', companies: n, employees: size, ...m });
    } finally {
      await fleet.close();
    }
  }
  const seq = results.find((r) => r.mode.startsWith('mlc sync'));
  for (const r of results) r.speedup = seq ? +(seq.wallMs / r.wallMs).toFixed(2) : null;
  if (a.json) console.log(JSON.stringify({ node: process.version, latencyMs: latency, results }, null, 2));
  else {
    const cols = ['mode', 'companies', 'employees', 'wallMs', 'speedup', 'medianCompanyMs', 'maxCompanyMs', 'maxOverlap', 'failed'];
    const rows = [cols, ...results.map((r) => cols.map((c) => String(r[c] ?? '')))];
    const w = cols.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
    console.log(`\ninitial loads; latency ${latency} ms per simulated request; simulators in ${a['sim-workers']} worker threads; Node ${process.version}`);
  }
}

/** Starts every company's simulators (spread over worker threads) and writes the fleet folder. */
async function startFleet(n, size, latency, workers) {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-bench-fleet-'));
  const companies = Array.from({ length: n }, (_, i) => ({ file: `company-${String(i + 1).padStart(3, '0')}`, seed: 1000 + i }));
  const env = {};
  const plain = {};
  const threads = [];
  for (let w = 0; w < Math.min(workers, n); w++) {
    const mine = companies.filter((_, i) => i % workers === w);
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { companies: mine, size, latency } });
    threads.push(worker);
    await new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m) => {
        if (m.type === 'ready') return resolve();
        if (m.type !== 'company') return;
        mkdirSync(join(dir, m.file));
        for (const [name, text] of Object.entries(m.files)) writeFileSync(join(dir, m.file, name), text);
        writeFileSync(join(dir, `${m.file}.yaml`), m.config);
        const company = m.file.replace(/-/g, '_').toUpperCase();
        for (const [k, v] of Object.entries(m.env)) env[k.replace(/^MLC_/, `MLC_${company}_`)] = v;
        plain[m.file] = m.env;
      });
    });
  }
  return {
    dir, companies, env, plain,
    close: async () => {
      await Promise.all(threads.map((t) => new Promise((r) => (t.on('message', (m) => m.type === 'closed' && r()), t.postMessage('close')))));
      await Promise.all(threads.map((t) => t.terminate()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(args, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.resume();
    child.on('close', (code) => resolve({ code, stdout, ms: Math.round(performance.now() - t0) }));
  });
}

async function runSequential(fleet) {
  const times = [];
  let failed = 0;
  const t0 = performance.now();
  for (const c of fleet.companies) {
    const r = await run(['sync', '--json', '--config', join(fleet.dir, `${c.file}.yaml`)], fleet.plain[c.file]);
    if (r.code !== 0) failed++;
    times.push(r.ms);
  }
  return { wallMs: Math.round(performance.now() - t0), ...spread(times), maxOverlap: 1, failed };
}

async function runFleet(fleet, concurrency) {
  const r = await run(['fleet', 'sync', fleet.dir, '--json', '--concurrency', String(concurrency)], fleet.env);
  const report = JSON.parse(r.stdout);
  const spans = report.companies.map((c) => [Date.parse(c.startedAt), Date.parse(c.endedAt)]);
  return { wallMs: r.ms, ...spread(report.companies.map((c) => c.durationMs)), maxOverlap: maxOverlap(spans), failed: report.companies.filter((c) => c.exitCode !== 0).length };
}

function spread(times) {
  const s = [...times].sort((x, y) => x - y);
  return { medianCompanyMs: s[Math.floor(s.length / 2)], maxCompanyMs: s.at(-1) };
}

function maxOverlap(spans) {
  const ev = spans.flatMap(([x, y]) => [[x, 1], [y, -1]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of ev) max = Math.max(max, (open += d));
  return max;
}
