// Tests that need system packages (a Secret Service keyring, a browser). On a machine without
// them `npm test` stays green and says what it skipped and how to install it; under CI, which
// installs them (.ci/run), their absence is a failure: a skip there would hide a broken setup.
import { spawnSync } from 'node:child_process';

export const underCi = process.env.CI === 'true' || process.env.CI === '1';

export const hasCommand = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** What the keychain tests need: a D-Bus session, gnome-keyring (and libsecret, checked apart). */
export const KEYRING_INSTALL = 'apt-get install dbus-daemon gnome-keyring libsecret-1-0';
export const missingKeyringCommands = (): string[] => ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !hasCommand(c));

/**
 * Nothing missing: returns. Outside CI: says why on stderr and skips the running test. Under
 * CI: fails it with the same words.
 */
export function needOrSkip(ctx: { skip(note?: string): void }, test: string, missing: readonly string[], install: string, ci = underCi): void {
  if (missing.length === 0) return;
  const why = `needs ${missing.join(', ')}; on Debian/Ubuntu: ${install}`;
  if (!ci) {
    process.stderr.write(`${test} skipped: ${why}\n`);
    ctx.skip(why); // throws in vitest; the return is for anything that does not
    return;
  }
  throw new Error(`CI is set and the ${test} ${why}`);
}
