// A fleet folder for tests: one simulator pair (BambooHR + NetSuite) per company, each
// company's config as <file>.yaml in the folder with its state and lookups in <file>/, and its
// secrets in the company's own namespace (MLC_<COMPANY>_…). Each company is also a
// TestSandbox, so the suites' truth (expectErpMatchesBamboo) applies to it unchanged.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startSandbox, type SandboxOptions } from '../../src/app/sandbox.js';
import { State } from '../../src/store/state.js';
import { MLC_BIN, runMlc, type CliResult } from '../helpers/cli.js';
import type { TestSandbox } from '../helpers/sandbox.js';

export interface FleetCompany extends TestSandbox {
  /** MLC_COMPANY: the file's base name in upper snake case. */
  name: string;
  /** Secrets under the company's own names (MLC_<COMPANY>_BAMBOOHR_API_KEY…). */
  secrets: Record<string, string>;
  state(): State;
}

export interface TestFleet {
  dir: string;
  companies: FleetCompany[];
  add(file: string, opts?: Partial<SandboxOptions>): Promise<FleetCompany>;
  /** Every company's namespaced secrets, as the operator would export them. */
  env(): Record<string, string>;
  /** `mlc fleet …args` with every company's secrets (or only `secrets`) and `env` on top. */
  run(args: string[], env?: Record<string, string>, secrets?: Record<string, string>): Promise<CliResult>;
  json<T>(args: string[], env?: Record<string, string>, secrets?: Record<string, string>): Promise<{ res: CliResult; out: T }>;
  /** `mlc fleet …args` in the background, its output readable while it runs. */
  start(args: string[], env?: Record<string, string>, opts?: { detached?: boolean }): RunningFleet;
}

export interface RunningFleet {
  pid: number;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

export const upper = (file: string) => file.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/** MLC_BAMBOOHR_API_KEY → MLC_ACME_BAMBOOHR_API_KEY. */
export function namespaced(company: string, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k.replace(/^MLC_/, `MLC_${company}_`), v]));
}

export function parseJson<T>(res: CliResult): T {
  try {
    return JSON.parse(res.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${res.code}): ${res.stdout}\n${res.stderr}`);
  }
}

async function company(dir: string, file: string, opts: Partial<SandboxOptions>): Promise<FleetCompany> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date());
  const sb = await startSandbox({ seed: 17, size: 20, start: `${today}T19:00:00Z`, ...opts });
  const home = join(dir, file);
  mkdirSync(home, { recursive: true });
  for (const [name, text] of Object.entries(sb.erp.files())) writeFileSync(join(home, name), text);
  const config = join(dir, `${file}.yaml`);
  const rewriteConfig = () => writeFileSync(config, sb.configYaml({ statePath: `./${file}/mlc.db`, lookupFiles: true }).replaceAll('file: ./', `file: ./${file}/`));
  rewriteConfig();
  const name = upper(file);
  const env = { ...sb.env(), HOME: home };
  const run = (args: string[], extra: Record<string, string> = {}) => runMlc([...args, '--config', config], { env: { ...env, ...extra } });
  return {
    sb, dir: home, config, env, name, run, rewriteConfig,
    secrets: namespaced(name, sb.env()),
    state: () => State.open(join(home, 'mlc.db'), { busyTimeoutMs: 5000 }),
    async json<T>(args: string[], extra: Record<string, string> = {}) {
      const res = await run([...args, '--json'], extra);
      return { res, out: parseJson<T>(res) };
    },
    close: () => sb.close(),
  };
}

/** A fleet folder under `tmp()`, every company's simulators closed after the test. */
export function useFleet(tmp: () => string): () => TestFleet {
  const open: FleetCompany[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  return () => {
    const dir = tmp();
    const companies: FleetCompany[] = [];
    const env = () => Object.assign({}, ...companies.map((c) => c.secrets)) as Record<string, string>;
    const run = (args: string[], extra: Record<string, string> = {}, secrets = env()) => runMlc(['fleet', ...args], { env: { HOME: dir, ...secrets, ...extra }, timeoutMs: 120_000 });
    return {
      dir, companies, env, run,
      async add(file, opts = {}) {
        const c = await company(dir, file, opts);
        open.push(c);
        companies.push(c);
        return c;
      },
      async json<T>(args: string[], extra: Record<string, string> = {}, secrets = env()) {
        const res = await run([...args, '--json'], extra, secrets);
        return { res, out: parseJson<T>(res) };
      },
      start(args, extra = {}, opts = {}) {
        // detached: the fleet leads a process group of its own, as it does under a terminal.
        const child = spawn(process.execPath, [MLC_BIN, 'fleet', ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: dir, ...env(), ...extra }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
        return { pid: child.pid!, stdout: () => stdout, stderr: () => stderr, kill: (s) => void child.kill(s), done };
      },
    };
  };
}

/** The most intervals open at one instant (half-open: an end and a start at the same ms do not overlap). */
export function maxOverlap(intervals: Array<[number, number]>): number {
  const events = intervals.flatMap(([a, b]) => [[a, 1], [b, -1]] as Array<[number, number]>).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (open += d));
  return max;
}

/**
 * An HTTP gate in front of a simulator: requests are held until release(), then passed on.
 * It makes "this company is still running" a fact the test controls, not a race.
 */
export async function gate(target: string): Promise<{ url: string; held(): number; release(): void; close(): Promise<void> }> {
  let open!: () => void;
  const released = new Promise<void>((r) => (open = r));
  let held = 0;
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    held++;
    await released;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)).map(([k, v]) => [k, String(v)]));
    const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    const body = Buffer.from(await answer.arrayBuffer());
    const out = Object.fromEntries([...answer.headers].filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)));
    res.writeHead(answer.status, out).end(body);
  };
  const server = createServer((req, res) => void forward(req, res).catch(() => res.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held,
    release: () => open(),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** Points a company's BambooHR at another address (a gate). */
export function pointBambooAt(c: FleetCompany, url: string): void {
  writeFileSync(c.config, readFileSync(c.config, 'utf8').replace(c.sb.bamboo.url, url));
}
