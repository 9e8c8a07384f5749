import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../src/app/notify.js';
import { parseConfig } from '../../src/config/load.js';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { ConfigError, formatProblem } from '../../src/domain/errors.js';

const EXAMPLE = fileURLToPath(new URL('../../config.example.yaml', import.meta.url));

function problems(text: string): string[] {
  try {
    parseConfig(text, '/etc/mlc/mlc.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('loads config.example.yaml as shipped', () => {
    const { config, warnings } = parseConfig(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(warnings).toEqual([]);
    expect(config.bamboohr.baseUrl).toBe('https://acme.bamboohr.com');
    expect(config.state.path.endsWith('/mlc.db')).toBe(true);
    expect(config.state.lockStaleAfterMs).toBe(15 * 60_000);
    expect(config.bamboohr.retry).toMatchObject({ maxAttempts: 6, maxDelayMs: 120_000, budgetMs: 300_000 });
    expect(config.secrets.keychainService).toBe('mlc:acme');
    expect(config.targets.netsuite).toMatchObject({ type: 'netsuite', baseUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com', concurrency: 4 });
    expect(config.flows.map((f) => [f.name, f.target, f.unmapped, Object.keys(f.references)])).toEqual([['employees', 'netsuite', 'park', ['subsidiary', 'department', 'class', 'location']]]);
  });

  it('reports every problem at once, each with line, column and path', () => {
    const text = [
      'timezone: Mars/Olympus', // 1
      'state:', // 2
      '  pth: ./x.db', // 3
      'bamboohr:', // 4
      '  companyDomian: acme', // 5
      '  auth: oauth2', // 6
      '  retry:', // 7
      '    maxAttempts: 0', // 8
      '  timeout: 10 seconds', // 9
    ].join('\n');
    expect(problems(text)).toEqual([
      '/etc/mlc/mlc.yaml:1:11 timezone: unknown time zone; use an IANA name such as America/Denver or Europe/London',
      '/etc/mlc/mlc.yaml:3:3 state.pth: unknown key (did you mean "path"?)',
      '/etc/mlc/mlc.yaml:5:3 bamboohr.companyDomain: is required (string)',
      '/etc/mlc/mlc.yaml:5:3 bamboohr.companyDomian: unknown key (did you mean "companyDomain"?)',
      '/etc/mlc/mlc.yaml:6:9 bamboohr.auth: expected one of "apiKey", "oauth", got "oauth2"',
      '/etc/mlc/mlc.yaml:8:18 bamboohr.retry.maxAttempts: must be at least 1, got 0',
      '/etc/mlc/mlc.yaml:9:12 bamboohr.timeout: expected a duration such as 500ms, 30s, 10m, 26h or 7d',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const out = problems('timezone: UTC\nbamboohr:\n  companyDomain: "acme\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toBe('/etc/mlc/mlc.yaml:4:1 YAML: Missing closing "quote');
  });

  it('refuses duplicate keys and an empty file', () => {
    expect(problems('timezone: UTC\ntimezone: UTC\n')[0]).toMatch(/:2:1 YAML: Map keys must be unique/);
    expect(problems('')).toEqual(['/etc/mlc/mlc.yaml:1:1 expected a YAML mapping (key: value lines); the file is empty or not a mapping']);
  });

  it('runs the named rules after the schema: plain http only on loopback, oauth needs its block', () => {
    const out = problems('timezone: UTC\nbamboohr:\n  companyDomain: acme\n  baseUrl: http://bamboo.example.com\n  auth: oauth\n');
    expect(out).toEqual([
      '/etc/mlc/mlc.yaml:4:12 bamboohr.baseUrl: use https (plain http is only allowed for loopback addresses), got http://bamboo.example.com',
      '/etc/mlc/mlc.yaml:5:9 bamboohr.auth: auth is "oauth" but there is no bamboohr.oauth block with clientId',
    ]);
    const ok = parseConfig('timezone: UTC\nbamboohr:\n  companyDomain: Acme\n  baseUrl: http://127.0.0.1:9000/\n', '/x/mlc.yaml');
    expect(ok.config.bamboohr.baseUrl).toBe('http://127.0.0.1:9000');
    expect(ok.config.bamboohr.companyDomain).toBe('acme');
  });

  it('refuses plain http to a remote ERP (its token or assertion would cross the network unencrypted), not to loopback (issue 8 §6)', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const remote = example.replace('    # baseUrl: http://127.0.0.1:9001 ', '    baseUrl: http://erp.example.com:8080 ');
    expect(remote).not.toBe(example);
    expect(problems(remote).filter((p) => p.includes('targets.netsuite.baseUrl'))).toEqual([
      expect.stringMatching(/^\/etc\/mlc\/mlc\.yaml:\d+:\d+ targets\.netsuite\.baseUrl: use https \(plain http is only allowed for loopback addresses\), got http:\/\/erp\.example\.com:8080$/),
    ]);
    const local = parseConfig(example.replace('    # baseUrl: http://127.0.0.1:9001 ', '    baseUrl: http://127.0.0.1:9001 '), EXAMPLE);
    expect(local.config.targets.netsuite?.baseUrl).toBe('http://127.0.0.1:9001');
  });

  it('sends notifications only over https, or plain http to this machine (issue 8 §6)', () => {
    expect(isSafeUrl('https://hooks.slack.com/services/T/B/x')).toBe(true);
    expect(isSafeUrl('http://127.0.0.1:8080/hook')).toBe(true);
    expect(isSafeUrl('http://localhost/hook')).toBe(true);
    expect(isSafeUrl('http://hooks.example.com/hook')).toBe(false);
    expect(isSafeUrl('not a url')).toBe(false);
  });

  it('keeps warnings apart from errors', () => {
    const { warnings } = parseConfig('timezone: UTC\nbamboohr:\n  companyDomain: acme\n  oauth:\n    clientId: abc\n', '/x/mlc.yaml');
    expect(warnings.map(formatProblem)).toEqual(['/x/mlc.yaml:5:5 bamboohr.oauth: ignored: auth is "apiKey"']);
  });

  it('treats a key written without a value as not set', () => {
    const { config } = parseConfig('timezone: UTC\nsecrets:\nlogging:\nbamboohr:\n  companyDomain: acme\n', '/x/mlc.yaml');
    expect(config.logging.level).toBe('warn');
    expect(problems('timezone:\nbamboohr:\n  companyDomain: acme\n')).toEqual(['/etc/mlc/mlc.yaml:1:10 timezone: expected string, got an empty value']);
  });

  it('resolves relative paths against the config file folder', () => {
    const { config } = parseConfig('timezone: UTC\nstate:\n  path: ../var/state.db\nsecrets:\n  file: s.json\nbamboohr:\n  companyDomain: acme\n', '/etc/mlc/mlc.yaml');
    expect(config.state.path).toBe('/etc/var/state.db');
    expect(config.secrets.file).toBe('/etc/mlc/s.json');
  });

  it('prints a JSON Schema that rejects unknown keys and documents defaults', () => {
    const schema = configJsonSchema() as { properties: Record<string, any>; additionalProperties: boolean; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['timezone', 'bamboohr']);
    expect(schema.properties.bamboohr.properties.changedOverlap.default).toBe('5m');
    expect(schema.properties.bamboohr.properties.companyDomain.description).toMatch(/subdomain/);
  });
});
