// Opening the state database: the file is created owner-only (it holds personal data), WAL
// lets readers (`mlc status`) run beside a sync, busy_timeout is seconds not milliseconds
// (Renovate learned that the hard way, commit 0f0ed55725), foreign keys are enforced, and
// migrations run by user_version. SQLite creates the -wal and -shm files with the main
// file's permissions, so they are owner-only too.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { MlcError } from '../domain/errors.js';
import { LATEST_VERSION, migrations } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  busyTimeoutMs: number;
  readonly?: boolean;
}

export function openDatabase(path: string, opts: OpenOptions): Db {
  if (!opts.readonly) ensureOwnerOnlyFile(path);
  // Two first runs at once (two cron lines, a fleet): both may create and migrate the file.
  // Switching to WAL and migrating take locks that SQLite may refuse at once (SQLITE_BUSY
  // without the busy handler), so opening is retried until the busy timeout; then the run
  // lock decides which of them runs (issue 8 §4).
  const deadline = Date.now() + Math.max(opts.busyTimeoutMs, 1000);
  for (;;) {
    try {
      return openOnce(path, opts);
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw stateError(err, path);
      sleepSync(20 + Math.floor(Math.random() * 30));
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/.test(String((err as Error).message));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function openOnce(path: string, opts: OpenOptions): Db {
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, timeout: opts.busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.round(opts.busyTimeoutMs)}`);
    if (!opts.readonly) {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) migrate(db, path);
    else checkVersion(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function ensureOwnerOnlyFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) {
      try {
        closeSync(openSync(path, 'wx', 0o600));
      } catch (err) {
        // Another process created it between the check and the open: theirs is as good.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    else if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (err) {
    throw stateError(err, path);
  }
}

function checkVersion(db: Db, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_VERSION) {
    throw new MlcError('state_error', `${path} was written by a newer mlc (schema ${version}; this build knows up to ${LATEST_VERSION})`, {
      hint: 'upgrade mlc, or point state.path at another file',
    });
  }
  return version;
}

export function migrate(db: Db, path = '(state)'): void {
  const current = checkVersion(db, path);
  for (const m of migrations) {
    if (m.version <= current) continue;
    // Each migration and its version bump commit together: a crash leaves the old version.
    // The version is read again inside the write lock: another process may have migrated
    // while this one waited for it.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export function stateError(err: unknown, path: string): MlcError {
  if (err instanceof MlcError) return err;
  const code = (err as { code?: string }).code ?? '';
  const msg = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/.test(msg)) {
    return new MlcError('state_error', `state database ${path} is damaged or not a SQLite file (${msg})`, {
      hint: 'restore it from a backup, or move it aside to start fresh (the next run re-reads everything and writes only differences)',
      cause: err,
    });
  }
  // Permissions, a file where a folder should be, a folder where the file should be: the
  // user's own setup, so a usage/config error (exit 2) that names the path to fix.
  if (code.startsWith('SQLITE_READONLY') || ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'SQLITE_CANTOPEN'].includes(code)) {
    const hint = 'state.path in the configuration (relative to the config file) says where it goes';
    let blocker: string | undefined;
    for (let d = dirname(path); d !== dirname(d); d = dirname(d)) {
      if (!existsSync(d)) continue;
      if (!statSync(d).isDirectory()) blocker = d;
      break;
    }
    if (blocker) return new MlcError('state_access', `state database ${path}: ${blocker} is a file, not a folder`, { hint: `move that file, or point state.path elsewhere; ${hint}`, cause: err });
    if (existsSync(path) && statSync(path).isDirectory()) return new MlcError('state_access', `state database ${path} is a folder, not a file`, { hint: `name a file in it, e.g. ${path}/mlc.db; ${hint}`, cause: err });
    if (!existsSync(path) && code === 'SQLITE_CANTOPEN') return new MlcError('state_access', `no state database at ${path} yet`, { hint: 'mlc sync creates it; check state.path if a sync has run', cause: err });
    return new MlcError('state_access', `cannot write the state database ${path} (${code || msg})`, {
      hint: `the user running mlc must be able to write ${dirname(path)} and the file in it (check owner and mode), or point state.path elsewhere`,
      cause: err,
    });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new MlcError('state_error', `disk full while writing ${path}`, { cause: err });
  }
  return new MlcError('state_error', `state database ${path}: ${msg}`, { cause: err });
}
