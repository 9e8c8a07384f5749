#!/usr/bin/env node
// Smoke test of the Sage 100 agent's COM path, for the installer to run ON THE SAGE SERVER
// against a TEST company (see src/agent/sage100/README.md "Smoke test"). It loads the
// agent.yaml you will run as a service, starts the real agent in-process on 127.0.0.1 with a
// throw-away API key and certificate, and drives it over HTTPS exactly as mlc will:
// info (session, logon, PR_Employee_bus probe), the four table reads (ProvideX browse and
// GetValue by reference through winax), the account structure checked against real GL
// accounts, and with --write an idempotent sub-account write (created/updated, then
// unchanged). --busy-check lets you hold the record in Sage and prints the BOI's busy text.
//
//   node scripts/sage100-smoke.js --config C:\mlc-agent\agent.yaml [--write --segment 02 --code ZZ] [--account 6000-ZZ-01] [--busy-check]
//
// --rehearse accepts a `memory` config too, to try the script itself anywhere.
//
// Exit 0 when every step passed, 1 otherwise. Needs `npm run build` and `npm install winax`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Agent, request } from 'undici';

const dist = new URL('../dist/agent/sage100/', import.meta.url);
const { loadAgentConfig } = await import(new URL('config/load.js', dist).href);
const { selectBoi } = await import(new URL('boi/select.js', dist).href);
const { startAgent } = await import(new URL('agent.js', dist).href);
const { splitAccount } = await import(new URL('boi/structure.js', dist).href);

const { values: args } = parseArgs({
  options: {
    config: { type: 'string', default: 'agent.yaml' },
    write: { type: 'boolean', default: false },
    segment: { type: 'string', default: '02' },
    code: { type: 'string' },
    account: { type: 'string' },
    'busy-check': { type: 'boolean', default: false },
    rehearse: { type: 'boolean', default: false },
  },
});

let failures = 0;
const pass = (step, detail = '') => console.log(`PASS  ${step}${detail ? `: ${detail}` : ''}`);
const fail = (step, detail) => {
  failures += 1;
  console.log(`FAIL  ${step}: ${detail}`);
};

const { config, dir } = loadAgentConfig(args.config);
if (config.boi.implementation !== 'com' && !args.rehearse) {
  console.log(`FAIL  config: boi.implementation is "${config.boi.implementation}"; the smoke test is for "com"`);
  process.exit(1);
}
pass('config', `${args.config}, company ${config.boi.company}`);

const scratch = mkdtempSync(join(tmpdir(), 'mlc-sage100-smoke-'));
const key = randomBytes(24).toString('base64url');
const smokeConfig = {
  ...config,
  listen: { host: '127.0.0.1', port: 0 },
  auth: { apiKey: { hashFile: join(scratch, 'unused'), env: 'MLC_SAGE100_SMOKE_KEY' } },
  tls: { ...config.tls, certFile: join(scratch, 'cert.pem'), keyFile: join(scratch, 'key.pem') },
  log: { level: 'silent' },
};

let agent;
let dispatcher;
try {
  const boi = await selectBoi(smokeConfig, dir);
  if (boi.implementation === 'com') pass('winax', 'the COM binding loaded');
  agent = await startAgent({ config: smokeConfig, dir, boi: boi.factory, implementation: boi.implementation, logger: pino({ level: 'silent' }), env: { ...process.env, MLC_SAGE100_SMOKE_KEY: key } });
  pass('session', `ProvideX.Script → SY_Session → SetUser/SetCompany ${config.boi.company} succeeded`);
  dispatcher = new Agent({ connect: { ca: agent.certPem } });
  await steps();
} catch (err) {
  fail('start', err instanceof Error ? err.message : String(err));
} finally {
  await agent?.close().catch(() => undefined);
  await dispatcher?.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failures === 0 ? '\nall steps passed' : `\n${failures} step(s) failed`);
process.exit(failures === 0 ? 0 : 1);

