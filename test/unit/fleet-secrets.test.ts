// Per-company secret namespaces (src/secrets/company.ts): names, precedence, the child's
// environment and the keychain service, with and without MLC_COMPANY.
import { describe, expect, it } from 'vitest';
import { companyEnv, companyKeychainService, companyName, companyOf, namespaceOwner } from '../../src/secrets/company.js';
import { EnvBackend, envVarName, envVarNames } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';

const KEY = { connection: 'bamboohr', name: 'api_key' };

describe('per-company secret namespaces', () => {
  it('names a company after its file, in upper snake case', () => {
    expect(companyName('/x/globex-eu.yaml')).toBe('GLOBEX_EU');
    expect(companyName('AcmeCorp.yml')).toBe('ACME_CORP');
    expect(companyName('los pollos.yaml')).toBe('LOS_POLLOS');
    expect(companyOf({ MLC_COMPANY: 'ACME_CORP' })).toBe('ACME_CORP');
    expect(companyOf({})).toBeUndefined();
    expect(() => companyOf({ MLC_COMPANY: 'acme corp' })).toThrow('MLC_COMPANY must be a company name in upper snake case such as ACME_CORP, got "acme corp"');
  });

  it("reads the company's own name first, then the plain one; outside a fleet, only the plain one", async () => {
    expect(envVarNames(KEY, 'ACME')).toEqual(['MLC_ACME_BAMBOOHR_API_KEY', 'MLC_BAMBOOHR_API_KEY']);
    expect(envVarNames(KEY, undefined)).toEqual(['MLC_BAMBOOHR_API_KEY']);
    expect(envVarNames(KEY, 'FLEET', false)).toEqual(['MLC_FLEET_BAMBOOHR_API_KEY']);
    expect(envVarName(KEY, { MLC_COMPANY: 'ACME' })).toBe('MLC_ACME_BAMBOOHR_API_KEY');
    expect(envVarName(KEY, {})).toBe('MLC_BAMBOOHR_API_KEY');
    const env = { MLC_COMPANY: 'ACME', MLC_ACME_BAMBOOHR_API_KEY: 'own', MLC_BAMBOOHR_API_KEY: 'plain' };
    expect(await new EnvBackend(env).get(KEY)).toBe('own');
    expect(await new EnvBackend({ ...env, MLC_ACME_BAMBOOHR_API_KEY: '' }).get(KEY)).toBe('plain');
    expect(await new EnvBackend({ MLC_ACME_BAMBOOHR_API_KEY: 'own', MLC_BAMBOOHR_API_KEY: 'plain' }).get(KEY)).toBe('plain');
    expect(await new EnvBackend({ MLC_BAMBOOHR_API_KEY: 'plain' }, { company: 'FLEET', plain: false }).get(KEY)).toBeUndefined();
  });

  it("gives each child the fleet's environment minus every other company's namespace", () => {
    expect(['MLC_ACME_X', 'MLC_ACME_EU_X', 'MLC_GLOBEX_X', 'MLC_X'].map((v) => namespaceOwner(v, ['ACME', 'ACME_EU', 'GLOBEX']))).toEqual(['ACME', 'ACME_EU', 'GLOBEX', undefined]);
    const env = { PATH: '/bin', MLC_COMPANY: 'STALE', MLC_BAMBOOHR_API_KEY: 'plain', MLC_ACME_BAMBOOHR_API_KEY: 'a', MLC_ACME_EU_BAMBOOHR_API_KEY: 'eu', MLC_GLOBEX_NETSUITE_PRIVATE_KEY: 'g', MLC_LOG_LEVEL: 'info' };
    const names = ['ACME', 'ACME_EU', 'GLOBEX'];
    expect(companyEnv(env, 'ACME', names)).toEqual({ PATH: '/bin', MLC_COMPANY: 'ACME', MLC_BAMBOOHR_API_KEY: 'plain', MLC_ACME_BAMBOOHR_API_KEY: 'a', MLC_LOG_LEVEL: 'info' });
    expect(companyEnv(env, 'ACME_EU', names)).toEqual({ PATH: '/bin', MLC_COMPANY: 'ACME_EU', MLC_BAMBOOHR_API_KEY: 'plain', MLC_ACME_EU_BAMBOOHR_API_KEY: 'eu', MLC_LOG_LEVEL: 'info' });
  });

  it('keeps a keychain service per company and names the missing secret in its own namespace', async () => {
    const a = SecretStore.create({ keychainService: 'mlc:acme', env: { MLC_COMPANY: 'ALPHA' } });
    const b = SecretStore.create({ keychainService: 'mlc:acme', env: { MLC_COMPANY: 'BRAVO', MLC_BRAVO_BAMBOOHR_API_KEY: 'b-key' } });
    const plain = SecretStore.create({ keychainService: 'mlc:acme', env: {} });
    expect([a.keychainService, b.keychainService, plain.keychainService]).toEqual(['mlc:acme:alpha', 'mlc:acme:bravo', 'mlc:acme']);
    expect(companyKeychainService('mlc:acme', undefined)).toBe('mlc:acme');
    expect(await b.get(KEY)).toEqual({ value: 'b-key', source: 'env' });
    expect(await a.get(KEY)).toBeUndefined();
    await expect(a.require(KEY)).rejects.toMatchObject({
      code: 'auth_required',
      message: 'secret bamboohr.api_key of company ALPHA is not set',
      hint: 'run `MLC_COMPANY=ALPHA mlc auth set bamboohr api_key` or set MLC_ALPHA_BAMBOOHR_API_KEY (or MLC_BAMBOOHR_API_KEY)',
    });
    // Outside a fleet: exactly as before.
    await expect(plain.require(KEY)).rejects.toMatchObject({ message: 'secret bamboohr.api_key is not set', hint: 'run `mlc auth set bamboohr api_key` or set MLC_BAMBOOHR_API_KEY' });
  });
});
