// `mlc sandbox` as a user runs it: start it, read its endpoints, point a config at it, ping,
// stop it with SIGTERM.
import { spawn } from 'node:child_process';
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

  it('refuses a size outside 10..50000 with exit 2', async () => {
    const res = await runMlc(['sandbox', '--size', '5']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('mlc: error: --size must be an integer from 10 to 50000, got 5\n');
  });
});
