// One company's sync in a child process of its own (`node bin/mlc.js sync --config <file>
// --json`): a crash, a hang or a memory blow-up in one company ends that process only. The
// child is the ordinary `mlc sync`, so it takes its own lock, notifies per its own `notify:`
// and stops tidily on SIGTERM (finishes the writes in flight, records the rest, exits 128+n).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RunCounts } from '../sync/summary.js';
import { statusOf, type CompanyResult } from './outcome.js';
import type { Company } from './companies.js';

/** bin/mlc.js, from src/app/fleet or dist/app/fleet alike. */
export const MLC_BIN = fileURLToPath(new URL('../../../bin/mlc.js', import.meta.url));

export interface ChildOptions {
  env: Record<string, string>;
  dryRun: boolean;
  /** V8 heap limit of the child in MB: a company that outgrows it crashes alone. */
  maxMemoryMb?: number | undefined;
  /** Each line the child writes to stderr (its warnings and error report). */
  onStderr?: (line: string) => void;
}

export interface RunningChild {
  pid: number | undefined;
  /** Forwards a stop request; the child's own handler makes it tidy (signals.ts). */
  signal(name: NodeJS.Signals): void;
  done: Promise<CompanyResult>;
}

export function startChild(company: Company, opts: ChildOptions): RunningChild {
  const node = opts.maxMemoryMb ? [`--max-old-space-size=${opts.maxMemoryMb}`] : [];
  const args = [...node, MLC_BIN, 'sync', '--config', company.file, '--json', ...(opts.dryRun ? ['--dry-run'] : [])];
  const t0 = Date.now();
  // Its own process group: a Ctrl-C at the terminal reaches the fleet alone, which forwards it
  // once. Were the children in the fleet's group, each would get it twice, and a second signal
  // means "stop now" to mlc sync.
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(process.execPath, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, windowsHide: true });
  } catch (err) {
    // A synchronous refusal (an environment too large, say) is this company's failure alone.
    const now = new Date(t0).toISOString();
    const error = `could not start: ${err instanceof Error ? err.message : String(err)}`;
    return { pid: undefined, signal: () => undefined, done: Promise.resolve({ name: company.name, file: company.file, status: 'internal', exitCode: null, signal: null, startedAt: now, endedAt: now, durationMs: 0, counts: null, summary: null, error }) };
  }
  const out: Buffer[] = [];
  let err = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) opts.onStderr?.(l);
  });
  const done = new Promise<CompanyResult>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (partial) opts.onStderr?.(partial);
      const t1 = Date.now();
      const summary = parseSummary(Buffer.concat(out).toString());
      const exitCode = signal ? 128 + (constants.signals[signal] ?? 0) : code;
      resolve({
        name: company.name,
        file: company.file,
        status: statusOf(code, signal),
        exitCode,
        signal,
        startedAt: new Date(t0).toISOString(),
        endedAt: new Date(t1).toISOString(),
        durationMs: t1 - t0,
        counts: (summary?.counts as RunCounts | undefined) ?? null,
        summary,
        error: spawnError ?? errorReport(err, code, signal),
      });
    };
    child.once('error', (e) => finish(null, null, `could not start: ${e.message}`));
    child.once('close', (code, signal) => finish(code, signal));
  });
  return {
    pid: child.pid,
    signal: (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
    done,
  };
}

/** The child's JSON summary; a dry run's plan items stay out of the fleet's report. */
function parseSummary(stdout: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(stdout);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const { plan: _plan, ...rest } = v as Record<string, unknown>;
    return rest;
  } catch {
    return null;
  }
}

/** The `mlc: error:` report with its indented lines (hint, config problems), or how it ended. */
export function errorReport(stderr: string, code: number | null, signal: string | null): string | null {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => /^mlc: (internal )?error:/.test(l));
  if (at >= 0) {
    const rest = lines.slice(at + 1);
    const end = rest.findIndex((l) => !/^\s+\S/.test(l));
    return [lines[at]!.replace(/^mlc: error: /, ''), ...(end < 0 ? rest : rest.slice(0, end)).map((l) => l.trim())].join('\n');
  }
  // V8 says why it aborted (the heap limit: --max-memory) before the signal ends the process.
  const fatal = lines.find((l) => l.includes('FATAL ERROR:'))?.trim();
  if (signal) return `killed by ${signal}${fatal ? ` (${fatal})` : ''} (no tidy stop: the next run takes the lock over and resumes)`;
  if (code !== 0 && code !== 1) return `exited with code ${String(code)} and no error report`;
  return null;
}
