// The keychain backend for real: a private D-Bus session with an unlocked gnome-keyring
// (reference/dependencies.md §2), driven through the built CLI like a user would.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MLC_BIN, runMlc } from '../helpers/cli.js';
import { KEYRING_INSTALL, missingKeyringCommands, needOrSkip } from '../helpers/needs.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const CANARY = 'canary-keychain-7f3a9c1e2b';

function writeConfig(dir: string): string {
  const file = join(dir, 'mlc.yaml');
  writeFileSync(file, 'timezone: UTC\nbamboohr:\n  companyDomain: acme\n  baseUrl: http://127.0.0.1:9\n');
  return file;
}

/** keytar's native module links libsecret: loading it is the one sure test that it is there. */
function keytarLoads(): boolean {
  return spawnSync(process.execPath, ['-e', "require('@github/keytar')"], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'ignore' }).status === 0;
}

const missing = [...missingKeyringCommands(), ...(keytarLoads() ? [] : ['libsecret (keytar does not load)'])];

describe('keychain backend', () => {
  it('stores, lists, reads and deletes a secret in a real Secret Service keyring', (ctx) => {
    needOrSkip(ctx, 'keychain test', missing, KEYRING_INSTALL);
    const dir = tmp();
    const config = writeConfig(dir);
    mkdirSync(join(dir, 'run'), { mode: 0o700 });
    const mlc = `"${process.execPath}" "${MLC_BIN}"`;
    const script = [
      'set -e',
      'printf "ci-pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `printf '%s\\n' "$CANARY" | ${mlc} auth set bamboohr api_key --config "${config}"`,
      `${mlc} auth list --config "${config}"`,
      `${mlc} auth list --json --config "${config}"`,
      `${mlc} auth delete bamboohr api_key --config "${config}"`,
      `${mlc} auth list --config "${config}"`,
    ].join('\n');
    const out = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { PATH: process.env.PATH, HOME: dir, XDG_RUNTIME_DIR: join(dir, 'run'), CANARY, NO_COLOR: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain('stored bamboohr.api_key in the keychain');
    expect(out).toMatch(/bamboohr\.api_key\s+keychain\s+\(env: MLC_BAMBOOHR_API_KEY\)/);
    expect(out).toContain('"sources": [\n        "keychain"');
    expect(out).toContain('deleted bamboohr.api_key from the keychain');
    expect(out).toMatch(/bamboohr\.api_key\s+not set/);
    expect(out).not.toContain(CANARY);
  });

  it('says plainly when there is no D-Bus session, stores nothing, and points to the environment', async () => {
    const dir = tmp();
    const config = writeConfig(dir);
    const res = await runMlc(['auth', 'set', 'bamboohr', 'api_key', '--config', config], { input: `${CANARY}\n`, env: { HOME: dir } });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('cannot store bamboohr.api_key in the keychain: no D-Bus session bus on this host');
    expect(res.stderr).toContain('MLC_<CONNECTION>_<SECRET>');
    expect(res.stdout + res.stderr).not.toContain(CANARY);
    const list = await runMlc(['auth', 'list', '--config', config], { env: { HOME: dir, MLC_BAMBOOHR_API_KEY: CANARY } });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/bamboohr\.api_key\s+env/);
    expect(list.stderr).toContain('keychain: unavailable: no D-Bus session bus');
    expect(list.stdout + list.stderr).not.toContain(CANARY);
  });

  it('stores in an owner-only secrets file when one is configured', async () => {
    const dir = tmp();
    const config = join(dir, 'mlc.yaml');
    writeFileSync(config, 'timezone: UTC\nsecrets:\n  file: ./secrets.json\nbamboohr:\n  companyDomain: acme\n');
    const res = await runMlc(['auth', 'set', 'bamboohr', 'api_key', '--config', config], { input: CANARY, env: { HOME: dir } });
    expect(res.stdout.trim()).toBe('stored bamboohr.api_key in the file');
    const { statSync, readFileSync, chmodSync } = await import('node:fs');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'bamboohr.api_key': CANARY });
    chmodSync(join(dir, 'secrets.json'), 0o644);
    const refused = await runMlc(['auth', 'list', '--config', config], { env: { HOME: dir } });
    expect(refused.stderr).toMatch(/file: unavailable: .*secrets\.json is readable by other users \(mode 644\); run: chmod 600/);
  });
});
