// `mlc config check`: can the state database be created and written where state.path says?
// Checked by asking the file system (access(2)), so a cron job learns about a read-only folder
// or a file in the way before its first run, not from a failed sync.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

function denied(path: string, mode: number): string | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

/** Why mlc could not write its state at `path`, or undefined when it can. */
export function stateWriteProblem(path: string): string | undefined {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) return `${path} is a folder, not a file`;
    const file = denied(path, constants.R_OK | constants.W_OK);
    if (file) return `cannot write ${path} (${file})`;
    // SQLite keeps its -wal and -shm files beside the database: the folder must be writable too.
    const dir = denied(dirname(path), constants.W_OK | constants.X_OK);
    return dir ? `cannot write the folder ${dirname(path)} (${dir}); SQLite keeps its -wal and -shm files beside the database` : undefined;
  }
  // mlc creates the missing folders: the nearest existing one must be a folder it can write.
  for (let d = dirname(path); ; d = dirname(d)) {
    if (existsSync(d)) {
      if (!statSync(d).isDirectory()) return `${d} is a file, not a folder`;
      const dir = denied(d, constants.W_OK | constants.X_OK);
      return dir ? `cannot create ${path}: the folder ${d} is not writable (${dir})` : undefined;
    }
    if (d === dirname(d)) return undefined;
  }
}
