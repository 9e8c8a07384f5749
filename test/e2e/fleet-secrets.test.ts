// Secrets per company stay apart in a fleet: each company reads MLC_<COMPANY>_… (and the plain
// names) and a keychain service of its own, and a run for one company can never read another's.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_API_KEY } from '../../src/app/sandbox.js';
import { MLC_BIN } from '../helpers/cli.js';
import { KEYRING_INSTALL, missingKeyringCommands, needOrSkip } from '../helpers/needs.js';
import { useTempDir } from '../helpers/tmp.js';
import { namespaced, useFleet } from './fleet-helpers.js';

const tmp = useTempDir();
const fleet = useFleet(tmp);

interface Report { exitCode: number; companies: Array<{ name: string; status: string; exitCode: number; error: string | null }> }
const byName = (r: Report) => Object.fromEntries(r.companies.map((c) => [c.name, c]));

function sh(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Asynchronous on purpose: the simulators answer from this very process.
  return new Promise((resolve) => {
    const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mlc fleet: secrets per company', () => {
  it("with only B's variables set, A exits 4 naming its own secret; B's names win over plain ones", async () => {
    const f = fleet();
    const a = await f.add('alpha', { size: 10, seed: 1 });
    const b = await f.add('bravo', { size: 10, seed: 2 });
    const { res, out } = await f.json<Report>(['sync', f.dir], {}, b.secrets);
    expect(res.code).toBe(4);
    const r = byName(out);
    expect(r.BRAVO).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(r.ALPHA).toMatchObject({ status: 'auth', exitCode: 4 });
    expect(r.ALPHA!.error).toContain('secret bamboohr.api_key of company ALPHA is not set');
    expect(r.ALPHA!.error).toContain('MLC_COMPANY=ALPHA mlc auth set bamboohr api_key` or set MLC_ALPHA_BAMBOOHR_API_KEY (or MLC_BAMBOOHR_API_KEY)');
    expect(r.ALPHA!.error).not.toContain('BRAVO');
    expect(a.sb.bamboo.requests).toHaveLength(0); // nothing was sent to A's BambooHR, with any key

    // Plain names are accepted alongside (here: A's), and a company's own names win over them:
    // B's NetSuite refuses A's key, so B succeeding means it used MLC_BRAVO_NETSUITE_PRIVATE_KEY.
    expect(Object.keys(a.sb.env())).toEqual(['MLC_BAMBOOHR_API_KEY', 'MLC_NETSUITE_PRIVATE_KEY']);
    expect(a.sb.env().MLC_NETSUITE_PRIVATE_KEY).not.toBe(b.sb.env().MLC_NETSUITE_PRIVATE_KEY); // each simulator made its own key pair
    const both = await f.json<Report>(['sync', f.dir], {}, { ...b.secrets, ...a.sb.env() });
    expect(both.res.code, both.res.stderr).toBe(0);
    expect(byName(both.out).ALPHA).toMatchObject({ status: 'ok' });
    expect(a.sb.netsuite.records.employees().length).toBeGreaterThan(0);
  });

  it("a company's keychain service is its own: A's stored key is invisible to B and to plain runs", async (ctx) => {
    needOrSkip(ctx, 'fleet keychain test', missingKeyringCommands(), KEYRING_INSTALL);
    const f = fleet();
    const a = await f.add('alpha', { size: 10, seed: 1 });
    const b = await f.add('bravo', { size: 10, seed: 2 });
    mkdirSync(join(f.dir, 'run'), { mode: 0o700 });
    const mlc = `"${process.execPath}" "${MLC_BIN}"`;
    const script = [
      'set -e',
      'printf "ci-pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      // A's BambooHR key into A's service; the same key stored for plain runs of B's config.
      `printf '%s\\n' "$KEY" | MLC_COMPANY=ALPHA ${mlc} auth set bamboohr api_key --config "${a.config}"`,
      `printf '%s\\n' "$KEY" | ${mlc} auth set bamboohr api_key --config "${b.config}"`,
      `MLC_COMPANY=BRAVO ${mlc} auth list --config "${b.config}"`,
      `${mlc} fleet sync "${f.dir}" --json || true`,
    ].join('\n');
    // NetSuite keys from the environment (namespaced); no BambooHR key anywhere in it.
    const netsuite = { ...namespaced('ALPHA', { MLC_NETSUITE_PRIVATE_KEY: a.sb.env().MLC_NETSUITE_PRIVATE_KEY! }), ...namespaced('BRAVO', { MLC_NETSUITE_PRIVATE_KEY: b.sb.env().MLC_NETSUITE_PRIVATE_KEY! }) };
    const res = await sh(script, { PATH: process.env.PATH ?? '', HOME: f.dir, XDG_RUNTIME_DIR: join(f.dir, 'run'), NO_COLOR: '1', KEY: SIM_API_KEY, ...netsuite });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/bamboohr\.api_key\s+not set\s+\(env: MLC_BRAVO_BAMBOOHR_API_KEY\)/);
    const report = JSON.parse(res.stdout.slice(res.stdout.indexOf('{\n'))) as Report;
    expect(byName(report).ALPHA).toMatchObject({ status: 'ok', exitCode: 0 }); // read from service mlc:acme:alpha
    expect(byName(report).BRAVO).toMatchObject({ status: 'auth', exitCode: 4 }); // mlc:acme:bravo is empty; mlc:acme is not read
    expect(byName(report).BRAVO!.error).toContain('secret bamboohr.api_key of company BRAVO is not set');
    expect(res.stdout + res.stderr).not.toContain(SIM_API_KEY);
  });

  it("refuses a company whose secret names fall in another company's namespace, and runs the rest", async () => {
    const f = fleet();
    const a = await f.add('alpha', { size: 10, seed: 1 });
    // A company called NETSUITE owns MLC_NETSUITE_…, where ALPHA's plain name for its NetSuite
    // key (MLC_NETSUITE_PRIVATE_KEY) would be: ALPHA could read NETSUITE's secrets.
    await f.add('netsuite', { size: 10, seed: 2 });
    const { res, out } = await f.json<Report>(['sync', f.dir]);
    expect(res.code).toBe(2);
    expect(byName(out).ALPHA).toMatchObject({ status: 'config', exitCode: 2 });
    expect(byName(out).ALPHA!.error).toContain("it reads netsuite.private_key from MLC_NETSUITE_PRIVATE_KEY, which is in company NETSUITE's namespace (MLC_NETSUITE_…); rename the connection or one of the files");
    expect(byName(out).NETSUITE).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(a.sb.bamboo.requests).toHaveLength(0);
  });
});
