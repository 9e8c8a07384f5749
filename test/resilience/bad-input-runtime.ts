// Bad input at run time: secrets, names and dates, what BambooHR and NetSuite answer, the
// state database, locks and clocks. Each with its exit code and message.
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../src/store/migrations.js';
import { exportPKCS8, generateKeyPair } from 'jose';
import { chmodSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { departmentsCsv } from '../../src/sim/netsuite/sandbox.js';
import { State } from '../../src/store/state.js';
import type { Case, Ctx } from './bad-input-types.js';

const bambooFail = (c: Ctx, entry: Record<string, unknown>) => c.t.sb.bamboo.setFaults({ failNext: [entry as never] });
const nsFail = (c: Ctx, entry: Record<string, unknown>) => c.t.sb.netsuite.setFaults({ failNext: [entry as never] });
const writable = (c: Ctx) => State.open(join(c.dir, 'mlc.db'), { busyTimeoutMs: 5000 });
const moveSomeone = (c: Ctx) => {
  c.t.sb.bamboo.clock.advance(60_000);
  const e = c.t.sb.bamboo.company.list().find((x) => c.t.sb.bamboo.company.view(x).d.status === 'Active')!;
  c.t.sb.bamboo.company.addJobInfo(e.id, { date: c.t.sb.bamboo.clock.today(), department: 'IT' });
  return e.id;
};

export const CASES_RUNTIME: Case[] = [
  // secrets
  { name: 'BambooHR API key missing', prepare: 'fresh', env: { MLC_BAMBOOHR_API_KEY: '' }, code: 4, says: 'secret bamboohr.api_key is not set' },
  { name: 'BambooHR API key refused', prepare: 'synced', env: { MLC_BAMBOOHR_API_KEY: 'revoked-key-0000' }, code: 4, says: /BambooHR GET \/api\/v1\/employees\/changed: HTTP 401/ },
  { name: 'NetSuite private key missing', prepare: 'synced', arrange: moveSomeone, env: { MLC_NETSUITE_PRIVATE_KEY: '' }, code: 4, says: 'secret netsuite.private_key is not set' },
  { name: 'NetSuite private key not a PEM', prepare: 'synced', arrange: moveSomeone, env: { MLC_NETSUITE_PRIVATE_KEY: 'hunter2' }, code: 4, says: 'secret netsuite.private_key is not a PEM private key' },
  {
    name: 'NetSuite private key of another certificate', prepare: 'synced', code: 4, says: 'NetSuite refused the client credentials of target "netsuite" (invalid_client',
    arrange: async (c) => {
      moveSomeone(c);
      c.vars.key = await exportPKCS8((await generateKeyPair('ES256', { extractable: true })).privateKey);
    },
    env: (c) => ({ MLC_NETSUITE_PRIVATE_KEY: c.vars.key ?? '' }),
  },
  // unmapped values
  {
    name: 'unmapped department parks the record', prepare: 'synced', code: 1, says: /1 parked/,
    arrange: (c) => void c.t.sb.bamboo.company.hire({ firstName: 'Rae', lastName: 'Unmapped', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' }),
    repair: (c) => {
      const id = c.t.sb.netsuite.records.addReference('department', { name: 'Skunkworks' });
      writeFileSync(join(c.dir, 'departments.csv'), `${departmentsCsv()}Skunkworks,${id}\n`);
    },
  },
  {
    name: 'unmapped department in strict mode stops before any write', prepare: 'synced', code: 2, says: 'has unmapped values and the flow says unmapped: fail; nothing was written',
    arrange: (c) => {
      c.edit((y) => y.replace('    target: netsuite\n', '    target: netsuite\n    unmapped: fail\n'));
      c.t.sb.bamboo.company.hire({ firstName: 'Rae', lastName: 'Strict', department: 'Skunkworks', division: 'EMEA', location: 'Berlin, Germany', jobTitle: 'Engineer' });
    },
    repair: (c) => {
      const id = c.t.sb.netsuite.records.addReference('department', { name: 'Skunkworks' });
      writeFileSync(join(c.dir, 'departments.csv'), `${departmentsCsv()}Skunkworks,${id}\n`);
    },
  },
  // names and dates
  {
    name: "names with quotes, accents, emoji and right-to-left script arrive intact", prepare: 'fresh', code: 0, says: /mlc sync ok/,
    arrange: (c) => void c.t.sb.bamboo.company.hire({ firstName: 'Zoë', lastName: "O'Brien-Núñez \"The Third\" 🚀 כהן", department: 'Sales', division: 'North America', location: 'Denver, Colorado', jobTitle: 'Account Executive' }),
    repair: (c) => {
      const r = c.t.sb.netsuite.records.employees().find((e) => e.firstName === 'Zoë');
      if (r?.lastName !== "O'Brien-Núñez \"The Third\" 🚀 כהן".slice(0, 32) && r?.lastName !== [...`O'Brien-Núñez "The Third" 🚀 כהן`].slice(0, 32).join('')) throw new Error(`name mangled: ${r?.lastName}`);
    },
  },
  {
    name: '0000-00-00 and empty dates are read as no date', prepare: 'fresh', code: 0, says: /mlc sync ok/,
    arrange: (c) => {
      // The generated company carries BambooHR's "0000-00-00" (and "") in real places.
      if (!c.t.sb.bamboo.company.data.employees.some((e) => e.originalHireDate === '0000-00-00')) throw new Error('no 0000-00-00 date in the generated company');
    },
  },
  {
    name: 'an impossible date in a dated row is never applied, and said so', prepare: 'synced', code: 0, says: /note: employee \d+: jobInfo\.date "2026-02-30" is not a date; treated as empty; the row is never applied/,
    arrange: (c) => {
      const id = moveSomeone(c);
      bambooFail(c, { status: 200, pathPrefix: '/api/v1/employees/changed/tables/jobInfo', contentType: 'application/json', body: JSON.stringify({ table: 'jobInfo', employees: { [id]: { lastChanged: '2026-01-01T00:00:00Z', rows: [{ date: '2020-01-01', department: 'Sales', division: 'North America', location: 'Denver, Colorado', jobTitle: 'AE' }, { date: '2026-02-30', department: 'Legal', division: 'EMEA', location: 'London, UK', jobTitle: 'Counsel' }] } } }) });
    },
  },
  // what BambooHR answers
  { name: 'XML where JSON was expected', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 200, contentType: 'text/xml; charset=UTF-8', body: '<?xml version="1.0"?><employees latest="x"/>' }), code: 3, says: 'answered XML (text/xml; charset=utf-8) where JSON was expected' },
  { name: 'an HTML error page where JSON was expected', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 502, contentType: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head></html>', times: 10 }), code: 3, says: 'HTTP 502' },
  { name: 'a truncated JSON body', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 200, contentType: 'application/json', body: '{"latest":"2026-01-01T00:00:00+00:00","employees":{"1":{"id":"1",' }), code: 3, says: 'answered malformed JSON' },
  {
    name: 'an oversized body is refused, not buffered', prepare: 'synced', code: 3, says: /exceeds the 65536-byte limit/,
    arrange: (c) => {
      c.edit((y) => y.replace('  auth: apiKey\n', '  auth: apiKey\n  maxResponseBytes: 65536\n'));
      bambooFail(c, { status: 200, contentType: 'application/json', body: JSON.stringify({ latest: 'x', employees: [], pad: 'x'.repeat(200_000) }) });
    },
    repair: (c) => c.edit((y) => y.replace('  maxResponseBytes: 65536\n', '')),
  },
  { name: 'a wrong Content-Type (CSV) where JSON was expected', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 200, contentType: 'text/csv', body: 'id,action\n1,Updated\n' }), code: 3, says: 'answered malformed JSON' },
  { name: 'a 200 carrying an error document', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 200, contentType: 'application/json', body: '{"error":{"code":429,"message":"Over rate limit, please try again in 60 seconds"}}' }), code: 3, says: 'answered HTTP 200 with an error: Over rate limit, please try again in 60 seconds' },
  { name: 'an unexpected JSON shape', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 200, contentType: 'application/json', body: '{"latest":"x","employees":"many"}' }), code: 3, says: 'answered unexpected data (employees:' },
  { name: 'BambooHR failing with 500s', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 500, times: 20 }), code: 3, says: /HTTP 500/ },
  { name: 'BambooHR asking to wait longer than allowed', prepare: 'synced', arrange: (c) => bambooFail(c, { status: 429, retryAfter: 3600 }), code: 3, says: 'still throttled after 1 attempts' },
  { name: 'BambooHR unreachable', prepare: 'synced', arrange: (c) => c.edit((y) => y.replace(/baseUrl: http:\/\/127\.0\.0\.1:\d+\n  auth/, 'baseUrl: http://127.0.0.1:9\n  auth').replace('  auth: apiKey\n', '  auth: apiKey\n  retry: { maxAttempts: 2 }\n')), code: 3, says: 'bamboohr: GET /api/v1/employees/changed failed after 2 attempts: connection refused by 127.0.0.1:9: nothing listens there (ECONNREFUSED)\n  hint: check bamboohr.baseUrl (http://127.0.0.1:9)', repair: (c) => c.edit(() => c.t.sb.configYaml({ statePath: './mlc.db', lookupFiles: true })) },
  { name: 'requested fields left out (a key that cannot read pay)', prepare: 'synced', arrange: moveSomeone, env: { MLC_BAMBOOHR_API_KEY: 'sim-restricted-key' }, code: 6, says: /BambooHR did not return 6 requested fields: .*payRate/ },
  // what NetSuite answers
  { name: 'NetSuite rejecting a record parks it with NetSuite\'s words', prepare: 'synced', arrange: (c) => { moveSomeone(c); nsFail(c, { status: 400, method: 'PUT', errorCode: 'USER_ERROR', detail: 'Please enter value(s) for: Email' }); }, code: 1, says: /1 parked/ },
  { name: 'NetSuite failing one record leaves it open for the next run', prepare: 'synced', arrange: (c) => { moveSomeone(c); nsFail(c, { status: 500, method: 'PUT' }); }, code: 1, says: /1 failed/ },
  { name: 'NetSuite refusing the login twice', prepare: 'synced', arrange: (c) => { moveSomeone(c); nsFail(c, { status: 401, times: 50 }); }, code: 4, says: 'INVALID_LOGIN' }, // every request refused, as a real refused login is
  { name: 'NetSuite unreachable', prepare: 'synced', arrange: (c) => { moveSomeone(c); c.edit((y) => y.replace(/baseUrl: http:\/\/127\.0\.0\.1:\d+\n    clientId/, 'baseUrl: http://127.0.0.1:9\n    clientId').replace('    concurrency: 4\n', '    concurrency: 4\n    retry: { maxAttempts: 2 }\n')); }, code: 3, says: /netsuite: [A-Z]+ \S+ failed( after 2 attempts)?: connection refused by 127\.0\.0\.1:9: nothing listens there \(ECONNREFUSED\)\n {2}hint: check targets\.netsuite\.baseUrl \(http:\/\/127\.0\.0\.1:9\)/, repair: (c) => c.edit(() => c.t.sb.configYaml({ statePath: './mlc.db', lookupFiles: true })) },
  // the state database
  { name: 'a corrupted state database', prepare: 'synced', arrange: (c) => writeFileSync(join(c.dir, 'mlc.db'), 'garbage'.repeat(1000)), code: 70, says: 'is damaged or not a SQLite file', repair: (c) => { for (const f of ['mlc.db', 'mlc.db-wal', 'mlc.db-shm']) writeFileSync(join(c.dir, f), ''); } },
  {
    name: 'a state database written by a newer mlc', prepare: 'synced', code: 70, says: /was written by a newer mlc \(schema 99/,
    arrange: (c) => { const s = writable(c); s.db.pragma('user_version = 99'); s.close(); },
    repair: (c) => {
      const raw = new Database(join(c.dir, 'mlc.db'));
      raw.pragma(`user_version = ${LATEST_VERSION}`);
      raw.close();
    },
  },
  {
    // The user's own setup, not a bug: exit 2 with the path to fix (issue 10).
    name: 'a state database mlc may not write', prepare: 'synced', code: 2, says: /cannot write the state database .*mlc\.db \((SQLITE_(CANTOPEN|READONLY)\w*|EACCES)\)\n {2}hint: the user running mlc must be able to write/,
    arrange: (c) => { chmodSync(c.dir, 0o755); chmodSync(c.t.config, 0o644); chmodSync(join(c.dir, 'departments.csv'), 0o644); },
    prefix: () => (process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : ['sh', '-c', 'chmod 0400 "$0"; exec "$@"', 'mlc.db']),
  },
  {
    name: 'a full disk while writing the state', prepare: 'synced', code: 70, says: /(disk full while writing|state database .*mlc\.db: (database or disk is full|disk I\/O error))/,
    arrange: (c) => { moveSomeone(c); for (let i = 0; i < 3; i++) c.t.sb.bamboo.company.hire({ firstName: 'Disk', lastName: `Full${i}`, department: 'IT', division: 'APAC', location: 'Singapore', jobTitle: 'Engineer' }); const s = writable(c); s.db.pragma('wal_checkpoint(TRUNCATE)'); s.close(); },
    prefix: () => ['sh', '-c', 'trap "" XFSZ; ulimit -f 0; exec "$@"', 'mlc'],
  },
  // locks and clocks
  { name: 'a lock left by a killed run on this host is taken over', prepare: 'synced', arrange: (c) => { const s = writable(c); s.db.prepare("INSERT INTO lease VALUES ('sync', 'dead', 999999, ?, 'sync', '2026-01-01T00:00:00Z', ?)").run(hostname(), new Date().toISOString()); s.close(); }, code: 0, says: /mlc sync ok/ },
  { name: 'a stale lock from another host is taken over', prepare: 'synced', arrange: (c) => { const s = writable(c); s.db.prepare("INSERT INTO lease VALUES ('sync', 'old', 1, 'elsewhere', 'sync', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run(); s.close(); }, code: 0, says: /mlc sync ok/ },
  {
    name: 'a live lock held by another run', prepare: 'synced', code: 5, says: /another run holds the lock: pid \d+ on elsewhere \(sync\)/,
    arrange: (c) => { const s = writable(c); s.db.prepare("INSERT INTO lease VALUES ('sync', 'live', 1, 'elsewhere', 'sync', ?, ?)").run(new Date().toISOString(), new Date().toISOString()); s.close(); },
    repair: (c) => { const s = writable(c); s.db.prepare('DELETE FROM lease').run(); s.close(); },
  },
  {
    name: 'BambooHR\'s clock hours behind ours loses no change (the cursor is BambooHR\'s)', prepare: 'synced', code: 0, says: /1 updated/,
    arrange: (c) => {
      // Hours behind ours, but never behind what BambooHR has already reported: the sandbox's
      // data is changed up to a minute before it starts, and a clock set back past its own
      // lastChanged (a change dated before the cursor) made this case fail early in the UTC day.
      const s = c.db();
      const cursor = Date.parse(s.cursors.get('employees')!.value);
      s.close();
      c.t.sb.bamboo.clock.set(new Date(Math.max(Date.now() - 3 * 3600_000, cursor + 6 * 60_000)).toISOString());
      c.t.sb.bamboo.clock.advance(120_000);
      moveSomeone(c);
    },
  },
  {
    name: 'our clock days ahead of BambooHR (MLC_NOW) loses no change', prepare: 'synced', code: 0, says: /1 updated/, env: { MLC_NOW: new Date(Date.now() + 2 * 86_400_000).toISOString() },
    arrange: moveSomeone,
  },
];
