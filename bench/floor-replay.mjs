#!/usr/bin/env node
// The replay half of bench/floor.mjs: the recorded requests and rows of one `mlc sync`, with
// nothing of mlc in between. Usage: node floor-replay.mjs fixture.json sandbox.json db
// (sandbox.json: the first line `mlc sandbox --json` printed, for the URLs and NetSuite's key)
// Prints {floorCpuMs, phases} as JSON: the process's CPU (all threads) less the fixture's load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file, sandboxFile, dbFile] = process.argv.slice(2);
const sb = JSON.parse(readFileSync(sandboxFile, 'utf8'));
const bambooUrl = sb.bamboohr.url;
const netsuiteUrl = sb.netsuite.url;
const cpu = () => { const u = process.resourceUsage(); return (u.userCPUTime + u.systemCPUTime) / 1000; };
const before = cpu();
const fx = JSON.parse(readFileSync(file, 'utf8'));
const fixtureMs = cpu() - before;

// The same dependencies mlc loads for this work, the same way (src/http/undici.ts).
const require = createRequire(import.meta.url);
const Agent = require('undici/lib/dispatcher/agent.js');
const Database = require('better-sqlite3');
const phases = {};
let lap = cpu();
const mark = (name) => { const now = cpu(); phases[name] = Math.round(now - lap); lap = now; };

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
const SKIP = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);
function send(origin, r, headers) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let status = 0;
    agent.dispatch({ origin, path: r.path, method: r.method, headers, body: r.body, headersTimeout: 30_000, bodyTimeout: 30_000 }, {
      onRequestStart: () => undefined,
      onResponseStart: (_c, code) => { status = code; },
      onResponseData: (_c, chunk) => { chunks.push(chunk); },
      onResponseEnd: () => { const text = Buffer.concat(chunks).toString('utf8'); resolve({ status, json: text ? JSON.parse(text) : null }); },
      onResponseError: (_c, err) => reject(err),
    });
  });
}
const headersOf = (r, auth) => {
  const h = {};
  for (const [k, v] of Object.entries(r.headers)) if (!SKIP.has(k)) h[k] = k === 'authorization' && auth ? auth : v;
  return h;
};

const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
for (const sql of fx.schema) db.exec(sql);
const insertSql = (table, cols) => db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
const values = (row, cols) => cols.map((c) => row[c]);
for (const r of fx.runs) insertSql('runs', Object.keys(r)).run(values(r, Object.keys(r)));
mark('start');

// BambooHR: one request after another (as mlc reads), each answer parsed whole.
for (const r of fx.bamboohr) {
  const res = await send(bambooUrl, r, headersOf(r));
  if (res.status >= 400) throw new Error(`BambooHR ${r.method} ${r.path}: ${res.status}`);
}
mark('bamboohr');

// The read's rows: employees and dated rows, a transaction per 1,000 people (a page).
const empCols = Object.keys(fx.employees[0]);
const rowCols = Object.keys(fx.datedRows[0]);
const insEmp = insertSql('employees', empCols);
const insRow = insertSql('dated_rows', rowCols);
const byEmp = new Map();
for (const r of fx.datedRows) (byEmp.get(r.employee_id) ?? byEmp.set(r.employee_id, []).get(r.employee_id)).push(r);
for (let i = 0; i < fx.employees.length; i += 1000) {
  db.transaction(() => {
    for (const e of fx.employees.slice(i, i + 1000)) {
      insEmp.run(values(e, empCols));
      for (const r of byEmp.get(e.id) ?? []) insRow.run(values(r, rowCols));
    }
  })();
}
mark('store');

// NetSuite: what comes before the first employee write one by one (the token), then the
// writes ten at a time (mlc's concurrency), each with its 'planned' audit row committed
// before (per chunk of 2,000) and its outcome and link after (committed per 256).
const isWrite = (r) => /\/record\/v1\/employee/.test(r.path) && r.method !== 'GET';
const first = fx.netsuite.findIndex(isWrite);
// A fresh assertion: the recorded one was signed for the recording sandbox (erps.md §4.2).
const { importPKCS8, SignJWT } = await import('jose');
const ns = sb.netsuite;
const tokenUrl = `${netsuiteUrl}/services/rest/auth/oauth2/v1/token`;
const key = await importPKCS8(ns.privateKeyPem, ns.algorithm);
const assertion = await new SignJWT({ scope: 'restlets,rest_webservices' }).setProtectedHeader({ alg: ns.algorithm, kid: ns.certificateId, typ: 'JWT' })
  .setIssuer(ns.clientId).setAudience(tokenUrl).setIssuedAt().setExpirationTime('5m').setJti(crypto.randomUUID()).sign(key);
const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
const token = await send(netsuiteUrl, { method: 'POST', path: '/services/rest/auth/oauth2/v1/token', body: form.toString() }, { 'content-type': 'application/x-www-form-urlencoded' });
if (!token.json?.access_token) throw new Error(`NetSuite token: ${token.status} ${JSON.stringify(token.json)}`);
const auth = `Bearer ${token.json.access_token}`;
for (const r of fx.netsuite.slice(1, first)) await send(netsuiteUrl, r, headersOf(r, auth));
const writes = fx.netsuite.slice(first).filter(isWrite);
const applied = fx.audit.filter((x) => x.status === 'applied');
const others = fx.audit.filter((x) => x.status !== 'applied');
const auditCols = ['run_id', 'flow', 'family', 'employee_id', 'label', 'kind', 'status', 'reason', 'error_code', 'effective_date', 'retro', 'source_hash', 'payload_hash', 'payload_json', 'erp_key', 'replay_of', 'created_at'];
const insAudit = insertSql('audit', auditCols);
const finish = db.prepare('UPDATE audit SET status = ?, attempts = ?, started_at = ?, finished_at = ?, duration_ms = ?, response_json = ?, erp_key = COALESCE(?, erp_key) WHERE id = ?');
const linkCols = Object.keys(fx.links[0]);
const insLink = db.prepare(`INSERT INTO links (${linkCols.join(', ')}) VALUES (${linkCols.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
db.transaction(() => { for (const x of others) insAudit.run(values(x, auditCols)); })();
let queue = [];
const flush = () => { const b = queue; queue = []; db.transaction(() => { for (const w of b) w(); })(); };
for (let c = 0; c < writes.length; c += 2000) {
  const ids = [];
  db.transaction(() => { for (let i = c; i < Math.min(c + 2000, writes.length); i++) ids.push(Number(insAudit.run(values({ ...applied[i], status: 'planned' }, auditCols)).lastInsertRowid)); })();
  let next = c;
  const end = Math.min(c + 2000, writes.length);
  const lane = async () => {
    while (next < end) {
      const i = next++;
      const res = await send(netsuiteUrl, writes[i], headersOf(writes[i], auth));
      if (res.status >= 400) throw new Error(`NetSuite ${writes[i].method} ${writes[i].path}: ${res.status}`);
      const x = applied[i];
      queue.push(() => {
        finish.run('applied', 1, x.started_at, x.finished_at, x.duration_ms, x.response_json, x.erp_key, ids[i - c]);
        insLink.run(values(fx.links[i] ?? fx.links[0], linkCols));
      });
      if (queue.length >= 256) flush();
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  flush();
}
mark('netsuite');
db.close();
await agent.close();
mark('close');
console.log(JSON.stringify({ floorCpuMs: Math.round(cpu() - fixtureMs), fixtureMs: Math.round(fixtureMs), phases, writes: writes.length, bamboohrRequests: fx.bamboohr.length }));
