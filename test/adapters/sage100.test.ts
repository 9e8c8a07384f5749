// The Sage 100 adapter against the agent on the in-memory BOI, over real HTTPS on 127.0.0.1,
// through the port: certificate trust (pin, CA file, nothing pinned yet, wrong pin), the API
// key and mutual TLS, the account structure check, reference reads, applyBatch outcomes
// (idempotent upserts, the checks before writing, Sage's refusals, busy records retried then
// failed), a lost BOI session, an outage, and config check's self-check.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sage100Target, sage100Spec, type Sage100Settings } from '../../src/adapters/sage100/config.js';
import { sage100Adapter } from '../../src/adapters/sage100/index.js';
import { Sage100FlowOptions } from '../../src/adapters/sage100/options.js';
import type { AdapterDeps, ErpOp, ErpSession, OpOutcome } from '../../src/adapters/types.js';
import type { FlowSettings } from '../../src/config/types.js';
import { neverStop } from '../../src/domain/stop.js';
import { HttpClient } from '../../src/http/client.js';
import { RequestCounter } from '../../src/http/counter.js';
import { trustedAgent } from '../../src/http/tls.js';
import { silentLogger } from '../../src/log/logger.js';
import { EnvBackend } from '../../src/secrets/env.js';
import { SecretStore } from '../../src/secrets/store.js';
import { defaultSage100Seed, startSage100Sim, type Sage100Sim } from '../../src/sim/sage100/index.js';

let sim: Sage100Sim;
const dir = mkdtempSync(join(tmpdir(), 'mlc-sage100-adapter-'));
beforeAll(async () => (sim = await startSage100Sim({ seed: { ...defaultSage100Seed(), accounts: [{ account: '2100-00-00' }] } })));
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults(undefined);
  sim.company.locks.clear();
});

function settings(over: Record<string, unknown> = {}): Sage100Settings {
  const written = Sage100Target.parse({ type: 'sage100', baseUrl: sim.url, tls: { pinSha256: sim.fingerprint }, structure: 'XXXX-XX-XX', segments: { department: 2, location: 3 }, busy: { maxAttempts: 3, delay: '50ms', budget: '5s' }, retry: { maxAttempts: 3, maxDelay: '1s', budget: '10s' }, ...over });
  return sage100Spec.normalize(written, 'sage100');
}

function deps(env: Record<string, string> = { MLC_SAGE100_API_KEY: sim.apiKey }): AdapterDeps & { counter: RequestCounter } {
  const counter = new RequestCounter();
  return {
    secrets: new SecretStore([new EnvBackend(env)]), logger: silentLogger(), counter, stop: neverStop,
    // As src/app/sync/connect.ts does: a dispatcher that trusts what the target's tls says.
    http: (o) => {
      const dispatcher = o.tls && (o.tls.caFile || o.tls.pinSha256 || o.tls.clientCertFile) ? trustedAgent(o.system, o.tls) : undefined;
      return new HttpClient({ system: o.system, baseUrl: o.baseUrl, timeoutMs: o.timeoutMs, retry: { ...o.retry, baseDelayMs: 20 }, logger: silentLogger(), counter, ...(dispatcher ? { dispatcher } : {}) });
    },
  };
}

const connect = (s = settings(), d = deps()): Promise<ErpSession> => sage100Adapter.connect(s, d);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { code: string; message: string; hint?: string });

function op(sourceKey: string, kind: ErpOp['kind'], key: string, payload: Record<string, unknown>): ErpOp {
  return { family: 'reference', type: 'subAccount', kind, sourceKey, key, erpKey: null, payload };
}
const sub = (code: string, fields: Record<string, unknown>, guard: string, no = '02') => ({ object: 'GL_SubAccount_bus', key: { SegmentNo: no, SubAccountCode: code }, fields, guard });
const account = (acct: string, fields: Record<string, unknown>, main: Record<string, unknown>) => ({ object: 'GL_Account_bus', key: { Account: acct }, fields, main });
const errorOf = (o: OpOutcome) => (o.ok ? undefined : { code: o.error.code, message: o.error.message });

