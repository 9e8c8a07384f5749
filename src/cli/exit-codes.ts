// The one table that turns an outcome into a process exit code. These numbers are a public
// interface (cron wrappers and monitoring test them): never renumber, only add.
import { isMlcError, type ErrorCode } from '../domain/errors.js';

export const ExitCode = {
  ok: 0, // success, including "nothing to do"
  partial: 1, // completed, but some records failed or were parked
  usage: 2, // usage or configuration error
  unreachable: 3, // a system unreachable (or unusable) after retries
  auth: 4, // authentication needed or refused
  locked: 5, // another run holds the lock
  dataLoss: 6, // the no-silent-data-loss guard tripped
  stale: 7, // mlc status --max-age: the last good run is too old (or there is none)
  // Stopped by a signal after a tidy stop: 128 + the signal's number, as shells report it.
  hangup: 129, // SIGHUP
  interruptedByUser: 130, // SIGINT (Ctrl-C)
  terminated: 143, // SIGTERM (systemd, Docker, kill, a scheduler's time limit)
  internal: 70, // a bug: please report it
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const byCode: Record<ErrorCode, ExitCodeValue> = {
  usage: ExitCode.usage,
  config_invalid: ExitCode.usage,
  config_not_found: ExitCode.usage,
  unreachable: ExitCode.unreachable,
  timeout: ExitCode.unreachable,
  rate_limited: ExitCode.unreachable,
  http_status: ExitCode.unreachable,
  bad_response: ExitCode.unreachable,
  auth_required: ExitCode.auth,
  auth_refused: ExitCode.auth,
  secret_store_unavailable: ExitCode.auth,
  lock_held: ExitCode.locked,
  fields_missing: ExitCode.dataLoss,
  state_error: ExitCode.internal,
  state_access: ExitCode.usage,
  record_rejected: ExitCode.partial,
  record_failed: ExitCode.partial,
  unmapped: ExitCode.usage,
  interrupted: ExitCode.terminated,
  internal: ExitCode.internal,
};

const bySignal: Record<string, ExitCodeValue> = { SIGHUP: ExitCode.hangup, SIGINT: ExitCode.interruptedByUser, SIGTERM: ExitCode.terminated };

export function exitCodeFor(err: unknown): ExitCodeValue {
  if (!isMlcError(err)) return ExitCode.internal;
  if (err.code === 'interrupted') return bySignal[String(err.details?.signal)] ?? ExitCode.terminated;
  return byCode[err.code];
}

/** Rows for the README and `mlc help exit-codes`. */
export const exitCodeTable: ReadonlyArray<[ExitCodeValue, string]> = [
  [0, 'success (also: nothing to do)'],
  [1, 'completed with failed or parked records'],
  [2, "usage or configuration error (also this host's setup: a state folder mlc may not write, a bad MLC_LOG_LEVEL)"],
  [3, 'a system unreachable after retries'],
  [4, 'authentication needed or refused'],
  [5, 'another run holds the lock'],
  [6, 'the no-silent-data-loss guard tripped'],
  [7, 'mlc status --max-age: the last good run is older than allowed'],
  [70, 'internal error'],
  [129, 'stopped by SIGHUP (the writes in flight were finished and recorded; the next run resumes)'],
  [130, 'stopped by SIGINT, Ctrl-C (same tidy stop)'],
  [143, 'stopped by SIGTERM (same tidy stop)'],
];
