// Failpoints for the crash suite: `MLC_FAILPOINT=<name>[@<n>]` makes the process kill itself
// with SIGKILL the n-th time (default 1st) it reaches the named point, exactly like an
// operator's kill -9 or a power cut at that instant. Unset (always, in production) it costs a
// map lookup. Points: after-persist, erp-written (the ERP accepted, the outcome not yet
// recorded), before-cursor-commit. `MLC_FAILPOINT=throw:<name>[@<n>]` instead makes that
// point throw a "disk full" error from SQLite (persist-slice: storing the change set fails).
const spec = process.env.MLC_FAILPOINT;
const [target, nth] = (spec ?? '').split('@');
let hits = 0;

export function failpoint(name: string): void {
  if (!spec || name !== target) return;
  hits++;
  if (hits === Number(nth ?? '1')) process.kill(process.pid, 'SIGKILL');
}

/** A point that fails like a full disk under SQLite, the n-th time it is reached. */
export function faultpoint(name: string): void {
  if (!spec || `throw:${name}` !== target) return;
  hits++;
  if (hits === Number(nth ?? '1')) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}