describe('trust and authentication', () => {
  it('connects with the pinned fingerprint; ping prints what it sees and the account format', async () => {
    const s = await connect();
    expect(await s.ping()).toBe(`mlc-sage100-agent 0.1.0 (protocol v1, memory BOI, company ABC); account format XXXX-XX-XX; certificate SHA-256 ${sim.fingerprint} (pinned)`);
    await s.close();
  });

  it('trusts a CA file instead of a pin', async () => {
    const ca = join(dir, 'agent-ca.pem');
    writeFileSync(ca, sim.certPem);
    const s = await connect(settings({ tls: { caFile: ca } }));
    expect(await s.ping()).toContain('(CA file)');
  });

  it('a wrong pin is refused as authentication (exit 4), naming the fingerprint seen', async () => {
    const err = await failure(connect(settings({ tls: { pinSha256: '00'.repeat(32) } })));
    expect(err).toMatchObject({ code: 'auth_refused' });
    expect(err!.message).toContain(sim.fingerprint);
  });

  it('with nothing pinned yet, says which fingerprint to pin (exit 4), never trusting it', async () => {
    const err = await failure(connect(settings({ tls: {} })));
    expect(err).toMatchObject({ code: 'auth_refused', message: `sage100: the agent's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); it presents SHA-256 fingerprint ${sim.fingerprint}` });
    expect(err!.hint).toContain(`tls.pinSha256: ${sim.fingerprint}`);
  });

  it('the agent refusing the API key is auth_refused; a missing key is auth_required', async () => {
    expect(await failure(connect(settings(), deps({ MLC_SAGE100_API_KEY: 'not-the-key-0123456789' })))).toMatchObject({ code: 'auth_refused', message: 'sage100: the Sage 100 agent refused the credentials (unauthorized: the API key is not valid)' });
    expect(await failure(connect(settings(), deps({})))).toMatchObject({ code: 'auth_required' });
  });

  it('mutual TLS: the client certificate from the target is presented; without it the agent refuses', async () => {
    const ca = await generate([{ name: 'commonName', value: 'clients' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true }] });
    const client = await generate([{ name: 'commonName', value: 'mlc' }], { keyType: 'ec', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert }, extensions: [{ name: 'extKeyUsage', clientAuth: true }] });
    writeFileSync(join(dir, 'client.pem'), client.cert);
    writeFileSync(join(dir, 'client-key.pem'), client.private);
    const mtls = await startSage100Sim({ mtlsCaPem: ca.cert, requireApiKey: false });
    try {
      const base = { baseUrl: mtls.url, tls: { pinSha256: mtls.fingerprint, clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client-key.pem') }, auth: 'mtls' };
      const s = await connect(settings(base), deps({}));
      expect(await s.ping()).toContain('company ABC');
      const err = await failure(connect(settings({ ...base, auth: 'apiKey', tls: { pinSha256: mtls.fingerprint } }), deps({ MLC_SAGE100_API_KEY: 'x'.repeat(20) })));
      expect(err).toMatchObject({ code: 'auth_refused', message: expect.stringContaining('a client certificate issued by the configured CA is required') });
    } finally {
      await mtls.close();
    }
  });

  it('refuses to write when the configured structure is not the company\'s (exit 2)', async () => {
    expect(await failure(connect(settings({ structure: 'XXXX-XXX-XX' })))).toMatchObject({ code: 'config_invalid', message: 'targets.sage100.structure is XXXX-XXX-XX, but Sage 100 company ABC has the account format XXXX-XX-XX' });
  });
});