async function api(method, path, body) {
  const res = await request(`${agent.url}${path}`, {
    method,
    dispatcher,
    headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, body: await res.body.json() };
}

async function steps() {
  const info = await api('GET', '/v1/info');
  if (info.status === 200) pass('info', `BOI ${info.body.boi.implementation}, PR_Employee_bus ${info.body.capabilities.prEmployeeBus ? 'available' : `not available (${info.body.capabilities.prEmployeeBusReason})`}`);
  else fail('info', JSON.stringify(info.body));
  for (const table of ['GL_AccountStructure', 'GL_MainAccount', 'GL_SubAccount', 'GL_Account']) {
    const r = await api('GET', `/v1/tables/${table}?limit=5`);
    if (r.status === 200) pass(`read ${table}`, `${r.body.rows.length} row(s); first: ${JSON.stringify(r.body.rows[0] ?? null)}`);
    else fail(`read ${table}`, JSON.stringify(r.body));
  }
  await structureCheck();
  if (args.write) await writeCheck();
  if (args.account) await accountCheck(args.account);
  if (args['busy-check']) await busyCheck();
}

/** GL_AccountStructure's layout is NOT FOUND: check the configured structure against real accounts. */
async function structureCheck() {
  const r = await api('GET', '/v1/tables/GL_Account?limit=200&fields=Account');
  if (r.status !== 200) return fail('account structure', JSON.stringify(r.body));
  const misfits = r.body.rows.map((row) => row.Account).filter((a) => 'error' in splitAccount(config.boi.accountStructure, a));
  if (misfits.length === 0) pass('account structure', `boi.accountStructure fits all ${r.body.rows.length} account(s) read`);
  else fail('account structure', `boi.accountStructure does not fit ${misfits.length} account(s), e.g. ${misfits.slice(0, 3).join(', ')}`);
}

function testKey() {
  const length = config.boi.accountStructure.segments[Number(args.segment) - 1]?.length ?? 2;
  return { SegmentNo: args.segment, SubAccountCode: args.code ?? 'Z'.repeat(length) };
}

async function writeCheck() {
  // Inactive unless --account will build an account on it (Sage refuses inactive segment values there).
  const body = { key: testKey(), fields: { SubAccountDesc: 'mlc smoke test', Status: args.account ? 'A' : 'I' } };
  const first = await api('POST', '/v1/objects/GL_SubAccount_bus/write', body);
  if (first.status === 200) pass('write sub-account', `${first.body.outcome} (SetKey ${first.body.setKey})`);
  else return fail('write sub-account', JSON.stringify(first.body));
  const again = await api('POST', '/v1/objects/GL_SubAccount_bus/write', body);
  if (again.body.outcome === 'unchanged') pass('idempotent write', 'the same write again is unchanged (GetValue by reference compares equal)');
  else fail('idempotent write', JSON.stringify(again.body));
  const read = await api('GET', `/v1/tables/GL_SubAccount?where.SegmentNo=${body.key.SegmentNo}&where.SubAccountCode=${body.key.SubAccountCode}`);
  if (read.body.rows?.[0]?.SubAccountDesc === 'mlc smoke test') pass('read back', 'the written description is read back');
  else fail('read back', JSON.stringify(read.body));
}

async function accountCheck(account) {
  const r = await api('POST', '/v1/objects/GL_Account_bus/write', { key: { Account: account }, fields: {} });
  if (r.status === 200) pass('write account', `${account}: ${r.body.outcome} (SetKey ${r.body.setKey})`);
  else fail('write account', `${account}: ${r.body.lastErrorMsg ?? JSON.stringify(r.body)}`);
}

/** The BOI's text for a locked record is NOT FOUND (erps.md §8 D.3): capture it here. */
async function busyCheck() {
  const key = testKey();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  await rl.question(`Open sub-account ${key.SegmentNo}/${key.SubAccountCode} in Sage (General Ledger > Main > Sub Account Maintenance), leave it open, then press Enter… `);
  rl.close();
  const r = await api('POST', '/v1/objects/GL_SubAccount_bus/write', { key, fields: { SubAccountDesc: 'mlc smoke test busy' } });
  if (r.body.outcome === 'busy') pass('busy record', `recognised; LastErrorMsg: "${r.body.lastErrorMsg}"`);
  else fail('busy record', `outcome ${r.body.outcome}, LastErrorMsg "${r.body.lastErrorMsg}": add a pattern matching it to boi.busyPatterns`);
}
