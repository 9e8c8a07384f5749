// Business error bodies (reference §5.5, §8 A.3): the AxODataWriteException envelope with the
// Infolog text, field errors before record errors before the duplicate check, 400 on current
// builds and 500 on legacy ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { api, control, errorOf, openSim, person } from './helpers.js';

let sim: D365Sim;
let token: string;

beforeAll(async () => {
  ({ sim, token } = await openSim());
  await api(sim, 'POST', '/data/VendorsV2', { token, body: person('ERR-1') });
});
afterAll(() => sim.close());

const create = (body: Record<string, unknown>) => api(sim, 'POST', '/data/VendorsV2', { token, body });

describe('AxODataWriteException bodies', () => {
  it('duplicate key: the recorded shape, with the VendTable template', async () => {
    const res = await create(person('ERR-1'));
    expect(res.status).toBe(400);
    const body = res.json<Record<string, unknown>>();
    expect(body).toEqual({
      error: {
        code: '',
        message: 'An error has occurred.',
        innererror: {
          message: "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Info: Cannot create a record in Vendors (VendTable). Vendor account: ERR-1, Ada Lovelace.\nThe record already exists..",
          type: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
          stacktrace: expect.stringContaining('UpdateProcessor.CreateEntity_Save') as unknown,
        },
      },
    });
  });

  it('duplicate key matches case-insensitively (SQL collation)', async () => {
    expect((await create(person('err-1'))).status).toBe(400);
  });

  it('unknown vendor group: the FK warning pair', async () => {
    const res = await create(person('ERR-2', { VendorGroupId: 'LOCAL' }));
    expect(errorOf(res).innererror?.message).toBe(
      "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Warning: The value 'LOCAL' in field 'Vendor group' is not found in the related table 'Vendor groups'.; Warning: validateField failed on field 'VendVendorV2Entity.VendorGroupId'.",
    );
  });

  it('reports every failing field, and field errors before the duplicate', async () => {
    const res = await create(person('ERR-1', { CurrencyCode: 'XXX', DefaultPaymentTermsName: 'Net99', DefaultVendorPaymentMethodName: 'CASH' }));
    const msg = errorOf(res).innererror?.message ?? '';
    expect(msg).toContain("The value 'XXX' in field 'Currency'");
    expect(msg).toContain("The value 'Net99' in field 'Terms of payment'");
    expect(msg).toContain("The value 'CASH' in field 'Method of payment'");
    expect(msg).not.toContain('already exists');
  });

  it('mandatory vendor group: validateWrite', async () => {
    const res = await create(person('ERR-3', { VendorGroupId: '' }));
    expect(errorOf(res).innererror?.message).toBe(
      "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Warning: Field 'Vendor group' must be filled in.; Warning: validateWrite failed on data source 'VendTable (VendTable)'.",
    );
  });

  it('the vendor group must exist in the vendor\'s own company', async () => {
    await control(sim, 'POST', '/_sim/vendor-groups', { dataAreaId: 'usrt', id: 'RETAIL' });
    expect((await create(person('ERR-4', { VendorGroupId: 'RETAIL' }))).status).toBe(400);
    expect((await create(person('ERR-4', { VendorGroupId: 'RETAIL', dataAreaId: 'usrt' }))).status).toBe(201);
  });

  it('legacy builds answer the same body with 500; PATCH failures name UpdateEntity_Save', async () => {
    await control(sim, 'PATCH', '/_sim/settings', { build: 'legacy' });
    try {
      const res = await create(person('ERR-1'));
      expect(res.status).toBe(500);
      expect(errorOf(res).innererror?.type).toBe('Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException');
      const patch = await api(sim, 'PATCH', "/data/VendorsV2(dataAreaId='usmf',VendorAccountNumber='ERR-1')", { token, body: { VendorGroupId: 'NOPE' } });
      expect(patch.status).toBe(500);
      expect(errorOf(patch).innererror?.stacktrace).toContain('UpdateEntity_Save');
    } finally {
      await control(sim, 'PATCH', '/_sim/settings', { build: 'current' });
    }
  });

  it('an unknown company is refused', async () => {
    const res = await create(person('ERR-5', { dataAreaId: 'zzzz' }));
    expect(errorOf(res).innererror?.message).toContain("Company 'zzzz' does not exist.");
  });
});
