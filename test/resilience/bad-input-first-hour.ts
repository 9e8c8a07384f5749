// What a new user trips on in the first hour (issue 10), each with the exit code and the words
// they see: YAML indentation and typos, a lookup file without a header, their own machine's
// setup (state folder, log level, options), network mistakes, secrets and webhooks.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departmentsCsv } from '../../src/sim/netsuite/sandbox.js';
import type { Case, Ctx } from './bad-input-types.js';

const reset = (c: Ctx) => c.edit(() => c.t.sb.configYaml({ statePath: './mlc.db', lookupFiles: true }));
const lineOf = (c: Ctx, text: string) => readFileSync(c.t.config, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const config = (name: string, edit: (y: string) => string, says: Case['says'], more: Partial<Case> = {}): Case => ({
  name, prepare: 'fresh', arrange: (c) => c.edit(edit), code: 2, says, noState: true, repair: reset, ...more,
});
/** Runs mlc as an unprivileged user where the tests run as root (root may write anywhere). */
const asNobody = () => (process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined);
const readableByNobody = (c: Ctx) => {
  chmodSync(c.dir, 0o755);
  chmodSync(c.t.config, 0o644);
  chmodSync(join(c.dir, 'departments.csv'), 0o644);
};
const readOnlyFolder = (c: Ctx) => {
  readableByNobody(c);
  mkdirSync(join(c.dir, 'ro'), { mode: 0o555 });
  chmodSync(join(c.dir, 'ro'), 0o555);
  c.edit((y) => y.replace('path: ./mlc.db', 'path: ./ro/mlc.db'));
};
const NO_DNS = fileURLToPath(new URL('../helpers/dns-invalid.cjs', import.meta.url));
const bambooAt = (url: string) => (y: string) => y.replace(/baseUrl: http:\/\/127\.0\.0\.1:\d+\n {2}auth/, `baseUrl: ${url}\n  auth`);

export const CASES_FIRST_HOUR: Case[] = [
  // YAML and CSV
  config('a de-indented line is reported on that line', (y) => y.replace('    clientId: ', '   clientId: '), (c) => `mlc.yaml:${lineOf(c, 'clientId: mlc-sandbox-client')}:4 YAML: "clientId" is indented 3 spaces, between the 4 of the keys above it`),
  config('an over-indented line is reported on that line, not the one above', (y) => y.replace('    clientId: ', '      clientId: '), (c) => `mlc.yaml:${lineOf(c, 'clientId: mlc-sandbox-client')}:7 YAML: "clientId" is indented 6 spaces, more than line ${lineOf(c, 'clientId: mlc-sandbox-client') - 1} above it (4), which already has a value`),
  config('a typo in a target key gets a did-you-mean', (y) => y.replace('    concurrency: 4', '    concurency: 4'), 'targets.netsuite.concurency: unknown key (did you mean "concurrency"?)'),
  config('a duration written as a number', (y) => y.replace('  path: ./mlc.db', '  path: ./mlc.db\n  busyTimeout: 10000'), 'state.busyTimeout: expected a duration such as 10s, got the number 10000: a duration needs its unit (10000ms is 10s)'),
  {
    ...config('a lookup CSV without a header row', (y) => y, 'departments.csv:1:1 flows.employees.references.department.lookup.file: the first row must be a header naming the columns'),
    arrange: (c) => writeFileSync(join(c.dir, 'departments.csv'), departmentsCsv().split('\n').slice(1).join('\n')),
    repair: (c) => writeFileSync(join(c.dir, 'departments.csv'), departmentsCsv()),
  },
  // the user's own setup: usage or configuration errors (exit 2) with a hint, never 70
  { name: 'MLC_LOG_LEVEL that is not a level', prepare: 'fresh', env: { MLC_LOG_LEVEL: 'bogus' }, code: 2, says: 'MLC_LOG_LEVEL must be one of trace, debug, info, warn, error, silent, got "bogus"\n  hint: fix or unset MLC_LOG_LEVEL', noState: true },
  { name: '--log-level takes the six levels of the config', prepare: 'fresh', args: ['sync', '--log-level', 'error'], code: 0, says: /mlc sync ok/ },
  { name: '--log-level refuses others, naming the six', prepare: 'fresh', args: ['sync', '--log-level', 'loud'], code: 2, says: 'Allowed choices are trace, debug, info, warn, error, silent', noState: true },
  { name: 'audit list --limit that is not a number', prepare: 'synced', args: ['audit', 'list', '--limit', 'abc'], code: 2, says: "option '--limit <n>' argument 'abc' is invalid. expected a whole number such as 100, got \"abc\"" },
  config('a state path under a file', (y) => y.replace('path: ./mlc.db', 'path: ./departments.csv/mlc.db'), /state database .*departments\.csv\/mlc\.db: .*departments\.csv is a file, not a folder\n {2}hint: move that file, or point state\.path elsewhere/),
  {
    name: 'a state folder mlc may not write', prepare: 'fresh', arrange: readOnlyFolder, prefix: asNobody, code: 2, noState: true, repair: reset,
    says: /cannot write the state database .*\/ro\/mlc\.db \((EACCES|SQLITE_CANTOPEN)\)\n {2}hint: the user running mlc must be able to write .*\/ro and the file in it/,
  },
  {
    name: 'config check says the state folder is not writable, and which', prepare: 'fresh', arrange: readOnlyFolder, prefix: asNobody, args: ['config', 'check'], code: 2, noState: true, repair: reset,
    says: /state\.path .*\/ro\/mlc\.db: cannot create .*\/ro\/mlc\.db: the folder .*\/ro is not writable \(EACCES\)/,
  },
  { name: 'config check says the state path is writable', prepare: 'fresh', args: ['config', 'check'], code: 0, says: /mlc\.yaml: OK \(.*state .*\/mlc\.db, writable\)/ },
  // network mistakes: the system, host and port, and the key to check
  {
    name: 'a host name that does not exist is said so at once, not retried', prepare: 'synced', arrange: (c) => c.edit(bambooAt('https://acme-typo.invalid')), env: { NODE_OPTIONS: `--require ${NO_DNS}` }, code: 3, repair: reset,
    says: 'bamboohr: GET /api/v1/employees/changed failed: the host name acme-typo.invalid does not exist (DNS: ENOTFOUND)\n  hint: check bamboohr.baseUrl (https://acme-typo.invalid)',
  },
  {
    name: 'TLS spoken to a plain http port', prepare: 'synced', code: 3, repair: reset,
    arrange: (c) => c.edit((y) => y.replace(/baseUrl: http:\/\/127\.0\.0\.1:(\d+)\n {2}auth/, 'baseUrl: https://127.0.0.1:$1\n  auth')),
    says: (c) => `bamboohr: GET /api/v1/employees/changed failed: the TLS handshake with 127.0.0.1:${new URL(c.t.sb.bamboo.url).port} failed (ERR_SSL_WRONG_VERSION_NUMBER): is it a plain http port`,
  },
  // secrets and small exits
  { name: 'auth set of a secret name nothing reads', prepare: 'fresh', args: ['auth', 'set', 'bamboohr', 'apikey'], code: 2, says: 'bamboohr has no secret named "apikey" (did you mean "api_key"?); nothing was stored\n  hint: bamboohr reads: api_key, client_secret, refresh_token, webhook_key', noState: true },
  { name: 'auth set for a connection that does not exist', prepare: 'fresh', args: ['auth', 'set', 'netsiute', 'private_key'], code: 2, says: 'no connection named "netsiute"', noState: true },
  { name: 'auth delete of a secret that is not stored', prepare: 'fresh', args: ['auth', 'delete', 'bamboohr', 'api_key'], code: 0, says: 'bamboohr.api_key was not stored: nothing to delete\nnote: MLC_BAMBOOHR_API_KEY is set in the environment and still provides bamboohr.api_key', noState: true },
  {
    name: 'webhook register refused by BambooHR for an http URL is a usage error', prepare: 'fresh', args: ['webhook', 'register', '--url', 'http://hooks.example.com/bamboohr/webhook'], code: 2, noState: true,
    says: 'BambooHR refused the webhook for http://hooks.example.com/bamboohr/webhook: Invalid request body: url: must begin with https://\n  hint: BambooHR delivers only to https',
  },
];
