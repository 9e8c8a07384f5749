// Log levels, kept apart from pino so the command-line options can name them without loading
// the logger at start-up (`mlc --help` stays fast).
import { MlcError } from '../domain/errors.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** The levels a user can choose: logging.level in the config, --log-level and MLC_LOG_LEVEL. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;

/** MLC_LOG_LEVEL, checked: a typo there is the user's setup (exit 2), not a crash in pino. */
export function envLogLevel(env: NodeJS.ProcessEnv): LogLevel | undefined {
  const v = env.MLC_LOG_LEVEL?.trim().toLowerCase();
  if (!v) return undefined;
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new MlcError('usage', `MLC_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.MLC_LOG_LEVEL}"`, { hint: 'fix or unset MLC_LOG_LEVEL (logging.level in the config sets the default)' });
}
