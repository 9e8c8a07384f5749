// Typed errors. Every failure mlc knows how to explain carries a stable snake_case `code`
// (scripts and tests branch on it, never on message text), a `retryable` flag (would the same
// call succeed later without anyone changing anything?) and an optional `hint` telling the
// operator what to do. The CLI turns codes into exit codes in one table: src/cli/exit-codes.ts.

export type ErrorCode =
  | 'usage' // bad command-line arguments
  | 'config_invalid' // the YAML file has problems (each listed with line and column)
  | 'config_not_found'
  | 'unreachable' // connection refused / reset / DNS, after retries
  | 'timeout' // no answer in time, after retries
  | 'rate_limited' // 429/503 still returned when the retry budget ran out
  | 'http_status' // an HTTP error status that retrying will not fix
  | 'bad_response' // XML, HTML or malformed JSON where JSON was expected
  | 'auth_required' // a secret is missing: run `mlc auth set|login`
  | 'auth_refused' // the system refused the credentials (401/403, refused refresh)
  | 'secret_store_unavailable' // keychain cannot be used on this host
  | 'lock_held' // another run holds the lease lock
  | 'fields_missing' // the no-silent-data-loss guard tripped
  | 'state_error' // the SQLite state database cannot be used (damaged, newer, disk full)
  | 'state_access' // the state file or its folder cannot be created or written: permissions, a file in the way (the user's setup)
  | 'record_rejected' // the ERP refused one record as invalid: parked with the ERP's message
  | 'record_failed' // one record failed in a way a later attempt may fix
  | 'unmapped' // a value with no lookup entry in strict mode (unmapped: fail)
  | 'interrupted' // SIGTERM/SIGINT/SIGHUP: writes in flight were finished and recorded, the rest waits
  | 'internal';

export interface MlcErrorOptions {
  retryable?: boolean;
  hint?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class MlcError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: MlcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MlcError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
    this.details = options.details;
  }
}

export function isMlcError(err: unknown): err is MlcError {
  return err instanceof MlcError;
}

/** One problem found in a configuration file; `path` is dotted (`bamboohr.companyDomain`). */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export class ConfigError extends MlcError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const n = problems.length;
    super('config_invalid', `${n} problem${n === 1 ? '' : 's'} in the configuration`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where} ${p.message}`;
}
