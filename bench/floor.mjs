#!/usr/bin/env node
// The CPU floor of a zero-latency initial load (issue 9): what the stack and the invariants
// cost with none of mlc's own logic. One `mlc sync` runs through a recording proxy; then a
// replay process (bench/floor-replay.mjs) sends the very same requests with the same undici
// dispatcher and writes the very same SQLite rows (employees, dated rows, a 'planned' audit
// row before each write and its outcome after, the link) in the same batches, and parses
// every answer, but maps, validates, dates, plans and hashes nothing. Each round starts two
// fresh sandboxes (same seed) and measures mlc and the replay side by side.
// Usage: node bench/floor.mjs [--size 10000] [--rounds 3] [--json]   (FLOOR_KEEP=1 keeps the
// recording and the databases in /tmp/mlc-floor-*)
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import Database from 'better-sqlite3';
import { median } from './median.mjs';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/mlc.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const REPLAY = fileURLToPath(new URL('./floor-replay.mjs', import.meta.url));
const { values: a } = parseArgs({ options: { size: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });

async function sandbox(size) {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--json', '--erp', 'netsuite', '--size', String(size), '--seed', '1', '--latency', '0', '--erp-concurrency', '15'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const info = await new Promise((resolve) => {
    let buf = '';
    child.stdout.on('data', (d) => ((buf += d), buf.includes('\n') && resolve(JSON.parse(buf.split('\n')[0]))));
  });
  return { info, stop: () => new Promise((r) => (child.on('close', r), child.kill('SIGTERM'))) };
}

/** A proxy to `upstream` that keeps every request (method, path, headers, body) in `log`. */
function recorder(upstream, log) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      log.push({ method: req.method, path: req.url, headers: req.headers, body: body.length ? body.toString('utf8') : null });
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => (res.writeHead(r.statusCode, r.headers), r.pipe(res)));
      up.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

function prepare(dir, info, urls) {
  for (const [name, text] of Object.entries(info.files)) writeFileSync(join(dir, name), text);
  let config = info.config.replace(/\n    concurrency: \d+/, '\n    concurrency: 10');
  if (urls) config = config.replace(info.bamboohr.url, urls.bamboohr).replace(info.netsuite.url, urls.netsuite);
  writeFileSync(join(dir, 'mlc.yaml'), config);
  return { PATH: process.env.PATH, HOME: dir, ...info.env };
}

async function mlcSync(dir, env) {
  const probe = join(dir, 'probe.json');
  await run(process.execPath, ['--require', PROBE, BIN, 'sync', '--json', '--config', join(dir, 'mlc.yaml')], { env: { ...env, MLC_BENCH_PROBE: probe }, maxBuffer: 1e9 });
  return JSON.parse(readFileSync(probe, 'utf8'));
}

/** The recorded run's requests and the rows it left, for the replay. */
function fixture(dir, bamboo, netsuite) {
  const db = new Database(join(dir, 'mlc-sandbox.db'), { readonly: true });
  const rows = (table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw(false).all();
  const fx = {
    schema: db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all(),
    bamboohr: bamboo, netsuite,
    runs: rows('runs'), employees: rows('employees'), datedRows: rows('dated_rows'), audit: rows('audit'), links: rows('links'),
  };
  db.close();
  return fx;
}

const results = [];
for (let round = 0; round < Number(a.rounds); round++) {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-floor-'));
  try {
    // Record: mlc through the proxies (its CPU here is not counted: the proxy shares the cores).
    let sb = await sandbox(a.size);
    const bamboo = [];
    const netsuite = [];
    const pb = await recorder(sb.info.bamboohr.url, bamboo);
    const pn = await recorder(sb.info.netsuite.url, netsuite);
    await mlcSync(dir, prepare(dir, sb.info, { bamboohr: pb.url, netsuite: pn.url }));
    pb.close(), pn.close();
    await sb.stop();
    const fxFile = join(dir, 'fixture.json');
    writeFileSync(fxFile, JSON.stringify(fixture(dir, bamboo, netsuite)));
    // mlc itself against a fresh sandbox, then the replay against another.
    const mdir = mkdtempSync(join(tmpdir(), 'mlc-floor-m-'));
    sb = await sandbox(a.size);
    const m = await mlcSync(mdir, prepare(mdir, sb.info));
    await sb.stop();
    rmSync(mdir, { recursive: true, force: true });
    sb = await sandbox(a.size);
    writeFileSync(join(dir, 'sandbox.json'), JSON.stringify(sb.info));
    const { stdout } = await run(process.execPath, [REPLAY, fxFile, join(dir, 'sandbox.json'), join(dir, 'replay.db')], { maxBuffer: 1e8 });
    await sb.stop();
    const r = JSON.parse(stdout);
    results.push({ round, mlcCpuMs: m.cpuMs, mlcRssMb: Math.round(m.maxRssKb / 1024), ...r });
    if (!a.json) console.error(`round ${round + 1}: mlc ${m.cpuMs} ms, floor ${r.floorCpuMs} ms`, r.phases);
  } finally {
    if (!process.env.FLOOR_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}
const summary = { size: Number(a.size), rounds: results.length, mlcMedianMs: median(results.map((r) => r.mlcCpuMs)), floorMedianMs: median(results.map((r) => r.floorCpuMs)), results };
const ratio = (summary.mlcMedianMs / summary.floorMedianMs).toFixed(2);
console.log(a.json ? JSON.stringify({ ...summary, ratio: Number(ratio) }) : `zero-latency initial load of ${a.size} people: mlc CPU median ${summary.mlcMedianMs} ms, floor median ${summary.floorMedianMs} ms, ${ratio}× the floor (mlc/floor per round: ${results.map((r) => `${r.mlcCpuMs}/${r.floorCpuMs}`).join(', ')})`);