describe('references and writes', () => {
  it('reads the segment values of each list, read once for the session', async () => {
    const d = deps();
    const s = await connect(settings(), d);
    const refs = await s.references(['department', 'location', 'division']);
    expect(Object.keys(refs)).toEqual(['department', 'location']);
    expect(refs.department!.find((r) => r.id === '05')).toEqual({ id: '05', name: 'Marketing', active: true });
    expect(refs.location!.find((r) => r.id === '99')).toEqual({ id: '99', name: 'Closed Office', active: false });
    const before = d.counter.toJSON().sage100;
    await s.references(['department']);
    expect(d.counter.toJSON().sage100).toBe(before);
  });

  it('writes a headcount once: the same write again is unchanged in Sage, no second Write', async () => {
    const s = await connect();
    const write = op('department=Sales', 'create', '02/04', sub('04', { UDF_HEADCOUNT: 12 }, 'exists'));
    const [first] = await s.applyBatch([write]);
    expect(first).toMatchObject({ ok: true, erpKey: '02/04', response: { outcome: 'updated', setKey: 'existing', changed: ['UDF_HEADCOUNT'] } });
    const writes = sim.stats.writes;
    const [again] = await s.applyBatch([{ ...write, kind: 'update' }]);
    expect(again).toMatchObject({ ok: true, response: { outcome: 'unchanged' } });
    expect(sim.stats.writes).toBe(writes);
    expect(sim.subAccount('02', '04')?.['UDF_HEADCOUNT']).toBe(12);
  });

  it('parks a lookup pointing at a value Sage does not have, or has inactive, without creating it', async () => {
    const s = await connect();
    const outcomes = await s.applyBatch([op('department=Skunkworks', 'create', '02/42', sub('42', { UDF_HEADCOUNT: 1 }, 'exists')), op('department=Old', 'create', '02/99', sub('99', { UDF_HEADCOUNT: 1 }, 'exists'))]);
    expect(outcomes.map(errorOf)).toEqual([
      { code: 'record_rejected', message: 'Sage 100 has no sub-account 42 in segment 02, which the lookup maps "Skunkworks" to: create it in General Ledger > Sub Account Maintenance, or correct the lookup' },
      { code: 'record_rejected', message: 'sub-account 99 of segment 02 ("Old Projects") is not active in Sage 100 (Status I); the lookup maps "Old" to it' },
    ]);
    expect(sim.subAccount('02', '42')).toBeUndefined();
  });

  it('creates a provisioned value; a re-run of that create is harmless; a code the customer uses is not taken over', async () => {
    const s = await connect();
    const create = op('department#900', 'create', '02/QU', sub('QU', { SubAccountDesc: 'Quantum Research', Status: 'A', UDF_HEADCOUNT: 2 }, 'owned'));
    expect((await s.applyBatch([create]))[0]).toMatchObject({ ok: true, response: { outcome: 'created', setKey: 'new' } });
    // A run killed after the write and before its record sends it again: same value, no duplicate.
    const again = await connect();
    expect((await again.applyBatch([create]))[0]).toMatchObject({ ok: true, response: { outcome: 'unchanged' } });
    expect(sim.subAccounts('02').filter((r) => r['SubAccountDesc'] === 'Quantum Research')).toHaveLength(1);
    const [taken] = await again.applyBatch([op('department#901', 'create', '02/01', sub('01', { SubAccountDesc: 'Enablement', Status: 'A' }, 'owned'))]);
    expect(errorOf(taken!)).toEqual({ code: 'record_rejected', message: 'sub-account 01 of segment 02 already exists in Sage 100 as "Engineering", not made by mlc: change provision.code, or map the BambooHR value to it in the lookup' });
    expect(sim.subAccount('02', '01')?.['SubAccountDesc']).toBe('Engineering');
  });

  it('accounts: created on existing sub-accounts; the main account must exist with the rule\'s type; Sage refuses a missing sub-account', async () => {
    const s = await connect();
    const outcomes = await s.applyBatch([
      { ...op('account:6000-05-00', 'create', '6000-05-00', account('6000-05-00', { AccountDesc: 'Salaries Marketing', Status: 'A' }, { code: '6000', type: '15' })), type: 'account' },
      { ...op('account:2100-05-00', 'create', '2100-05-00', account('2100-05-00', { AccountDesc: 'x', Status: 'A' }, { code: '2100', type: '15' })), type: 'account' },
      { ...op('account:7000-05-00', 'create', '7000-05-00', account('7000-05-00', { AccountDesc: 'x', Status: 'A' }, { code: '7000' })), type: 'account' },
      { ...op('account:6000-77-00', 'create', '6000-77-00', account('6000-77-00', { AccountDesc: 'x', Status: 'A' }, { code: '6000' })), type: 'account' },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, erpKey: '6000-05-00', response: { outcome: 'created' } });
    expect(sim.account('6000-05-00')).toMatchObject({ AccountDesc: 'Salaries Marketing', AccountType: '15', MainAccountCode: '6000', RawAccount: '60000500' });
    expect(outcomes.slice(1).map(errorOf)).toEqual([
      { code: 'record_rejected', message: "main account 2100 has AccountType 06 in Sage 100; the flow's account rule says 15" },
      { code: 'record_rejected', message: expect.stringMatching(/^main account 7000 does not exist in Sage 100: create it/) },
      { code: 'record_rejected', message: 'Sage 100 refused GL_Account_bus 6000-77-00: Sub account 77 does not exist for segment 02. (at SetKey)' },
    ]);
  });

  it('a main account mlc may create: left alone when it exists with the type, refused when the agent does not allow it', async () => {
    const s = await connect();
    const main = (code: string) => ({ ...op(`main:${code}`, 'create', `01/${code}`, { object: 'GL_MainAccount_bus', key: { SegmentNo: '01', MainAccountCode: code }, fields: { MainAccountDesc: 'New', AccountType: '15' }, guard: 'createOnly' }), type: 'mainAccount' });
    const [exists, missing] = await s.applyBatch([main('6000'), main('6200')]);
    expect(exists).toMatchObject({ ok: true, response: { outcome: 'exists' } });
    expect(errorOf(missing!)).toEqual({ code: 'record_rejected', message: expect.stringContaining('the agent does not let mlc create it: add GL_MainAccount_bus to boi.writableObjects') });
    expect(sim.mainAccounts().find((m) => m['MainAccountCode'] === '6000')?.['MainAccountDesc']).toBe('Salaries');
  });

  it("parks a record Sage refuses with Sage's words, and writes the rest of the batch", async () => {
    const s = await connect();
    const [bad, good] = await s.applyBatch([op('department=X', 'update', '02/06', sub('06', { PrintFinancialStmts: 'Maybe' }, 'exists')), op('department=Y', 'update', '02/07', sub('07', { UDF_HEADCOUNT: 3 }, 'exists'))]);
    expect(errorOf(bad!)).toEqual({ code: 'record_rejected', message: 'Sage 100 refused GL_SubAccount_bus 02 06: Invalid value for PrintFinancialStmts; valid values are Y, N. (at SetValue PrintFinancialStmts)' });
    expect(good).toMatchObject({ ok: true });
  });
});

