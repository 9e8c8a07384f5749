// The agent's command line, run in-process: config validation with clear errors, gen-key,
// fingerprint, and `serve` on the in-memory BOI answering over HTTPS with the generated key.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../src/agent/sage100/cli.js';
import type { CliIo } from '../../src/agent/sage100/commands/io.js';
import { serve } from '../../src/agent/sage100/commands/serve.js';

let dir: string;
let out: string[];
let err: string[];
const io = (env: NodeJS.ProcessEnv = {}): CliIo => ({ stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env });

const CONFIG = `listen: { host: 127.0.0.1, port: 0 }
log: { level: silent }
boi:
  implementation: memory
  company: ABC
  accountStructure:
    separator: "-"
    segments:
      - { length: 4, description: Main Account }
      - { length: 2, description: Department }
`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sage100-cli-'));
  out = [];
  err = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('mlc-sage100-agent', () => {
  test('check reports every config problem with its path and line, exit 2', async () => {
    const file = join(dir, 'agent.yaml');
    await writeFile(file, 'listen: { port: "x" }\nboi:\n  implementation: com\n  company: AB\n  busyPatterns: ["("]\n');
    expect(await main(['node', 'agent', 'check', '--config', file], io())).toBe(2);
    const text = err.join('');
    expect(text).toContain('listen.port: Invalid input: expected number, received string (line 1)');
    expect(text).toContain('boi.company: must be a three-character company code (line 4)');
    expect(text).toContain('boi.com: is required when implementation is com');
    expect(text).toContain('boi.busyPatterns.0: is not a valid regular expression (line 5)');
    await writeFile(file, 'boi: [unclosed\n');
    expect(await main(['node', 'agent', 'check', '-c', file], io())).toBe(2);
    expect(await main(['node', 'agent', 'check', '-c', join(dir, 'missing.yaml')], io())).toBe(2);
  });

  test('gen-key prints a key once and keeps only its SHA-256; fingerprint creates the certificate once', async () => {
    const file = join(dir, 'agent.yaml');
    await writeFile(file, CONFIG);
    expect(await main(['node', 'agent', 'gen-key', '-c', file], io())).toBe(0);
    const key = out.join('').trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hash = (await readFile(join(dir, 'api-key.sha256'), 'utf8')).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key);
    expect(await main(['node', 'agent', 'gen-key', '-c', file], io())).toBe(2);
    out = [];
    expect(await main(['node', 'agent', 'fingerprint', '-c', file], io())).toBe(0);
    const fp = out.join('').trim();
    out = [];
    await main(['node', 'agent', 'fingerprint', '-c', file], io());
    expect(out.join('').trim()).toBe(fp);
  });

  test('serve without a key is a usage error; with the env key it answers HTTPS and prints the fingerprint', async () => {
    const file = join(dir, 'agent.yaml');
    await writeFile(file, CONFIG);
    expect(await main(['node', 'agent', 'serve', '-c', file], io())).toBe(2);
    expect(err.join('')).toMatch(/no API key: set MLC_SAGE100_AGENT_API_KEY or run `mlc-sage100-agent gen-key`/);
    const agent = await serve(file, io({ MLC_SAGE100_AGENT_API_KEY: 'a-long-enough-test-key' }));
    try {
      const printed = out.join('');
      expect(printed).toContain(`certificate SHA-256 fingerprint: ${agent.fingerprint}`);
      const dispatcher = new Agent({ connect: { ca: agent.certPem } });
      const res = await request(`${agent.url}/v1/tables/GL_AccountStructure`, { headers: { 'x-api-key': 'a-long-enough-test-key' }, dispatcher });
      const body = (await res.body.json()) as { rows: unknown[] };
      expect([res.statusCode, body.rows.length]).toEqual([200, 2]);
      await dispatcher.close();
    } finally {
      await agent.close();
    }
  });

  test('the COM implementation off Windows fails the start with exit 3 and says why', async () => {
    const file = join(dir, 'agent.yaml');
    await writeFile(file, CONFIG.replace('implementation: memory', 'implementation: com\n  com: { homePath: "C:\\\\Sage\\\\MAS90\\\\Home" }'));
    const code = await main(['node', 'agent', 'serve', '-c', file], io({ MLC_SAGE100_AGENT_API_KEY: 'k'.repeat(20) }));
    if (process.platform === 'win32') return;
    expect(code).toBe(3);
    expect(err.join('')).toContain('boi.implementation "com" needs Windows');
  });
});
