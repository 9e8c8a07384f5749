// pino logger. Logs go to stderr or a file, never to stdout (stdout carries results and
// --json). The destination is synchronous: a CLI that exits right after a run must not lose
// buffered lines (pino docs/asynchronous.md). Every line passes through scrub() before it
// is written, so a secret that slipped into a message or an error is still masked.
import { pino, type Logger as PinoLogger } from 'pino';
import { scrub } from './redact.js';

export type Logger = PinoLogger;
import type { LogLevel } from './levels.js';

export type { LogLevel };
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: LogLevel;
  file?: string | undefined;
  format?: LogFormat | undefined;
  /** Masks sensitive labelled values in the text of each line (audit.redact: an ERP message quoting pay). */
  redactText?: ((line: string) => string) | undefined;
}

// Field paths that may carry personal or secret data; pino replaces their values.
const redactPaths = [
  'headers.authorization',
  'req.headers.authorization',
  '*.password',
  '*.apiKey',
  '*.api_key',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.payRate',
  '*.birthDate',
  '*.homeEmail',
];

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One readable line per record for people reading a terminal or a plain log. */
function pretty(line: string): string {
  try {
    const rec = JSON.parse(line) as Record<string, unknown>;
    const { level, time, msg, pid: _pid, hostname: _host, ...rest } = rec;
    const t = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
    const extras = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${t} ${levelNames[level as number] ?? level} ${String(msg ?? '')}${extras ? ' ' + extras : ''}\n`;
  } catch {
    return line;
  }
}

export function createLogger(opts: LoggerOptions): Logger {
  const format = opts.format ?? (opts.file ? 'json' : process.stderr.isTTY ? 'pretty' : 'json');
  const dest = pino.destination({ dest: opts.file ?? 2, sync: true, mkdir: true });
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      redact: { paths: redactPaths, censor: '[REDACTED]' },
      hooks: {
        streamWrite: (s: string) => {
          const clean = opts.redactText ? opts.redactText(scrub(s)) : scrub(s);
          return format === 'pretty' ? pretty(clean) : clean;
        },
      },
    },
    dest,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
