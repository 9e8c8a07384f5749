// The D365 adapter against its simulator over real HTTP, the session side: Entra tokens by
// secret and by certificate assertion, refusals and their hints, one renewal after a 401 for
// every request in flight, ping, the reference lists, and config check --online's findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowSettings } from '../../src/config/types.js';
import { isMlcError, type MlcError } from '../../src/domain/errors.js';
import { startD365Sim, type D365Sim } from '../../src/sim/d365/index.js';
import { connect, one, vendorOp } from '../sim-d365/adapter-helpers.js';
import { CERT_APP, makeCert, openSim, type TestCert, UNMAPPED_APP } from '../sim-d365/helpers.js';

let sim: D365Sim;
let cert: TestCert;
beforeAll(async () => ({ sim, cert } = await openSim()));
afterAll(() => sim.close());

const flow = (over: Partial<FlowSettings> = {}): FlowSettings => ({
  name: 'employees', target: 'd365', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options: { dataAreaId: 'usmf' },
  references: { vendorGroup: { kind: 'value', value: 'EMPL' }, Department: { kind: 'lookup', from: 'department', table: { source: 'inline', map: new Map() } } },
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<MlcError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMlcError(err)) throw new Error(`expected an MlcError, got ${String(err)}`);
  return err;
}

describe('D365 authentication', () => {
  it('gets a token with the client secret and reports environment, legal entity and format in ping', async () => {
    const { session } = await connect(sim);
    expect(await session.ping([flow()])).toBe(
      'environment https://mlc-sandbox.sandbox.operations.dynamics.com: legal entity usmf (3 vendor groups); active default dimension format CostCenter-Department-BusinessUnit-Location-ItemGroup (delimiter "-"); token by client secret',
    );
    expect(await session.ping([flow({ options: { dataAreaId: 'zz01' } })])).toContain('legal entity zz01 (no vendor groups: does it exist?)');
  });

  it('signs a client assertion with the certificate (x5t#S256) and the simulator accepts it', async () => {
    const before = sim.stats.tokensIssued;
    const { session } = await connect(sim, { clientId: CERT_APP, credential: 'certificate' }, { MLC_D365_CERTIFICATE: cert.pem, MLC_D365_CERTIFICATE_KEY: cert.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(await session.ping()).toContain('token by certificate');
    expect(sim.stats.tokensIssued).toBe(before + 1);
    const tokenCall = sim.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).at(-1)!;
    expect(tokenCall.body).toContain('client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer');
  });

  it('refuses a key that does not belong to the certificate before asking Entra', async () => {
    const other = await makeCert();
    const err = await refusal(connect(sim, { clientId: CERT_APP, credential: 'certificate' }, { MLC_D365_CERTIFICATE: cert.pem, MLC_D365_CERTIFICATE_KEY: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }));
    expect([err.code, err.message]).toEqual(['auth_required', 'the D365 certificate of target "d365" cannot be used: the private key does not belong to the certificate']);
  });

  it("a wrong secret is refused by Entra with the AADSTS text and a hint; the secret never shows", async () => {
    const { session } = await connect(sim, {}, { MLC_D365_CLIENT_SECRET: 'wrong-secret-value' });
    const err = await refusal(session.ping());
    expect(err.code).toBe('auth_refused');
    expect(err.message).toMatch(/^Entra refused the client credentials of target "d365": invalid_client: AADSTS7000215/);
    expect(err.hint).toMatch(/client secret is wrong/);
    expect(err.message).not.toContain('wrong-secret-value');
  });

  it('a token F&O refuses (the app is not mapped to a user) is exit 4 with the setup hint', async () => {
    const { session } = await connect(sim, { clientId: UNMAPPED_APP });
    const err = await refusal(session.ping());
    expect(err.code).toBe('auth_refused');
    expect(err.hint).toContain('System administration > Setup > Microsoft Entra applications');
  });

  it('asks for a new token shortly before the old one ends, without meeting a 401', async () => {
    const short = await startD365Sim({ apps: [{ clientId: 'app', secret: 'sim~secret.value_123' }], tokenTtlSec: 1 });
    try {
      const { session } = await connect(short, { clientId: 'app' });
      await session.references(['dimension Department']);
      await new Promise((r) => setTimeout(r, 950));
      await session.references(['dimension Location']); // not cached yet: a request with a token
      expect([short.stats.tokensIssued, short.stats.unauthorized]).toEqual([2, 0]);
    } finally {
      await short.close();
    }
  });

  it('renews an expired token once for all the requests that met the 401', async () => {
    const { session } = await connect(sim, { batchSize: 5 });
    await session.ping();
    sim.expireTokens();
    const before = sim.stats.tokensIssued;
    const outcomes = await Promise.all([1, 2, 3, 4].map((i) => one(session, vendorOp(`R${i}`))));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sim.stats.tokensIssued).toBe(before + 1);
  });
});

