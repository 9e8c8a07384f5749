// Where output goes: results on stdout, everything for humans about the run (progress,
// warnings, errors) on stderr, so `--json` and pipes stay clean. Colour only on a terminal
// and never with NO_COLOR (https://no-color.org).
import { formatProblem, isMlcError, ConfigError } from '../domain/errors.js';
import { scrub } from '../log/redact.js';

export interface Output {
  out(line?: string): void;
  err(line?: string): void;
  json(value: unknown): void;
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const closed = new WeakSet<NodeJS.WritableStream>();

/**
 * A reader that leaves early (`mlc audit list | head -1`) closes the pipe: the next write fails
 * with EPIPE, emitted as an 'error' event that would kill the process with a stack trace.
 * That is not a failure of the command (its work is done; only the reader left), so from then
 * on writes to that stream are dropped and the command ends with its own exit code.
 */
export function survivePipeClose(stream: NodeJS.WritableStream): void {
  if ((stream as { mlcGuarded?: boolean }).mlcGuarded) return;
  (stream as { mlcGuarded?: boolean }).mlcGuarded = true;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    closed.add(stream);
  });
}

function writer(stream: NodeJS.WriteStream): (text: string) => void {
  survivePipeClose(stream);
  return (text) => {
    if (!closed.has(stream) && !stream.destroyed) stream.write(text);
  };
}

export function createOutput(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const color = Boolean(stderr.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  const wrap = (code: string) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const toOut = writer(stdout);
  const toErr = writer(stderr);
  return {
    color,
    out: (line = '') => toOut(scrub(line) + '\n'),
    err: (line = '') => toErr(scrub(line) + '\n'),
    json: (value) => toOut(scrub(JSON.stringify(value, null, 2)) + '\n'),
    bold: wrap('1'),
    dim: wrap('2'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
  };
}

/** The error report every command shares: message, each config problem, a hint. */
export function reportError(o: Output, err: unknown): void {
  if (err instanceof ConfigError) {
    o.err(`${o.red('mlc: error:')} ${err.message}`);
    for (const p of err.problems) o.err(`  ${formatProblem(p)}`);
    return;
  }
  if (isMlcError(err)) {
    o.err(`${o.red('mlc: error:')} ${err.message}`);
    if (err.hint) o.err(`  hint: ${err.hint}`);
    return;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  o.err(`${o.red('mlc: internal error:')} ${e.message}`);
  if (e.stack) o.err(o.dim(e.stack.split('\n').slice(1, 6).join('\n')));
  o.err('  This is a bug in mlc; please report it with the lines above.');
}