describe('dry run --online', () => {
  it("runs mlc's checks against the agent's tables and writes nothing", async () => {
    const s = await connect();
    const writes = sim.stats.writes;
    const outcomes = await s.validateBatch!([op('department=Sales', 'update', '02/04', sub('04', { UDF_HEADCOUNT: 99 }, 'exists')), op('department=Nope', 'create', '02/43', sub('43', { UDF_HEADCOUNT: 1 }, 'exists'))]);
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(errorOf(outcomes[1]!)).toMatchObject({ code: 'record_rejected', message: expect.stringContaining('has no sub-account 43') });
    expect(sim.stats.writes).toBe(writes);
    expect(sim.subAccount('02', '04')?.['UDF_HEADCOUNT']).not.toBe(99);
  });
});

describe('busy records, lost sessions, outages', () => {
  it('tries a busy record again with backoff and writes it once another user lets go', async () => {
    const s = await connect();
    sim.lock('GL_SubAccount_bus', { SegmentNo: '02', SubAccountCode: '08' }, { attempts: 2 });
    const [o] = await s.applyBatch([op('department=Human Resources', 'update', '02/08', sub('08', { UDF_HEADCOUNT: 4 }, 'exists'))]);
    expect(o).toMatchObject({ ok: true, attempts: 3, response: { outcome: 'updated' } });
  });

  it('fails a record still busy after the budget (left open for the next run), the rest of the batch written', async () => {
    const s = await connect();
    sim.lock('GL_SubAccount_bus', { SegmentNo: '02', SubAccountCode: '09' }, { ms: 60_000 });
    const [busy, free] = await s.applyBatch([op('department=Operations', 'update', '02/09', sub('09', { UDF_HEADCOUNT: 4 }, 'exists')), op('department=Legal', 'update', '02/10', sub('10', { UDF_HEADCOUNT: 2 }, 'exists'))]);
    expect(busy).toMatchObject({ ok: false, attempts: 3, error: { code: 'record_failed', message: expect.stringMatching(/^GL_SubAccount_bus 02 09 is busy in Sage 100 \(another user has it open: Error #0: Record\/file busy\); still busy after 3 attempts over [\d.]+ s: the next run tries again$/) } });
    expect(free).toMatchObject({ ok: true });
  });

  it('a lost BOI session (503 boi_unavailable, Retry-After 5) is retried; the write lands once', async () => {
    const s = await connect(settings({ retry: { maxAttempts: 3, maxDelay: '6s', budget: '20s' } }));
    await s.references(['department']); // read before the session dies: the batch meets the 503
    sim.endSessions();
    const [o] = await s.applyBatch([op('department=IT', 'update', '02/11', sub('11', { UDF_HEADCOUNT: 6 }, 'exists'))]);
    expect(o).toMatchObject({ ok: true });
    expect(sim.requests.filter((r) => r.path === '/v1/batch').slice(-2).map((r) => r.status)).toEqual([503, 200]);
  });

  it('an agent that stays unavailable is an outage that stops the run (exit 3)', async () => {
    const s = await connect();
    sim.setFaults({ failNext: [{ status: 503, times: 5, pathPrefix: '/v1/batch' }] });
    expect(await failure(s.applyBatch([op('department=IT', 'update', '02/11', sub('11', { UDF_HEADCOUNT: 7 }, 'exists'))]))).toMatchObject({ code: 'unreachable', message: expect.stringContaining('boi_unavailable') });
  });
});

describe('config check --online', () => {
  it('reports a headcount field the agent does not know, a main account of another type, a missing fill value', async () => {
    const s = await connect();
    const flow: FlowSettings = {
      name: 'org', target: 'sage100', filter: {}, unmapped: 'park', fields: {}, names: 'legal', references: {},
      options: Sage100FlowOptions.parse({ headcount: { field: 'UDF_STAFF' }, accounts: [{ main: '2100', by: ['department'], type: '15' }, { main: '6000', by: ['department'], fill: { 3: '55' } }] }),
    };
    expect(await s.selfCheck!([flow])).toEqual([
      { severity: 'error', where: 'flows.org.options.headcount.field', message: 'the agent knows no user-defined field UDF_STAFF on GL_SubAccount: add it in Custom Office and to boi.udfs in agent.yaml' },
      { severity: 'error', where: 'flows.org.options.accounts.0.type', message: 'main account 2100 has AccountType 06 in Sage 100, not 15' },
      { severity: 'error', where: 'flows.org.options.accounts.1.fill', message: 'segment 03 has no active sub-account 55 in Sage 100: every account of this rule needs it' },
    ]);
  });
});
