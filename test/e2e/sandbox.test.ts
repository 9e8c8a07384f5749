// `mlc sandbox` as a user runs it: start it, read its endpoints, point a config at it, ping,
// stop it with SIGTERM; and paste its "Try it" block into bash, as printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MLC_BIN, runMlc } from '../helpers/cli.js';
import { writeSimConfig } from '../helpers/config.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();

describe('mlc sandbox', () => {
  it('prints its endpoints, serves mlc ping and sync --dry-run, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [MLC_BIN, 'sandbox', '--json', '--size', '50', '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const info = await new Promise<{ bamboohr: { url: string; apiKey: string } }>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]!));
      });
      child.on('close', (code) => reject(new Error(`sandbox exited ${code}`)));
    });
    expect(info.bamboohr.apiKey).toBe('sim-full-access-key');
    const config = writeSimConfig(tmp(), info.bamboohr.url);
    const env = { MLC_BAMBOOHR_API_KEY: info.bamboohr.apiKey };
    const ping = await runMlc(['ping', '--config', config], { env });
    expect(ping.code).toBe(0);
    const plan = await runMlc(['sync', '--dry-run', '--json', '--config', config], { env });
    expect((JSON.parse(plan.stdout) as { employees: unknown[] }).employees).toHaveLength(50);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
  });

  it('prints a "Try it" block that works when pasted into bash in the clone', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [MLC_BIN, 'sandbox', '--size', '30', '--seed', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('Press Ctrl-C to stop.')) resolve(buf);
        });
        child.on('close', (code) => reject(new Error(`sandbox exited ${code}: ${buf}`)));
      });
      // The lines between the "Try it" heading's blank line and the next blank line, verbatim.
      const block = printed.split('\n\n').find((p, i, all) => i > 0 && /^Try it:/m.test(all[i - 1]!.split('\n').at(-1) ?? ''))!;
      expect(block).toMatch(/^export MLC_BAMBOOHR_API_KEY=/);
      expect(block).toMatch(/\nEOF\nnpx mlc ping && npx mlc sync --dry-run && npx mlc sync$/);
      // In a folder of the clone, as a user would be: npx finds the project's own mlc there.
      const repo = fileURLToPath(new URL('../..', import.meta.url));
      const cwd = mkdtempSync(`${repo}.sandbox-paste-`);
      try {
        const shell = spawn('bash', [], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, NO_COLOR: '1', npm_config_offline: 'true', npm_config_yes: 'false' }, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        shell.stdout.on('data', (d: Buffer) => (out += d.toString()));
        shell.stderr.on('data', (d: Buffer) => (err += d.toString()));
        shell.stdin.end(`${block}\n`);
        const code = await new Promise((r) => shell.on('close', r));
        expect(err).not.toMatch(/command not found|here-document|No such file/);
        expect(code, `${out}\n${err}`).toBe(0);
        expect(out).toMatch(/^ok {3}bamboohr/m);
        expect(out).toMatch(/^mlc sync --dry-run \(nothing written\): 30 read/m);
        expect(out).toMatch(/^mlc sync ok: 30 read, \d+ created/m);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a size outside 10..50000 with exit 2', async () => {
    const res = await runMlc(['sandbox', '--size', '5']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('mlc: error: --size must be an integer from 10 to 50000, got 5\n');
  });
});
