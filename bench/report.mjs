#!/usr/bin/env node
// Benchmark of `mlc report` on a large history (`node bench/report.mjs`, or the `report`
// scenario of `npm run bench`; not part of `npm test`): a state database with 10,000
// employees (dated rows included, 5% with a change scheduled) and 1,000 runs over the last 29
// days, written through the stores, then `mlc report` and `mlc report --json` timed end to
// end as a separate process, and the gather / render split measured in process.
// Target (issue 15): under 2 s and a few MB.
// Usage: node bench/report.mjs [--employees 10000] [--runs 1000] [--json]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/mlc.js', import.meta.url));
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { State } = await import(dist('store/state.js'));
const { values: a } = parseArgs({ options: { employees: { type: 'string', default: '10000' }, runs: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
const EMPLOYEES = Number(a.employees);
const RUNS = Number(a.runs);

const DEPARTMENTS = ['Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'Human Resources', 'Operations', 'Legal', 'IT', 'Research & Development'];
const DIVISIONS = ['North America', 'EMEA', 'APAC'];
const LOCATIONS = ['Denver, Colorado', 'New York, New York', 'Toronto, Ontario', 'Vancouver, British Columbia', 'London, UK', 'Berlin, Germany', 'Dublin, Ireland', 'Singapore'];
const DAY = 86_400_000;
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

function config(dir) {
  // One flow; "Research & Development" is left out of the lookup, so some records are unmapped.
  const csv = ['bamboohr_department,netsuite_department_id', ...DEPARTMENTS.slice(0, -1).map((d, i) => `"${d}",${101 + i}`)].join('\n');
  writeFileSync(join(dir, 'departments.csv'), `${csv}\n`);
  const inline = (values, first) => values.map((v, i) => `          "${v}": "${first + i}"`).join('\n');
  writeFileSync(join(dir, 'mlc.yaml'), `timezone: America/Denver
state:
  path: ./mlc.db
bamboohr:
  companyDomain: acme
  baseUrl: http://127.0.0.1:9
targets:
  netsuite:
    type: netsuite
    accountId: 1234567_SB1
    baseUrl: http://127.0.0.1:9
    clientId: bench-client
    certificateId: bench-cert
flows:
  employees:
    target: netsuite
    references:
      subsidiary: { value: "2" }
      department:
        from: department
        lookup: { file: ./departments.csv }
      class:
        from: division
        lookup:
${inline(DIVISIONS, 1)}
      location:
        from: location
        lookup:
${inline(LOCATIONS, 11)}
`);
}

function employees(s, now) {
  for (let i = 1; i <= EMPLOYEES; i++) {
    const id = String(i);
    const job = { department: DEPARTMENTS[i % DEPARTMENTS.length], division: DIVISIONS[i % 3], location: LOCATIONS[i % LOCATIONS.length], jobTitle: `Title ${i % 40}` };
    s.rows.saveEmployee(id, { firstName: `First${i}`, lastName: `Last${i}`, status: 'Active', hireDate: '2020-01-06', workEmail: `e${i}@acme.example`, ...job }, null, new Date(now).toISOString());
    const rows = {
      jobInfo: [{ table: 'jobInfo', date: '2020-01-06', seq: 0, data: job }],
      employmentStatus: [{ table: 'employmentStatus', date: '2020-01-06', seq: 0, data: { employmentStatus: 'Full-Time' } }],
      compensation: [{ table: 'compensation', date: '2020-01-06', seq: 0, data: { rate: '65000.00 USD', type: 'Salary', paidPer: 'Year' } }],
    };
    if (i % 20 === 0) rows.jobInfo.push({ table: 'jobInfo', date: day(now + (1 + (i % 30)) * DAY), seq: 1, data: { ...job, department: DEPARTMENTS[(i + 3) % DEPARTMENTS.length] } });
    if (i % 97 === 0) rows.employmentStatus.push({ table: 'employmentStatus', date: day(now + (i % 20) * DAY + DAY), seq: 1, data: { employmentStatus: 'Terminated' } });
    s.rows.replaceTables(id, rows, new Date(now).toISOString(), { hasRows: false });
    s.links.put({ flow: 'employees', employeeId: id, erpKey: String(5000 + i), payloadHash: 'h', sourceHash: 'h', erpState: 'active', appliedAt: new Date(now - 29 * DAY).toISOString() });
  }
}

function oneRun(s, i, now) {
  const started = now - 29 * DAY + Math.floor((i * 29 * DAY) / RUNS);
  const id = `${new Date(started).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${String(i).padStart(6, '0')}`;
  const first = i === 0;
  const counts = { read: first ? EMPLOYEES : 12, created: first ? EMPLOYEES : i % 5, updated: first ? 0 : 4 + (i % 7), deactivated: i % 11 === 0 ? 1 : 0, reactivated: 0, unchanged: first ? 0 : 5, scheduled: i % 3, parked: i % 50 === 0 ? 1 : 0, failed: i % 90 === 0 ? 1 : 0, skipped: 0 };
  const durationMs = first ? 95_000 : 900 + (i % 13) * 70;
  const at = (ms) => new Date(ms).toISOString();
  s.runs.start({ id, command: 'sync', startedAt: at(started), asOf: day(started), dryRun: false });
  const ops = first ? EMPLOYEES : counts.created + counts.updated + counts.deactivated;
  for (let k = 0; k < ops; k++) {
    const employeeId = String(first ? k + 1 : ((i * 37 + k) % EMPLOYEES) + 1);
    const aid = s.audit.insert({ runId: id, flow: 'employees', employeeId, label: `First${employeeId} Last${employeeId}`, kind: first || k < counts.created ? 'create' : 'update', status: 'planned', createdAt: at(started) });
    s.audit.finish(aid, { status: 'applied', attempts: 1, startedAt: at(started + k), finishedAt: at(started + k + 40 + (k % 9) * 5), erpKey: String(5000 + Number(employeeId)) });
  }
  for (const status of ['parked', 'failed']) {
    if (counts[status] === 0) continue;
    const employeeId = String(((i * 13) % EMPLOYEES) + 1);
    const reason = status === 'parked' ? 'department: no lookup for department "Research & Development" in departments.csv' : 'NetSuite answered 503 after 6 attempts';
    s.audit.insert({ runId: id, flow: 'employees', employeeId, label: `First${employeeId} Last${employeeId}`, kind: 'update', status, reason, errorCode: status === 'parked' ? 'unmapped' : 'erp_unavailable', createdAt: at(started) });
  }
  const summary = { runId: id, status: counts.parked + counts.failed ? 'partial' : 'ok', dryRun: false, asOf: day(started), flows: ['employees'], counts, requests: { bamboohr: 5, netsuite: ops }, cursor: at(started), durationMs };
  s.runs.finish(id, { finishedAt: at(started + durationMs), status: summary.status, summary });
  s.cursors.set('employees', at(started), day(started), id, at(started + durationMs));
}

async function timed(args, env) {
  const t0 = performance.now();
  const r = await run(process.execPath, [BIN, ...args], { env, maxBuffer: 1e9 });
  return { ms: Math.round(performance.now() - t0), stdout: r.stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'mlc-bench-report-'));
const results = [];
try {
  config(dir);
  const now = Date.now();
  const t0 = performance.now();
  const s = State.open(join(dir, 'mlc.db'), { busyTimeoutMs: 10_000 });
  s.transaction(() => employees(s, now));
  for (let i = 0; i < RUNS; i += 50) s.transaction(() => { for (let k = i; k < Math.min(RUNS, i + 50); k++) oneRun(s, k, now); });
  for (let k = 0; k < 5; k++) s.inbox.add(String(k + 1), 'Updated', new Date(now).toISOString());
  s.close();
  const seedMs = Math.round(performance.now() - t0);
  const env = { PATH: process.env.PATH, HOME: dir, MLC_LOG_LEVEL: 'silent' };
  const cfg = ['--config', join(dir, 'mlc.yaml')];
  const html = await timed(['report', ...cfg, '--out', join(dir, 'report.html')], env);
  const json = await timed(['report', ...cfg, '--json'], env);
  const model = JSON.parse(json.stdout);
  // In process, without the start-up: gathering from SQLite, then rendering.
  const { AppContext } = await import(dist('app/context.js'));
  const { buildReport } = await import(dist('app/report/index.js'));
  const { renderReportHtml } = await import(dist('report/html/index.js'));
  const ctx = AppContext.create({ config: join(dir, 'mlc.yaml'), env });
  const g0 = performance.now();
  const m = buildReport(ctx, { sinceMs: 30 * DAY, sinceText: '30d', maxAgeMs: 26 * 3_600_000, maxAgeText: '26h' });
  const g1 = performance.now();
  renderReportHtml(m);
  const g2 = performance.now();
  await ctx.close();
  results.push({
    employees: EMPLOYEES, runs: model.runs.length, seedMs, reportWallMs: html.ms, jsonWallMs: json.ms, gatherMs: Math.round(g1 - g0), renderMs: Math.round(g2 - g1),
    htmlKb: Math.round(statSync(join(dir, 'report.html')).size / 1024), jsonKb: Math.round(Buffer.byteLength(json.stdout) / 1024),
    waiting: model.flows[0].open.parked + model.flows[0].open.failed, scheduled: model.flows[0].upcoming.length,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (a.json) console.log(JSON.stringify({ node: process.version, results }, null, 2));
else {
  const cols = Object.keys(results[0]);
  const rows = [cols, ...results.map((r) => cols.map((c) => String(r[c])))];
  const w = cols.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
  console.log(`\nmlc report on ${EMPLOYEES} employees and ${RUNS} runs (wall times include Node start-up; target under 2 s and a few MB); Node ${process.version}`);
}