describe('D365 reference lists and self-check', () => {
  it('lists vendor groups of every legal entity and a dimension\'s values (used or modified only), suspended ones inactive', async () => {
    const { session } = await connect(sim);
    const lists = await session.references(['VendorGroups', 'dimension Department', 'dimension Location', 'subsidiary']);
    expect(Object.keys(lists).sort()).toEqual(['VendorGroups', 'dimension Department', 'dimension Location']);
    expect(lists.VendorGroups!.map((g) => g.id).sort()).toEqual(['10', '20', 'EMPL']);
    expect(lists['dimension Department']!.map((v) => [v.id, v.active])).toEqual(expect.arrayContaining([['032', true], ['090', false]]));
    expect(lists['dimension Location']).toHaveLength(8);
  });

  it('says when the environment lacks the entity, the field or a mapped property, and checks format, legal entity and group', async () => {
    const other = await startD365Sim({ apps: [{ clientId: 'app', secret: 'sim~secret.value_123' }], schema: { omitProperties: { VendorsV2: ['DefaultLedgerDimensionDisplayValue', 'Notes'] } } });
    try {
      const { session } = await connect(other, { clientId: 'app' });
      const checked = flow({ fields: { Notes: 'jobTitle', PrimaryPhoneNumber: 'jobTitle' }, references: { vendorGroup: { kind: 'value', value: 'NOPE' }, Region: { kind: 'lookup', from: 'location', table: { source: 'inline', map: new Map() } } } });
      expect(await session.selfCheck([checked])).toEqual([
        { severity: 'error', where: 'targets.d365.dimensionField', message: 'VendorsV2 has no property DefaultLedgerDimensionDisplayValue (erps.md: VendorsV2 calls it DefaultLedgerDimensionDisplayValue)' },
        { severity: 'error', where: 'flows.employees.fields.Notes', message: 'VendorsV2 has no property Notes' },
        { severity: 'error', where: 'flows.employees.references.Region', message: 'Region is not a dimension of the default dimension format CostCenter-Department-BusinessUnit-Location-ItemGroup (delimiter "-")' },
        { severity: 'error', where: 'flows.employees.references.vendorGroup', message: 'vendor group NOPE does not exist in legal entity usmf' },
      ]);
      const { session: v3 } = await connect(other, { clientId: 'app', vendorEntity: 'Vendors' });
      expect((await v3.selfCheck([flow()]))[0]).toEqual({ severity: 'error', where: 'targets.d365.vendorEntity', message: 'the environment has no entity set Vendors (it has VendorsV2, VendorsV3)' });
    } finally {
      await other.close();
    }
  });

  it('uses a configured format without reading it, and a renamed dimension field', async () => {
    const other = await startD365Sim({ apps: [{ clientId: 'app', secret: 'sim~secret.value_123' }], schema: { vendorDimensionField: 'DefaultDimensionDisplayValue' } });
    try {
      const { session } = await connect(other, { clientId: 'app', dimensionField: 'DefaultDimensionDisplayValue', dimensionFormat: { dimensions: ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'], delimiter: 'Hyphen' } });
      expect(await session.ping()).toContain('configured default dimension format CostCenter-Department-BusinessUnit-Location-ItemGroup (delimiter "-")');
      expect(await one(session, vendorOp('N1'))).toMatchObject({ ok: true });
      expect(other.state.vendor('usmf', 'EMP-N1')?.DefaultDimensionDisplayValue).toBe('-022-001--');
      expect(other.requests.some((r) => r.path.includes('DimensionIntegrationFormats') || (r.body ?? '').includes('DimensionIntegrationFormats'))).toBe(false);
      expect(await session.selfCheck([flow()])).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('finds nothing to say about the default environment and configuration', async () => {
    const { session } = await connect(sim);
    expect(await session.selfCheck([flow()])).toEqual([]);
  });
});
