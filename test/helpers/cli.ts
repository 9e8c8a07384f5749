import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MLC_BIN = fileURLToPath(new URL('../../bin/mlc.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (npm test builds first) as a child process, the way cron would: no TTY,
 * a controlled environment (nothing inherited but PATH/HOME unless given), optional stdin.
 */
export function runMlc(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string; cwd?: string; timeoutMs?: number; prefix?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };
    for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
    // `prefix` runs mlc through another command (ulimit, setpriv): prefix… node mlc.js args…
    const [cmd, ...pre] = opts.prefix ?? [process.execPath];
    const argv = opts.prefix ? [...pre, process.execPath, MLC_BIN, ...args] : [MLC_BIN, ...args];
    const child = spawn(cmd!, argv, { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
